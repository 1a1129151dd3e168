// The vendored lunr.js with lunr-languages' Dutch and our folding, as the page has them, and
// indexes built with the pipelines the build uses (plugins/copernica_directory/search/pipeline.py:
// fold, trimmer, stop words, stemmer; searched with fold and stemmer). tests/test_search_index.py
// checks that lunr.js and the Python build stem and find alike, so these stand for the
// prebuilt indexes.
import { createRequire } from "node:module";
import { registerFold } from "../../theme/static/js/lunr-fold.js";

const require = createRequire(import.meta.url);
const vendor = "../../theme/static/vendor/lunr/";
export const lunr = require(vendor + "lunr.min.js");
require(vendor + "lunr.stemmer.support.min.js")(lunr);
require(vendor + "lunr.nl.min.js")(lunr);
registerFold(lunr);

const fold = lunr.Pipeline.registeredFunctions.foldDiacritics;

function functions(lang) {
  return lang === "nl"
    ? [lunr.nl.trimmer, lunr.nl.stopWordFilter, lunr.nl.stemmer]
    : [lunr.trimmer, lunr.stopWordFilter, lunr.stemmer];
}

/** An index entry {name, lang, index} over `documents` (ref: slug), `fields` {name: boost},
    serialized and loaded again as the page loads the build's JSON. */
export function buildEntry(name, lang, fields, documents) {
  const [trimmer, stopWords, stemmer] = functions(lang);
  const builder = new lunr.Builder();
  builder.pipeline.add(fold, trimmer, stopWords, stemmer);
  builder.searchPipeline.add(fold, stemmer);
  builder.ref("slug");
  Object.entries(fields).forEach(([field, boost]) => builder.field(field, { boost }));
  documents.forEach((document) => builder.add(document));
  const json = JSON.parse(JSON.stringify(builder.build()));
  return { name, lang, index: lunr.Index.load(json) };
}

export const PARTNER_CORE_FIELDS = { name: 10, expertise: 5, tagline: 3, facts: 2 };
export const PARTNER_TEXT_FIELDS = { description: 1 };
