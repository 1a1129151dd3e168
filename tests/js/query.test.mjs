// Query parsing (search/query.js): what a visitor types becomes the words the indexes expect.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isSearching, parseQuery, stopWordTest } from "../../theme/static/js/search/query.js";
import { buildEntry, lunr } from "./lunr-env.mjs";

const isStopWord = stopWordTest(lunr);
const parse = (q) => parseQuery(q, isStopWord);
const texts = (q) => parse(q).words.map((w) => w.text);

describe("parseQuery", () => {
  test("a Dutch query with a hyphenated word parses to the words and stems a Dutch index holds", () => {
    const { words, pending } = parse("CRM-koppeling sjablonen");
    assert.equal(pending, false);
    assert.deepEqual(words, [
      { text: "crm", exact: true, prefix: true, fuzzy: false },
      { text: "koppeling", exact: true, prefix: true, fuzzy: true },
      { text: "sjablonen", exact: true, prefix: true, fuzzy: true },
    ]);
    const entry = buildEntry("expertise-nl", "nl", { expertise: 1 }, [
      { slug: "grachtwerk", expertise: "CRM-koppeling Sjablonen en templates" },
    ]);
    // The exact term of each word goes through the search pipeline: the stems the index holds.
    const stems = words.map((w) => entry.index.pipeline.runString(w.text)[0]);
    assert.deepEqual(stems, ["crm", "koppel", "sjablon"]);
    for (const stem of stems) {
      assert.ok(Object.hasOwn(entry.index.invertedIndex, stem), stem);
    }
  });

  test("case and diacritics are folded", () => {
    assert.deepEqual(texts("München BØLGEN"), ["munchen", "bolgen"]);
    assert.deepEqual(texts("coöperatie reünie Straße"), ["cooperatie", "reunie", "strasse"]);
    // folded to "een", a Dutch stop word: alone it is searched as a prefix only
    assert.deepEqual(parse("één").words, [{ text: "een", exact: false, prefix: true, fuzzy: false }]);

  });

  test("lunr query syntax is stripped, never passed to lunr", () => {
    assert.deepEqual(texts("name:grachtwerk"), ["grachtwerk"]);
    assert.deepEqual(texts("fjord*"), ["fjord"]);
    assert.deepEqual(texts("consultnacy~1"), ["consultnacy"]);
    assert.deepEqual(texts("+crm -api"), ["crm", "api"]);
    assert.deepEqual(texts("training^10"), ["training"]);
    assert.deepEqual(texts("(training), \"crm\""), ["training", "crm"]);
    assert.deepEqual(texts(":*~^+"), []);
  });

  test("prefix matching for the word being typed and every longer word; typos from 5 letters", () => {
    const [crm, ab, word] = parse("crm ab deliverab").words;
    assert.deepEqual([crm.prefix, crm.fuzzy], [true, false]);
    assert.deepEqual([ab.text, ab.prefix], ["ab", false]); // two letters, not the last word
    assert.deepEqual([word.prefix, word.fuzzy], [true, true]);
    const [last] = parse("ab").words;
    assert.equal(last.prefix, true); // two letters being typed
    // letters only count for typos: digits and marks do not make a word long enough
    assert.equal(parse("ab123").words[0].fuzzy, false);
  });

  test("one letter is still being typed: nothing is searched for it", () => {
    assert.deepEqual(parse("a"), { words: [], pending: true });
    assert.deepEqual(texts("crm i"), ["crm"]);
    assert.equal(parse("crm i").pending, false);
  });

  test("stop words of both languages are skipped, unless typed alone (as a prefix)", () => {
    assert.deepEqual(texts("the training"), ["training"]);
    assert.deepEqual(texts("trainingen voor de winkels"), ["trainingen", "winkels"]);
    assert.deepEqual(parse("in").words, [{ text: "in", exact: false, prefix: true, fuzzy: false }]);
    assert.deepEqual(texts("in de"), []);
  });
});

describe("isSearching", () => {
  test("a query of stop words or syntax is a search (finding nothing); one letter is not", () => {
    for (const [q, searching] of [["", false], ["  ", false], ["a", false], ["in de", true], ["::", true], ["crm", true]]) {
      assert.equal(isSearching(q, parse(q)), searching, JSON.stringify(q));
    }
  });
});
