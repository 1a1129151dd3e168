// Facets and counts (search/facets.js), on the store the page loads and under real queries.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { bySlug, hasRatings, preparePartners } from "../../theme/static/js/search/data.js";
import {
  PARTNER_FACETS,
  activeFilters,
  applyFacets,
  facetValues,
  knownState,
} from "../../theme/static/js/search/facets.js";
import { Matcher } from "../../theme/static/js/search/matching.js";
import { parseQuery, stopWordTest } from "../../theme/static/js/search/query.js";
import { rankMatches } from "../../theme/static/js/search/results.js";
import { decodeState } from "../../theme/static/js/search/state.js";
import { lunr } from "./lunr-env.mjs";
import { LABELS, partnerIndexes, store } from "./sample.mjs";

const F = PARTNER_FACETS;
const partners = preparePartners(store("en"));
const indexes = partnerIndexes();
const matcher = new Matcher(lunr);
const isStopWord = stopWordTest(lunr);

/** What the page shows for an address: results (slugs) and counts per facet value. */
function facetsFor(search) {
  const state = decodeState(search, F);
  const { words } = parseQuery(state.q, isStopWord);
  const candidates = words.length ? rankMatches(matcher.search(indexes, words), bySlug(partners)) : partners;
  const { results, counts } = applyFacets(candidates, state, F);
  const plain = {};
  Object.entries(counts).forEach(([facet, table]) => {
    plain[facet] = Object.fromEntries([...table].sort());
  });
  return { results: results.map((p) => p.slug).sort(), counts: plain };
}

describe("applyFacets", () => {
  test("without a query or filter: every partner, every value counted", () => {
    const { results, counts } = facetsFor("");
    assert.equal(results.length, 5);
    assert.deepEqual(counts.expertise, {
      "campaign-management": 2, "crm-integration": 3, deliverability: 1, "template-development": 1, training: 2,
    });
    // a partner counts for its home country and the countries it serves
    assert.deepEqual(counts.country, { BE: 1, DE: 1, DK: 2, NL: 2, NO: 1, SE: 1 });
    assert.deepEqual(counts.accepting, { 1: 4 });
    // rating: "any" counts everyone, each minimum the partners at or above it
    assert.deepEqual(counts.rating, { 0: 5, 2: 3, 3: 3, 4: 2 });
  });

  test("counts follow the query: a Dutch word finds and counts only the partners it matches", () => {
    const { results, counts } = facetsFor("q=CRM-koppeling");
    assert.deepEqual(results, ["bolgen-digital", "grachtwerk", "isar-mail"]);
    assert.deepEqual(counts.country, { BE: 1, DE: 1, DK: 1, NL: 1 });
    assert.deepEqual(counts.expertise, { "campaign-management": 1, "crm-integration": 3, "template-development": 1 });
  });

  test("a facet's own counts ignore its own selection (OR), not the others (AND)", () => {
    const { results, counts } = facetsFor("q=crm&country=NL&accepting=1");
    assert.deepEqual(results, ["grachtwerk"]);
    // ticking Denmark as well would add Bølgen: the country counts leave the country filter out
    assert.deepEqual(counts.country, { BE: 1, DK: 1, NL: 1 });
    // Isar Mail (Germany, not accepting) fails two facets: it counts nowhere
    assert.equal(counts.country.DE, undefined);
    // the accepting box would not change the result: Grachtwerk only (not Isar Mail, in DE)
    assert.deepEqual(counts.accepting, { 1: 1 });
    assert.deepEqual(counts.expertise, { "crm-integration": 1, "template-development": 1 });
  });

  test("within a facet values are OR, across facets AND", () => {
    assert.deepEqual(facetsFor("expertise=training&expertise=deliverability").results, ["fjordvarsel", "maasmail"]);
    assert.deepEqual(facetsFor("expertise=training&brand=copernica").results, ["maasmail"]);
    assert.deepEqual(facetsFor("rating=4").results, ["bolgen-digital", "grachtwerk"]);
    assert.deepEqual(facetsFor("q=training&rating=4").results, []);
  });
});

describe("facet values", () => {
  test("expertise and brand in the labels' order, countries and languages by count then name", () => {
    const values = facetValues(partners, LABELS.en, F, "en");
    assert.deepEqual([...values.expertise.keys()], [
      "training", "template-development", "crm-integration", "campaign-management", "deliverability",
    ]);
    assert.deepEqual([...values.country.keys()], ["DK", "NL", "BE", "DE", "NO", "SE"]);
    assert.equal(values.country.get("DK"), "Denmark");
    assert.deepEqual([...values.language.keys()].slice(0, 2), ["en", "nl"]);
    assert.deepEqual([...values.brand.keys()], ["whitelabel", "copernica"]);
  });

  test("the order is the page language's: Dutch names sort the countries on a Dutch page", () => {
    const three = preparePartners({
      partners: ["AT", "DE", "NO"].map((country) => ({ slug: country, country })),
    });
    const names = {
      en: { AT: "Austria", DE: "Germany", NO: "Norway" },
      nl: { AT: "Oostenrijk", DE: "Duitsland", NO: "Noorwegen" },
    };
    const order = (lang) => [...facetValues(three, { country: names[lang] }, F, lang).country.keys()];
    assert.deepEqual(order("en"), ["AT", "DE", "NO"]);
    assert.deepEqual(order("nl"), ["DE", "NO", "AT"]);
    const dutch = facetValues(preparePartners(store("nl")), LABELS.nl, F, "nl");
    assert.equal(dutch.expertise.get("crm-integration"), "CRM-koppeling");
  });

  test("a value without a label is shown as it is, after the labelled ones", () => {
    const extra = preparePartners({ partners: [{ slug: "x", country: "NL", expertise: ["brand-new", "training"] }] });
    const values = facetValues(extra, LABELS.en, F, "en");
    assert.deepEqual([...values.expertise], [["training", "Training"], ["brand-new", "brand-new"]]);
  });

  test("filters the data does not know are dropped, so nothing invisible hides results", () => {
    const values = facetValues(partners, LABELS.en, F, "en");
    const state = knownState(decodeState("expertise=training&expertise=nonsense&country=ZZ&rating=4", F), values, F, true);
    assert.deepEqual(state.expertise, ["training"]);
    assert.deepEqual(state.country, []);
    assert.equal(state.rating, 4);
    const unrated = preparePartners({ partners: [{ slug: "x", country: "NL" }] });
    assert.equal(hasRatings(unrated), false);
    assert.equal(knownState(state, values, F, hasRatings(unrated)).rating, 0);
  });

  test("active filters count every ticked value", () => {
    assert.equal(activeFilters(decodeState("q=crm", F), F), 0);
    assert.equal(activeFilters(decodeState("expertise=a&expertise=b&country=NL&accepting=1&rating=3&sort=name", F), F), 5);
  });
});
