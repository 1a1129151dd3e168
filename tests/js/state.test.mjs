// The search state and its address (search/state.js): the public URL interface.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PARTNER_FACETS } from "../../theme/static/js/search/facets.js";
import { decodeState, emptyState, encodeState, stateURL, withFacet } from "../../theme/static/js/search/state.js";

const F = PARTNER_FACETS;
const decode = (search) => decodeState(search, F);
const encode = (state) => encodeState(state, F);

function* product(options) {
  const keys = Object.keys(options);
  const walk = function* (i, state) {
    if (i === keys.length) {
      yield Object.assign({}, state);
      return;
    }
    for (const value of options[keys[i]]) {
      state[keys[i]] = value;
      yield* walk(i + 1, state);
    }
  };
  yield* walk(0, {});
}

// Every kind of value each part of the state can hold, in every combination (8,100 states).
const EVERY_STATE = {
  q: ["", "crm", "a&b=c d+é #1 ?x"],
  expertise: [[], ["training"], ["crm-integration", "training"]],
  country: [[], ["NL"], ["NO", "DE"]],
  language: [[], ["nl"]],
  brand: [[], ["whitelabel"], ["copernica", "whitelabel"]],
  accepting: [false, true],
  rating: [0, 2, 3, 4, 5],
  sort: ["", "name", "rating", "reviews", "country"],
};

describe("URL state", () => {
  test("every state survives the round trip through its address", () => {
    let n = 0;
    for (const state of product(EVERY_STATE)) {
      const query = encode(state);
      assert.deepEqual(decode("?" + query), state, query);
      assert.equal(encode(decode(query)), query); // and the address is canonical
      n += 1;
    }
    assert.equal(n, 8100);
  });

  test("the empty state has an empty address; the page's path is kept", () => {
    assert.equal(encode(emptyState(F)), "");
    assert.equal(stateURL("/nl/partners/", emptyState(F), F), "/nl/partners/");
    const state = Object.assign(emptyState(F), { q: "sjablonen", country: ["NL"] });
    assert.equal(stateURL("/nl/partners/", state, F), "/nl/partners/?q=sjablonen&country=NL");
  });

  test("parameters come in a fixed order, repeated for more values", () => {
    const state = decode("sort=rating&rating=4&accepting=1&brand=whitelabel&language=nl&country=no&country=se&expertise=training&q=crm");
    assert.equal(encode(state), "q=crm&expertise=training&country=NO&country=SE&language=nl&brand=whitelabel&accepting=1&rating=4&sort=rating");
  });

  test("addresses written by hand or by other sites are read leniently", () => {
    const state = decode("?q=%20crm%20&expertise=%20Training&expertise=training&country=nl&country=NL&language=NL&brand=WhiteLabel&accepting=yes&rating=3");
    assert.equal(state.q, " crm "); // the box shows what was typed; the address trims it
    assert.deepEqual(state.expertise, ["training"]);
    assert.deepEqual(state.country, ["NL"]);
    assert.deepEqual(state.language, ["nl"]);
    assert.deepEqual(state.brand, ["whitelabel"]);
    assert.equal(state.accepting, true);
    assert.equal(state.rating, 3);
    assert.equal(encode(state), "q=crm&expertise=training&country=NL&language=nl&brand=whitelabel&accepting=1&rating=3");
    for (const flag of ["1", "true", "TRUE", "yes"]) {
      assert.equal(decode("accepting=" + flag).accepting, true, flag);
    }
  });

  test("values that are not allowed are ignored", () => {
    assert.deepEqual(decode("rating=6&accepting=0&sort=random&expertise=&country=%20"), emptyState(F));
    assert.equal(decode("rating=0").rating, 0);
    assert.equal(decode("rating=abc").rating, 0);
    assert.equal(decode("rating=4.5").rating, 4);
    assert.equal(decode("sort=__proto__").sort, "");
    assert.equal(decode("q=" + "x".repeat(500)).q.length, 200);
  });

  test("a facet control changes one part of the state, nothing else", () => {
    const start = decode("q=crm&expertise=training");
    const more = withFacet(start, F, "expertise", "crm-integration", true);
    assert.deepEqual(more.expertise, ["training", "crm-integration"]); // in the order ticked
    assert.deepEqual(start.expertise, ["training"]); // a new state, the old one unchanged
    assert.deepEqual(withFacet(more, F, "expertise", "training", false).expertise, ["crm-integration"]);
    assert.equal(withFacet(start, F, "accepting", "1", true).accepting, true);
    assert.equal(withFacet(start, F, "rating", "4", true).rating, 4);
    assert.equal(withFacet(start, F, "rating", "0", true).rating, 0);
    assert.equal(withFacet(start, F, "unknown", "x", true), start);
    assert.equal(encode(withFacet(start, F, "country", "NO", true)), "q=crm&expertise=training&country=NO");
  });
});
