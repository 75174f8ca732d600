"""Checks for book/probability/events.md and its solutions."""

from mathcheck import check

# ---- results stated in the section ------------------------------------------------------


@check
def prop_prob_ev_rules(ex):
    ex.identity()


@check
def thm_prob_ev_total_probability(ex):
    ex.identity()


@check
def thm_prob_ev_bayes(ex):
    ex.identity()


# ---- worked examples -------------------------------------------------------------------


@check
def ex_prob_ev_dice(ex):
    a, b, ab = ex.given("P(A)"), ex.given("P(B)"), ex.given(r"P(A \cap B)")
    e, s, es = ex.given("P(E)"), ex.given("P(S)"), ex.given(r"P(E \cap S)")
    ex.require(a * b != ab, "the text says that A and B are dependent")
    ex.require(e * s == es, "the text says that E and S are independent")
    ex.results(ab / b, es / e)


@check
def ex_prob_ev_screening(ex):
    prior, hit, alarm = ex.given("P(D)"), ex.given(r"P(T \mid D)"), ex.given(r"P(T \mid D^c)")
    evidence = hit * prior + alarm * (1 - prior)
    ex.states("P(T)", evidence)
    ex.states(r"P(D \mid T^c)", (1 - hit) * prior / (1 - evidence))
    ex.result(hit * prior / evidence)


@check
def ex_prob_ev_two_tests(ex):
    prior = ex.given("P(D)")
    hit, alarm = ex.given(r"P(T_1 \mid D)"), ex.given(r"P(T_1 \mid D^c)")
    ex.require(ex.given(r"P(T_2 \mid D)") == hit and ex.given(r"P(T_2 \mid D^c)") == alarm,
               "the second test should have the sensitivity and false-alarm rate of the first")
    both_ill, both_well = hit * hit, alarm * alarm   # conditional independence given D and given D^c
    evidence = both_ill * prior + both_well * (1 - prior)
    ex.states(r"P(T_1 \cap T_2)", evidence)
    # Updating twice, one test at a time, gives the same posterior.
    once = hit * prior / (hit * prior + alarm * (1 - prior))
    twice = hit * once / (hit * once + alarm * (1 - once))
    ex.require(twice == both_ill * prior / evidence, "sequential updating should agree with the joint update")
    ex.result(both_ill * prior / evidence)


# ---- solutions -------------------------------------------------------------------------


@check
def sol_prob_ev_union(ex):
    a, b, ab = ex.given("P(A)"), ex.given("P(B)"), ex.given(r"P(A \cap B)")
    ex.require(a * b == ab, "the text says that A and B are independent")
    ex.results(a + b - ab, b - ab, ab / b)


@check
def sol_prob_ev_coins(ex):
    ex.results(ex.given(r"P(A \cap B)") / ex.given("P(B)"), ex.given(r"P(A \cap F)") / ex.given("P(F)"))


@check
def sol_prob_ev_spam(ex):
    prior, hit, alarm = ex.given("P(S)"), ex.given(r"P(W \mid S)"), ex.given(r"P(W \mid S^c)")
    evidence = hit * prior + alarm * (1 - prior)
    ex.states("P(W)", evidence)
    ex.result(hit * prior / evidence)


@check
def sol_prob_ev_odds(ex):
    prior, hit, alarm = ex.given("P(D)"), ex.given(r"P(T \mid D)"), ex.given(r"P(T \mid D^c)")
    odds = hit / alarm * prior / (1 - prior)
    ex.result(odds / (1 + odds))


@check
def sol_prob_ev_prevalence(ex):
    import sympy

    s, f = ex.given("s"), ex.given("f")
    q = sympy.Symbol("q")
    (root,) = sympy.solve(sympy.Eq(s * q, f * (1 - q)), q)
    ex.result(root)
