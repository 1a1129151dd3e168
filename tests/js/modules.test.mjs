// The search modules load in node without a DOM (only the entry, search.js, touches the page
// when it is loaded), and safeUrl keeps script addresses out of links and images.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { test } from "node:test";
import { safeUrl } from "../../theme/static/js/search/render.js";

const folder = new URL("../../theme/static/js/search/", import.meta.url);

test("every module of search/ imports without a document or window", async () => {
  assert.equal(typeof globalThis.document, "undefined");
  const files = readdirSync(folder).filter((name) => name.endsWith(".js"));
  assert.ok(files.length >= 10, files.join(", "));
  for (const name of files) {
    const module = await import(new URL(name, folder));
    assert.ok(Object.keys(module).length > 0, name);
  }
});

test("only site-relative and http(s) addresses from the data are used", () => {
  for (const url of ["/partners/x/", "/assets/logo.webp", "https://example.com/", "HTTP://example.com"]) {
    assert.equal(safeUrl(url), url);
  }
  for (const url of ["javascript:alert(1)", "//evil.example/", "data:text/html,x", " /x", "x/y", "", null, 3, {}]) {
    assert.equal(safeUrl(url), null, String(url));
  }
});
