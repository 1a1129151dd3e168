// The page's texts (search/i18n.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseTable, translator } from "../../theme/static/js/search/i18n.js";

test("texts fill their placeholders; plurals pick the form for the count", () => {
  const t = translator(parseTable(JSON.stringify({
    count_one: "1 partner", count_other: "{count} partners", location: "{city}, {country}",
  })));
  assert.equal(t.text("location", { city: "Bergen", country: "Norway" }), "Bergen, Norway");
  assert.equal(t.template("location"), "{city}, {country}");
  assert.equal(t.plural("count_one", "count_other", 1), "1 partner");
  assert.equal(t.plural("count_one", "count_other", 0), "0 partners");
  assert.equal(t.plural("count_one", "count_other", 12), "12 partners");
});

test("a missing or unreadable table gives empty texts, never an error", () => {
  for (const json of [null, "", "not json", "[1]", "null"]) {
    const t = translator(parseTable(json));
    assert.equal(t.text("count_none"), "", String(json));
  }
  assert.equal(translator({}).text("constructor"), ""); // only the table's own keys
});
