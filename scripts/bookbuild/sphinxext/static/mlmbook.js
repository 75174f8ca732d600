// The HTML book's reading aids. Loaded with "defer": it runs once the page is
// parsed, before DOMContentLoaded. No network: everything it reads is on this site.
"use strict";
// ---- Tables of class "reflow" become one card per row on a phone ----------------------
// Each cell gets a copy of its column's header (hidden on wide screens, where the header row
// shows), so a card still says what each value is.
(() => {
  const label = () => {
    document.querySelectorAll("table.reflow").forEach((table) => {
      const heads = [...table.querySelectorAll("thead th")];
      table.querySelectorAll("tbody tr").forEach((row) => {
        [...row.children].forEach((cell, i) => {
          if (!heads[i] || cell.querySelector(".mlm-cell-label")) return;
          const copy = document.createElement("span");
          copy.className = "mlm-cell-label";
          copy.innerHTML = heads[i].innerHTML;
          copy.querySelectorAll("a, [tabindex]").forEach((n) => n.setAttribute("tabindex", "-1"));
          cell.prepend(copy);
        });
      });
    });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", label);
  else label();
})();

(() => {
  const article = document.querySelector("article.bd-article");

  // ---- Search --------------------------------------------------------------------
  // Sphinx 7.4's search shows a summary under each hit. For a hit on an index
  // entry the anchor is an empty element, makeSearchSummary returns null, and
  // appending null throws: fall back to a summary of the whole page. The page's
  // text is its HTML; the math in it is KaTeX's, which holds each formula twice
  // (as seen, and as MathML with the TeX source): keep only what the eye reads.
  // A hit then leads to the section where the words occur, not the top of the page.
  if (typeof Search !== "undefined") {
    const summary = Search.makeSearchSummary;
    const toText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const doc = new DOMParser().parseFromString(htmlString, "text/html");
      doc.querySelectorAll(".katex-mathml, .eqno, a.headerlink, .mlm-reveal").forEach((n) => n.remove());
      return toText(doc.documentElement.outerHTML, anchor);
    };
    Search.makeSearchSummary = (htmlText, keywords, anchor) =>
      summary(htmlText, keywords, anchor) || summary(htmlText, keywords, "") || document.createElement("p");
    const results = document.getElementById("search-results");
    if (results) {
      const cache = new Map();
      const page = (url) => {
        if (!cache.has(url)) {
          cache.set(url, fetch(url).then((r) => r.text()).then((t) => new DOMParser().parseFromString(t, "text/html")));
        }
        return cache.get(url);
      };
      const terms = () => (new URLSearchParams(location.search).get("q") || "")
        .toLowerCase().split(/\s+/).filter((t) => t.length > 1);
      const deepen = async (link) => {
        if (link.dataset.mlmDeep || link.hash) return;
        link.dataset.mlmDeep = "1";
        const url = link.href.split("?")[0];
        const words = terms();
        if (!words.length) return;
        const doc = await page(url);
        doc.querySelectorAll(".katex-mathml").forEach((n) => n.remove());
        let best = null;
        for (const section of doc.querySelectorAll("article section[id]")) {
          const own = [...section.children].filter((c) => c.tagName !== "SECTION").map((c) => c.textContent).join(" ").toLowerCase();
          if (words.some((w) => own.includes(w))) { best = section; break; }
        }
        if (best) link.hash = best.id;
      };
      new MutationObserver(() => {
        results.querySelectorAll("li > a").forEach((a) => deepen(a).catch(() => {}));
      }).observe(results, { childList: true, subtree: true });
    }
  }

  // ---- Displays that are wider than their column ----------------------------------
  const wideScreen = window.matchMedia("(min-width: 1200px)");
  const secondary = document.querySelector(".bd-sidebar-secondary");
  const wideVisible = new Set();
  const marginObserver = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting && e.target.classList.contains("mlm-wide")) wideVisible.add(e.target);
      else wideVisible.delete(e.target);
    }
    if (secondary) secondary.classList.toggle("mlm-hidden-by-math", wideVisible.size > 0);
  }) : null;

  // Every size is read before anything is written: a write makes the next read lay the
  // page out again, and on a long page one layout per formula took seconds on a phone.
  const sizes = (box) => ({ scroll: box.scrollWidth, client: box.clientWidth, left: box.scrollLeft });
  const setCue = (box, { scroll, client, left }) => {
    const more = scroll - client > 1;
    box.classList.toggle("mlm-scrolls", more);
    box.classList.toggle("mlm-more-left", more && left > 1);
    box.classList.toggle("mlm-more-right", more && left + client < scroll - 1);
    if (more) {
      box.tabIndex = 0;
      box.setAttribute("role", "group");
      box.setAttribute("aria-label", "Wide formula: scroll sideways to read it all");
    } else if (box.tabIndex === 0) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
    }
  };
  const cue = (box) => setCue(box, sizes(box));
  const setInline = (k, wide) => {
    k.classList.toggle("mlm-inline-wide", wide);
    if (wide) {
      k.tabIndex = 0;
      k.setAttribute("role", "group");
      k.setAttribute("aria-label", "Wide formula: scroll sideways to read it all");
    } else if (k.tabIndex === 0) {
      k.removeAttribute("tabindex");
      k.removeAttribute("role");
      k.removeAttribute("aria-label");
    }
  };

  // Fit displays and inline formulas: a display wider than its column uses the free margin
  // to the right of it on a wide screen, up to the content area's edge, and otherwise
  // scrolls in its own box with a cue; an inline formula wider than its line scrolls.
  const measure = (someBoxes, someInlines) => {
    someBoxes.forEach((box) => { box.classList.remove("mlm-wide"); box.style.width = ""; });
    someInlines.forEach((k) => k.classList.remove("mlm-inline-wide"));
    const margin = wideScreen.matches && article;
    const edge = margin ? (document.querySelector(".bd-content") || article).getBoundingClientRect().right : 0;
    const free = someBoxes.map((box) => (margin && box.scrollWidth > box.clientWidth + 1
      ? [box.clientWidth, edge - box.getBoundingClientRect().right - 8] : null));
    const wide = someInlines.map((k) => {
      const line = k.closest("p, li, td, dd, .admonition") || article;
      return !!line && k.getBoundingClientRect().width > line.clientWidth + 1;
    });
    someBoxes.forEach((box, i) => {
      if (free[i] && free[i][1] > 40) {
        box.classList.add("mlm-wide");
        box.style.width = `${free[i][0] + free[i][1]}px`;
      }
    });
    someInlines.forEach((k, i) => setInline(k, wide[i]));
    const after = someBoxes.map(sizes);
    someBoxes.forEach((box, i) => setCue(box, after[i]));
  };

  const boxes = [...document.querySelectorAll(".mlm-display")];
  const inlines = [...document.querySelectorAll("span.math > .katex")];
  // A display's column can change width after it was measured: its cue follows.
  const sizeObserver = "ResizeObserver" in window ? new ResizeObserver((entries) => {
    const seen = entries.map((e) => [e.target, sizes(e.target)]);
    seen.forEach(([box, read]) => setCue(box, read));
  }) : null;
  // Formulas are measured as they come within a screen of the viewport, not all at once:
  // measuring lays out what it measures, and long sections are laid out only near the
  // screen (mlmbook.css), so measuring a whole page at load kept a phone busy for seconds.
  const near = new Set();
  let measured = new WeakSet();
  const measureThese = (items) => {
    const todo = items.filter((el) => !measured.has(el));
    if (!todo.length) return;
    measure(todo.filter((el) => el.classList.contains("mlm-display")),
            todo.filter((el) => !el.classList.contains("mlm-display")));
    todo.forEach((el) => measured.add(el));
  };
  const settle = () => {
    // A formula measured in a fallback font is narrower than in KaTeX's own, and the box
    // does not change size when the font arrives: measure again once it has.
    if (document.fonts && document.fonts.status === "loading") {
      document.documentElement.dataset.mlmMath = "measuring";
      document.fonts.ready.then(measureAgain);
    } else {
      document.documentElement.dataset.mlmMath = "ready";
    }
  };
  const nearObserver = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) near.add(e.target);
      else near.delete(e.target);
    }
    measureThese(entries.filter((e) => e.isIntersecting).map((e) => e.target));
    settle();
  }, { rootMargin: "100% 0px" }) : null;
  // After a resize or a late font, what is near is measured now, the rest when it comes near.
  const measureAgain = () => {
    measured = new WeakSet();
    measureThese(nearObserver ? [...near] : [...boxes, ...inlines]);
    settle();
  };
  const watch = (box) => {
    box.addEventListener("scroll", () => cue(box), { passive: true });
    if (marginObserver) marginObserver.observe(box);
    if (sizeObserver) sizeObserver.observe(box);
  };
  boxes.forEach(watch);
  document.documentElement.dataset.mlmMath = "measuring";
  if (!boxes.length && !inlines.length) settle();
  else if (nearObserver) [...boxes, ...inlines].forEach((el) => nearObserver.observe(el));
  else window.addEventListener("load", measureAgain, { once: true });
  let resizing = null;
  const measureSoon = () => {
    clearTimeout(resizing);
    resizing = setTimeout(measureAgain, 200);
  };
  window.addEventListener("resize", measureSoon);
  // A section laid out late (as the reader scrolls to it) may need a font not yet loaded.
  if (document.fonts) document.fonts.addEventListener("loadingdone", measureSoon);

  // ---- Solutions revealed in place ------------------------------------------------------
  // A page's solutions are not in the page: they are in one script beside it, loaded
  // when the reader first opens one (a <script>, which loads from file:// too).
  let solutions = null;
  const loadSolutions = (src) => {
    if (!solutions) {
      solutions = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = resolve;
        script.onerror = () => { solutions = null; reject(new Error(`could not load ${src}`)); };
        document.head.appendChild(script);
      });
    }
    return solutions;
  };
  const reveal = async (details) => {
    const body = details.querySelector(".mlm-reveal-body");
    if (!details.open || !body || details.dataset.mlmLoading) return;
    if (body.childElementCount && !details.dataset.mlmFailed) return;
    details.dataset.mlmLoading = "1";
    delete details.dataset.mlmFailed;
    try {
      await loadSolutions(details.dataset.mlmSrc);
      const html = (window.mlmSolutions || {})[details.dataset.mlmSolution];
      body.innerHTML = html === undefined
        ? "<p>This solution could not be shown here: follow the link to it in the appendix.</p>" : html;
    } catch (e) {
      details.dataset.mlmFailed = "1";  // try again when it is next opened
      body.innerHTML = "<p>This solution could not be loaded: follow the link to it in the appendix.</p>";
    } finally {
      delete details.dataset.mlmLoading;
    }
    const newBoxes = [...body.querySelectorAll(".mlm-display")];
    const newInlines = [...body.querySelectorAll("span.math > .katex")];
    boxes.push(...newBoxes);
    inlines.push(...newInlines);
    newBoxes.forEach(watch);
    measureThese([...newBoxes, ...newInlines]);
    if (nearObserver) [...newBoxes, ...newInlines].forEach((el) => nearObserver.observe(el));
  };
  document.querySelectorAll("details.mlm-reveal[data-mlm-src]").forEach((details) => {
    details.addEventListener("toggle", () => reveal(details));
  });

  // Printing: a display that still does not fit the printed column is scaled down.
  const forPrint = () => {
    boxes.forEach((box) => {
      box.style.zoom = "";
      const inner = box.firstElementChild;
      if (inner && inner.scrollWidth > box.clientWidth + 1) {
        box.style.zoom = String(Math.max(0.5, box.clientWidth / inner.scrollWidth));
      }
    });
  };
  const afterPrint = () => boxes.forEach((box) => { box.style.zoom = ""; });
  const printMedia = window.matchMedia("print");
  window.addEventListener("beforeprint", forPrint);
  window.addEventListener("afterprint", afterPrint);
  printMedia.addEventListener("change", (e) => (e.matches ? forPrint() : afterPrint()));

  // ---- The page's table of contents on a wide screen --------------------------------
  // Below 1200 px the theme opens it in a dialog; above, it is a column, which this
  // button hides and shows. Both buttons say whether their panel is shown.
  const tocButton = document.querySelector(".bd-header-article .secondary-toggle");
  const menuButton = document.querySelector(".bd-header-article .primary-toggle");
  const primary = document.getElementById("pst-primary-sidebar");
  const states = () => {
    const wideToc = window.matchMedia("(min-width: 1200px)").matches;
    const wideMenu = window.matchMedia("(min-width: 992px)").matches;
    if (tocButton && secondary) {
      tocButton.setAttribute("aria-label", "On this page");
      tocButton.setAttribute("aria-expanded", String(wideToc && !secondary.classList.contains("mlm-toc-hidden")));
    }
    if (menuButton && primary) {
      menuButton.setAttribute("aria-label", "Book contents");
      menuButton.setAttribute("aria-expanded", String(wideMenu && !primary.classList.contains("pst-sidebar-hidden")));
    }
  };
  if (tocButton && secondary) {
    tocButton.addEventListener("click", (event) => {
      if (!window.matchMedia("(min-width: 1200px)").matches) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      secondary.classList.toggle("mlm-toc-hidden");
      states();
    }, true);
  }
  if (menuButton) menuButton.addEventListener("click", () => setTimeout(states, 0));
  states();
  window.addEventListener("resize", states);

  // ---- Left and right arrow keys: previous and next page ----------------------------
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable], .mlm-scrolls, .mlm-inline-wide, dialog[open]")) return;
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) return;
    const link = document.querySelector(event.key === "ArrowLeft" ? 'link[rel="prev"]' : 'link[rel="next"]');
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });

  // ---- Previews of cross-references -------------------------------------------------
  // Hover (or focus) a link to a theorem, definition, example, exercise, equation or
  // figure and its text appears beside it; on a touch screen the first tap shows the
  // preview, which holds a link to go there. Other pages are read from this site.
  const pages = new Map();
  const fetchPage = (url) => {
    if (!pages.has(url)) {
      pages.set(url, fetch(url).then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
        .then((t) => new DOMParser().parseFromString(t, "text/html")));
    }
    return pages.get(url);
  };
  const KINDS = "div.proof, div.exercise, div.solution, figure, div.math, table, div.admonition";
  const targetIn = (doc, id) => {
    const el = doc.getElementById(id);
    if (!el) return null;
    if (el.matches(KINDS)) return el;
    // An equation's or box's anchor can be a span just before it, or inside it.
    const next = el.nextElementSibling;
    if (next && next.matches(KINDS)) return next;
    return el.closest(KINDS);
  };
  const label = (el) => {
    const title = el.querySelector(".admonition-title, .exercise-title, figcaption .caption-number, .eqno");
    return title ? title.textContent.replace(/[¶#]/g, "").replace(/\s+/g, " ").trim() : "this";
  };
  let preview = null;
  let owner = null;
  let hideTimer = null;
  let showTimer = null;
  const close = () => {
    if (preview) preview.remove();
    preview = null;
    owner = null;
  };
  const show = async (link) => {
    const url = new URL(link.href, location.href);
    const id = decodeURIComponent(url.hash.slice(1));
    if (!id) return false;
    const samePage = url.pathname === location.pathname;
    let doc;
    try {
      doc = samePage ? document : await fetchPage(url.pathname);
    } catch (e) {
      return false;
    }
    const target = targetIn(doc, id);
    if (!target) return false;
    close();
    owner = link;
    preview = document.createElement("div");
    preview.className = "mlm-preview";
    preview.setAttribute("role", "dialog");
    preview.setAttribute("aria-label", `Preview of ${label(target)}`);
    const copy = (samePage ? target.cloneNode(true) : document.importNode(target, true));
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach((n) => n.removeAttribute("id"));
    copy.querySelectorAll("a, button, summary, [tabindex]").forEach((n) => n.setAttribute("tabindex", "-1"));
    copy.querySelectorAll("img").forEach((img) => {
      img.src = new URL(img.getAttribute("src"), url).href;
    });
    copy.querySelectorAll("a[href]").forEach((a) => {
      a.href = new URL(a.getAttribute("href"), url).href;
    });
    preview.appendChild(copy);
    const go = document.createElement("a");
    go.className = "mlm-preview-go";
    go.href = url.href;
    go.textContent = `Go to ${label(target)} →`;
    preview.appendChild(go);
    document.body.appendChild(preview);
    const rect = link.getBoundingClientRect();
    const width = preview.offsetWidth;
    const left = Math.min(Math.max(8, rect.left + window.scrollX), window.scrollX + document.documentElement.clientWidth - width - 8);
    const below = rect.bottom + preview.offsetHeight + 8 < window.innerHeight || rect.top < preview.offsetHeight + 8;
    preview.style.left = `${left}px`;
    preview.style.top = below ? `${rect.bottom + window.scrollY + 6}px` : `${rect.top + window.scrollY - preview.offsetHeight - 6}px`;
    preview.addEventListener("mouseenter", () => clearTimeout(hideTimer));
    preview.addEventListener("mouseleave", () => { hideTimer = setTimeout(close, 300); });
    return true;
  };
  const previewable = (a) => article && a.matches("a.reference.internal[href*='#']") && article.contains(a)
    && !a.closest(".mlm-preview, .toctree-wrapper, nav, .prev-next-area, p.solution-link") && !a.classList.contains("headerlink");
  if (article) {
    let touch = false;
    article.addEventListener("pointerdown", (e) => { touch = e.pointerType === "touch" || e.pointerType === "pen"; });
    article.addEventListener("mouseover", (e) => {
      const a = e.target.closest && e.target.closest("a");
      if (!a || touch || !previewable(a)) return;
      clearTimeout(hideTimer);
      if (a === owner) return;
      clearTimeout(showTimer);
      showTimer = setTimeout(() => show(a), 250);
    });
    article.addEventListener("mouseout", (e) => {
      const a = e.target.closest && e.target.closest("a");
      if (!a || !previewable(a) || (e.relatedTarget && a.contains(e.relatedTarget))) return;
      clearTimeout(showTimer);
      hideTimer = setTimeout(() => { if (!preview || !preview.matches(":hover")) close(); }, 300);
    });
    article.addEventListener("click", async (e) => {
      const a = e.target.closest && e.target.closest("a");
      if (!a || !touch || !previewable(a)) return;
      if (owner === a && preview) return; // the second tap follows the link
      e.preventDefault();
      if (!(await show(a))) window.location.href = a.href;
    });
  }
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && preview) close(); });
  document.addEventListener("click", (e) => {
    if (preview && !preview.contains(e.target) && !(owner && owner.contains(e.target))) close();
  });
  window.mlmPreview = show; // for the browser tests
})();
