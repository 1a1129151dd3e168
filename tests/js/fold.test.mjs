// Folding (lunr-fold.js), the browser twin of plugins/copernica_directory/search/pipeline.py `fold`.
import assert from "node:assert/strict";
import { test } from "node:test";
import { fold, registerFold } from "../../theme/static/js/lunr-fold.js";
import { buildEntry, lunr } from "./lunr-env.mjs";

test("case and diacritics are folded, Dutch and Nordic letters included", () => {
  const cases = {
    München: "munchen",
    Bølgen: "bolgen",
    "Coöperatie reünie": "cooperatie reunie",
    "één café": "een cafe",
    Ĳsselmeer: "ijsselmeer", // the Dutch ij ligature
    Straße: "strasse",
    Æbleø: "aebleo",
    Œuvre: "oeuvre",
    Łódź: "lodz",
    Đakovo: "dakovo",
    "CRM-koppeling": "crm-koppeling",
  };
  for (const [text, folded] of Object.entries(cases)) {
    assert.equal(fold(text), folded, text);
  }
});

test("registered once as the pipeline function the prebuilt indexes name", () => {
  registerFold(lunr);
  registerFold(lunr); // again: no error, the same function
  assert.equal(typeof lunr.Pipeline.registeredFunctions.foldDiacritics, "function");
  const entry = buildEntry("places", "nl", { city: 1 }, [{ slug: "isar-mail", city: "München" }]);
  assert.deepEqual(entry.index.pipeline.toJSON()[0], "foldDiacritics");
  assert.deepEqual(entry.index.search("MUNCHEN").map((r) => r.ref), ["isar-mail"]);
});
