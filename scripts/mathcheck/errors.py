"""The exceptions of the harness: a failing check, and LaTeX that cannot be given a value."""


class CheckError(AssertionError):
    """A stated result disagrees with SymPy, or a check cannot read what it needs."""


class Unreadable(Exception):
    """A piece of LaTeX that the parser cannot turn into a value (not an error by itself)."""


class Unbound(Unreadable):
    """A bold name the block gives no value; ``key`` is the name, as in ``\\mathbf{x}``."""

    def __init__(self, key: str):
        super().__init__(f"{key} has no value in this block")
        self.key = key
