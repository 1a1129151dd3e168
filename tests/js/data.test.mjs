// Index loading (search/data.js): the manifest's plan, the stores, over real HTTP.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import {
  getJSON,
  hasRatings,
  indexPlan,
  loadIndex,
  preparePartners,
  storeFile,
} from "../../theme/static/js/search/data.js";
import { buildEntry, lunr } from "./lunr-env.mjs";

const MANIFEST = {
  indexes: [
    { name: "partners-text-en", covers: "partners", part: "text", lang: "en", file: "files/a.json" },
    { name: "partners-nl", covers: "partners", part: "core", lang: "nl", file: "files/b.json" },
    { name: "cases-en", covers: "cases", part: "all", lang: "en", file: "files/c.json" },
    { name: "partners-text-nl", covers: "partners", part: "text", lang: "nl", file: "files/d.json" },
    { name: "partners-en", covers: "partners", part: "core", lang: "en", file: "files/e.json" },
  ],
  stores: { partners: { en: "files/store-en.json", nl: "files/store-nl.json" }, cases: { en: "files/cases-en.json" } },
};

describe("the manifest", () => {
  test("the page language's core index first, then the other language's, then the texts", () => {
    const names = (lang) => indexPlan(MANIFEST, "partners", lang).map((e) => e.name);
    assert.deepEqual(names("en"), ["partners-en", "partners-nl", "partners-text-en", "partners-text-nl"]);
    assert.deepEqual(names("nl"), ["partners-nl", "partners-en", "partners-text-nl", "partners-text-en"]);
    assert.deepEqual(indexPlan(MANIFEST, "cases", "nl").map((e) => e.name), ["cases-en"]);
    assert.deepEqual(indexPlan({}, "cases", "en"), []);
  });

  test("the store of the page language, else English", () => {
    assert.equal(storeFile(MANIFEST, "partners", "nl"), "files/store-nl.json");
    assert.equal(storeFile(MANIFEST, "cases", "nl"), "files/cases-en.json");
    assert.equal(storeFile({ stores: { cases: { de: "x.json" } } }, "cases", "nl"), "x.json");
    assert.equal(storeFile({}, "cases", "nl"), undefined);
  });
});

describe("the partner store", () => {
  test("partners as the search uses them", () => {
    const [a, b] = preparePartners({
      partners: [
        { slug: "a", country: "NL", countries: ["BE", "NL", "DE"], rating: { average: 4.5, count: 2 } },
        { slug: "b", country: "NO", accepting: false, rating: { average: null, count: 0 }, expertise: ["training"] },
      ],
    });
    assert.deepEqual(a.countries, ["NL", "BE", "DE"]); // home country first, once
    assert.deepEqual([a.order, b.order], [0, 1]);
    assert.deepEqual([a.accepting, b.accepting], [true, false]);
    assert.deepEqual([a.expertise, a.languages, a.brands], [[], [], []]);
    assert.equal(b.rating, null);
    assert.equal(hasRatings([a, b]), true);
    assert.equal(hasRatings([b]), false);
    assert.deepEqual(preparePartners({}), []);
  });
});

describe("over HTTP", () => {
  let server;
  let base;
  const index = buildEntry("partners-en", "en", { name: 1 }, [{ slug: "grachtwerk", name: "Grachtwerk" }]);

  before(async () => {
    server = createServer((request, response) => {
      if (request.url === "/search/files/e.json") {
        response.writeHead(200, { "Content-Type": "application/json" });
        response.end(JSON.stringify(index.index));
      } else {
        response.writeHead(404);
        response.end();
      }
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${server.address().port}/search/manifest.json`;
  });

  after(() => server.close());

  test("an index file loads into a lunr index that answers queries", async () => {
    const entry = MANIFEST.indexes[4];
    const loaded = loadIndex(lunr, entry, await getJSON(new URL(entry.file, base)));
    assert.deepEqual([loaded.name, loaded.lang], ["partners-en", "en"]);
    assert.deepEqual(loaded.index.search("grachtwerk").map((r) => r.ref), ["grachtwerk"]);
  });

  test("a missing file is an error naming it", async () => {
    await assert.rejects(getJSON(new URL("files/missing.json", base)), /404 .*files\/missing\.json/);
  });
});
