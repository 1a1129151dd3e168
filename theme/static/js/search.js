/*
 * Copernica Partner Directory: search and filters on /partners/ (issue 3). The entry module
 * the page loads (<script type="module">); the work is done by the modules in search/
 * (docs/architecture.md lists them).
 *
 * Needs lunr.js 2.3.9 with lunr-languages (Dutch): vendored classic scripts that define the
 * global `lunr`, loaded (deferred) before this module, which runs after them.
 * Reads the assets the build writes to /search/ (see manifest.json): the partner store renders
 * the list and the facets; the lunr indexes (English first, Dutch lazily) answer queries.
 *
 * Public interface (other sites link to it, keep it stable; search/state.js):
 *   /partners/?q=TEXT&expertise=ID&country=CC&language=CODE&brand=whitelabel|copernica
 *             &accepting=1&rating=N&sort=name|rating|reviews|country
 */
import { PartnerSearch, findElements } from "./search/app.js";

const root = document.querySelector("[data-search]");
const elements = root ? findElements(root) : null;
// Without lunr or these APIs the server-rendered directory stays as it is.
if (elements && typeof window.lunr !== "undefined" && window.fetch && window.URLSearchParams) {
  new PartnerSearch(root, elements, window.lunr).start();
}
