// Typeset TeX with KaTeX, for the HTML book at build time (see sphinxext/mathrender.py).
//
// Usage: node render.js MACROS.json
// Reads one JSON request per line on stdin, {"tex": "...", "display": true|false},
// and writes one JSON answer per line on stdout, {"html": "..."} or {"error": "..."}.
// The output is KaTeX's HTML for the eye (aria-hidden) followed by MathML for
// screen readers. Unknown commands and anything KaTeX would only warn about are
// errors: the build treats them like LaTeX errors.
"use strict";
const fs = require("fs");
const readline = require("readline");
const katex = require("katex");

const macros = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  let answer;
  try {
    const request = JSON.parse(line);
    const html = katex.renderToString(request.tex, {
      displayMode: request.display,
      macros: { ...macros },  // KaTeX adds \gdef'd macros to the object it is given
      output: "htmlAndMathml",
      throwOnError: true,
      strict: "error",
      trust: false,
    });
    answer = { html };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
