// Runs the vendored lunr.js (and lunr-languages, and our folding) under node for the tests.
// stdin: {"index": path, "queries": [...], "words": [...], "lang": "en"|"nl"}
// stdout: {"results": [[ref, ...], ...], "stems": [...], "pipeline": [...]}
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const theme = path.join(__dirname, "..", "..", "theme", "static");
const vendor = path.join(theme, "vendor", "lunr");
const lunr = require(path.join(vendor, "lunr.min.js"));
require(path.join(vendor, "lunr.stemmer.support.min.js"))(lunr);
require(path.join(vendor, "lunr.nl.min.js"))(lunr);

async function main() {
  // lunr-fold.js is an ES module (the browser imports it), so it is imported, not required.
  const { registerFold } = await import(pathToFileURL(path.join(theme, "js", "lunr-fold.js")).href);
  registerFold(lunr);
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const out = { results: [], stems: [], pipeline: [] };
  if (request.index) {
    const index = lunr.Index.load(JSON.parse(fs.readFileSync(request.index, "utf8")));
    out.pipeline = index.pipeline.toJSON();
    for (const query of request.queries || []) {
      out.results.push(index.search(query).map((r) => r.ref));
    }
    for (const word of request.words || []) {
      out.stems.push(index.pipeline.runString(word)[0] || "");
    }
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  process.stderr.write(String((error && error.stack) || error) + "\n");
  process.exit(1);
});
