// Sphinx 7.4's search shows a summary under each hit. For a hit on an index
// entry the anchor is an empty element, makeSearchSummary returns null, and
// appending null throws. Fall back to a summary of the whole page instead.
// Loaded with "defer": it runs after searchtools.js defines Search and before
// the search starts.
if (typeof Search !== "undefined") {
  const summary = Search.makeSearchSummary;
  Search.makeSearchSummary = (htmlText, keywords, anchor) =>
    summary(htmlText, keywords, anchor) ||
    summary(htmlText, keywords, "") ||
    document.createElement("p");
}
