// What a result marks as matching (search/highlight.js), with the real index pipelines.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Marker } from "../../theme/static/js/search/highlight.js";
import { Matcher } from "../../theme/static/js/search/matching.js";
import { parseQuery, stopWordTest } from "../../theme/static/js/search/query.js";
import { lunr } from "./lunr-env.mjs";
import { partnerIndexes } from "./sample.mjs";

const indexes = partnerIndexes();
const isStopWord = stopWordTest(lunr);

/** The marked words of `text` in result `slug` for query `q`. */
function marked(q, slug, text) {
  const words = parseQuery(q, isStopWord).words;
  const marker = new Marker(() => indexes);
  marker.setQuery(words);
  const match = new Matcher(lunr).search(indexes, words).get(slug);
  assert.ok(match, `${q} finds ${slug}`);
  return marker.segments(text, match.terms).filter(([, mark]) => mark).map(([piece]) => piece);
}

describe("Marker", () => {
  test("other forms of a query word are marked by their stem, in either language", () => {
    assert.deepEqual(marked("sjablonen", "grachtwerk", "Sjablonen en CRM-koppelingen, één sjabloon"), ["Sjablonen", "sjabloon"]);
    assert.deepEqual(marked("trainingen", "maasmail", "Trainingen en training"), ["Trainingen", "training"]);
  });

  test("a word being typed marks the words it begins; folding as in the index", () => {
    assert.deepEqual(marked("fjordv", "fjordvarsel", "Fjordvarsel, fjord"), ["Fjordvarsel"]);
    assert.deepEqual(marked("bolgen", "bolgen-digital", "Bølgen Digital"), ["Bølgen"]);
  });

  test("punctuation around a word is never marked; the text is kept whole", () => {
    const words = parseQuery("grachtwerk", isStopWord).words;
    const marker = new Marker(() => indexes);
    marker.setQuery(words);
    const terms = new Matcher(lunr).search(indexes, words).get("grachtwerk").terms;
    const pieces = marker.segments("(Grachtwerk), Amsterdam", terms);
    assert.deepEqual(pieces, [["(", false], ["Grachtwerk", true], ["), Amsterdam", false]]);
    assert.equal(pieces.map(([piece]) => piece).join(""), "(Grachtwerk), Amsterdam");
  });

  test("without matched terms nothing is marked", () => {
    const marker = new Marker(() => indexes);
    assert.deepEqual(marker.segments("Grachtwerk", null), [["Grachtwerk", false]]);
    assert.deepEqual(marker.segments("", new Set(["en:x"])), []);
    assert.deepEqual(marker.segments(undefined, null), []);
  });

  test("stems follow the loaded indexes: reset when another language's index arrives", () => {
    const loaded = indexes.filter((e) => e.lang === "en");
    const marker = new Marker(() => loaded);
    assert.ok(!marker.stems("sjablonen").includes("nl:sjablon"));
    loaded.push(...indexes.filter((e) => e.lang === "nl"));
    marker.reset();
    assert.ok(marker.stems("sjablonen").includes("nl:sjablon"));
  });
});
