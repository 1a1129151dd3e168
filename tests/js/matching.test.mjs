// Matching words against real lunr indexes (search/matching.js), and ranking the results
// (search/results.js): every word must match, in any index and either language.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bySlug, preparePartners, prepareRecords } from "../../theme/static/js/search/data.js";
import { Matcher } from "../../theme/static/js/search/matching.js";
import { parseQuery, stopWordTest } from "../../theme/static/js/search/query.js";
import { KINDS, rankMatches, relatedResults, sortResults } from "../../theme/static/js/search/results.js";
import { decodeState } from "../../theme/static/js/search/state.js";
import { buildEntry, lunr } from "./lunr-env.mjs";
import { LABELS, partnerIndexes, store } from "./sample.mjs";

const indexes = partnerIndexes();
const partners = preparePartners(store("en"));
const isStopWord = stopWordTest(lunr);

/** The slugs a query finds, best first, as the page lists them. */
function find(q, entries = indexes) {
  const matches = new Matcher(lunr).search(entries, parseQuery(q, isStopWord).words);
  return rankMatches(matches, bySlug(partners)).map((p) => p.slug);
}

describe("Matcher", () => {
  test("every word must match, each in any index: name, expertise, tagline, description", () => {
    assert.deepEqual(find("grachtwerk"), ["grachtwerk"]);
    // "hubspot" only in Bølgen's description (text index), "customer" in its tagline (core)
    assert.deepEqual(find("hubspot customer"), ["bolgen-digital"]);
    assert.deepEqual(find("hubspot templates"), []);
  });

  test("Dutch words find partners on the English page through the Dutch indexes", () => {
    assert.deepEqual(find("sjablonen"), ["grachtwerk"]);
    assert.deepEqual(find("trainingen").sort(), ["fjordvarsel", "maasmail"]);
    assert.deepEqual(find("CRM-koppeling sjablonen"), ["grachtwerk"]);
    // only with the Dutch indexes loaded
    assert.deepEqual(find("sjablonen", indexes.filter((e) => e.lang === "en")), []);
  });

  test("prefixes while typing, one typo in longer words, diacritics either way", () => {
    assert.deepEqual(find("fjordv"), ["fjordvarsel"]);
    assert.deepEqual(find("grachtwerc"), ["grachtwerk"]);
    assert.deepEqual(find("grachtwrek"), ["grachtwerk"]); // lunr counts a swap as one edit
    assert.deepEqual(find("grachtxxrk"), []); // two edits
    assert.deepEqual(find("isar"), ["isar-mail"]);
    assert.deepEqual(find("isxr"), []); // four letters: no typo allowed
    assert.deepEqual(find("bergxn"), ["fjordvarsel"]);
    assert.deepEqual(find("bolgen"), ["bolgen-digital"]);
    assert.deepEqual(find("Bølgen"), ["bolgen-digital"]);
    assert.deepEqual(find("munchen"), ["isar-mail"]);
  });

  test("a name match outranks an expertise match, which outranks a tagline match", () => {
    const entry = buildEntry("boosts", "en", { name: 10, expertise: 5, tagline: 3 }, [
      { slug: "maasmail", name: "Other", expertise: "", tagline: "Delta mail" },
      { slug: "grachtwerk", name: "Delta", expertise: "", tagline: "" },
      { slug: "fjordvarsel", name: "Other", expertise: "Delta", tagline: "" },
    ]);
    assert.deepEqual(find("delta", [entry]), ["grachtwerk", "fjordvarsel", "maasmail"]);
  });

  test("per word, scores add up over one language's indexes; the best language counts", () => {
    const doc = (name, description) => [{ slug: "grachtwerk", name, description }];
    const coreEn = buildEntry("core-en", "en", { name: 10 }, doc("Delta", ""));
    const textEn = buildEntry("text-en", "en", { description: 1 }, doc("", "delta"));
    const coreNl = buildEntry("core-nl", "nl", { name: 10 }, doc("Anders", ""));
    const textNl = buildEntry("text-nl", "nl", { description: 1 }, doc("", "delta"));
    const words = parseQuery("delta", isStopWord).words;
    const score = (entries) => new Matcher(lunr).search(entries, words).get("grachtwerk").score;
    const english = score([coreEn, textEn]);
    assert.ok(Math.abs(english - (score([coreEn]) + score([textEn]))) < 1e-9);
    // the Dutch texts hold the same content again: not added, the better language counts
    assert.ok(score([textNl]) < english);
    assert.equal(score([coreEn, textEn, coreNl, textNl]), english);
    assert.equal(score([coreNl, textNl, coreEn, textEn]), english);
  });

  test("matches carry the index terms they matched, by language, for highlighting", () => {
    const matches = new Matcher(lunr).search(indexes, parseQuery("sjablonen", isStopWord).words);
    assert.ok(matches.get("grachtwerk").terms.has("nl:sjablon"));
  });

  test("a word's results are kept: the same query twice asks lunr once", () => {
    const matcher = new Matcher(lunr);
    const words = parseQuery("training", isStopWord).words;
    const first = matcher.search(indexes, words);
    let asked = 0;
    const counting = indexes.map((e) => ({ ...e, index: { query: (fn) => { asked += 1; return e.index.query(fn); } } }));
    matcher.search(counting, words);
    assert.equal(asked, 0);
    assert.deepEqual([...first.keys()].sort(), ["fjordvarsel", "maasmail"]);
  });
});

describe("results", () => {
  test("best match first, then the directory's order; ?sort= reorders", () => {
    const ranked = find("crm");
    assert.equal(ranked.length, 3);
    const labels = LABELS.en;
    const sorted = (sort) => sortResults(partners, sort, labels).map((p) => p.slug);
    assert.deepEqual(sorted(""), partners.map((p) => p.slug));
    assert.deepEqual(sorted("name"), ["bolgen-digital", "fjordvarsel", "grachtwerk", "isar-mail", "maasmail"]);
    // by the published rank (Bayesian): five reviews at 4.6 above one perfect review; unrated
    // last, in name order
    assert.deepEqual(sorted("rating"), ["grachtwerk", "bolgen-digital", "fjordvarsel", "isar-mail", "maasmail"]);
    // most verified reviews first
    assert.deepEqual(sorted("reviews"), ["grachtwerk", "fjordvarsel", "bolgen-digital", "isar-mail", "maasmail"]);
    // by the country's name: Denmark, Germany, Netherlands (two, in name order), Norway
    assert.deepEqual(sorted("country"), ["bolgen-digital", "isar-mail", "grachtwerk", "maasmail", "fjordvarsel"]);
    assert.notEqual(sortResults(partners, "name", labels), partners); // a new list
  });

  test("cases beside the partners: matched, narrowed by the expertise filter, at most six", () => {
    const cases = prepareRecords({
      cases: Array.from({ length: 8 }, (_, i) => ({
        slug: "case-" + i,
        title: "Newsletter case " + i,
        expertise: i % 2 ? ["training"] : ["crm-integration"],
      })),
    }, KINDS.cases.list);
    const entry = buildEntry("cases-en", "en", { title: 10 }, cases.map((c) => ({ slug: c.slug, title: c.title })));
    const matches = new Matcher(lunr).search([entry], parseQuery("newsletter", isStopWord).words);
    const shown = (search) => relatedResults(matches, bySlug(cases), decodeState(search, KINDS.partners.facets), KINDS.cases)
      .map((f) => f.record.slug);
    assert.deepEqual(shown(""), ["case-0", "case-1", "case-2", "case-3", "case-4", "case-5"]);
    assert.deepEqual(shown("expertise=training"), ["case-1", "case-3", "case-5", "case-7"]);
    assert.deepEqual(shown("country=NL"), shown("")); // cases have no country: not narrowed
  });
});
