/*
 * The search page: wires the modules to the page's elements and events. Holds the one search
 * state of the page (an instance, no module state) and runs each search: query, facets and
 * counts, the result list, the cases, the address.
 *
 * The page works without it: the full partner table and the browse links stay in the HTML,
 * and are only swapped for the search results once the data has loaded.
 */
import { registerFold } from "../lunr-fold.js";
import { activeFilters, applyFacets, facetValues, knownState } from "./facets.js";
import { FacetControls } from "./facet-controls.js";
import {
  bySlug,
  getJSON,
  hasRatings,
  indexPlan,
  loadIndex,
  preparePartners,
  prepareRecords,
  storeFile,
} from "./data.js";
import { Marker } from "./highlight.js";
import { parseTable, translator } from "./i18n.js";
import { Matcher } from "./matching.js";
import { isSearching, parseQuery, stopWordTest } from "./query.js";
import { Cards, RelatedList, ResultList, setText } from "./render.js";
import { KINDS, rankMatches, relatedResults, sortResults } from "./results.js";
import { decodeState, emptyState, stateURL, withFacet } from "./state.js";

const DEBOUNCE_MS = 120;
const WIDE = "(min-width: 60em)"; // from this width the filters are always open
const FACETS = KINDS.partners.facets;

/** The page's search elements below and beside `root` ([data-search]), or null if one of the
    required ones is missing (the server-rendered directory then stays as it is). */
export function findElements(root) {
  const $ = (selector) => root.parentNode.querySelector(selector);
  const found = {
    form: root.querySelector("[data-search-form]"),
    input: root.querySelector("[data-search-input]"),
    status: root.querySelector("[data-search-status]"),
    app: $("[data-search-app]"),
    fallback: $("[data-search-fallback]"),
  };
  if (!found.form || !found.input || !found.status || !found.app || !found.fallback) {
    return null;
  }
  const app = found.app;
  return Object.assign(found, {
    filters: app.querySelector("[data-search-filters]"),
    facets: app.querySelector("[data-search-facets]"),
    sort: app.querySelector("[data-search-sort]"),
    activeCount: app.querySelector("[data-search-active-count]"),
    clear: app.querySelector("[data-search-clear]"),
    hits: app.querySelector("[data-search-hits]"),
    empty: app.querySelector("[data-search-empty]"),
    more: app.querySelector("[data-search-more]"),
    cases: app.querySelector("[data-search-cases]"),
    caseHits: app.querySelector("[data-search-case-hits]"),
  });
}

/** The language switch leads to this search in the other language: the same query string
    on the other language's /partners/ (the address holds the whole search state). */
export function updateLanguageLinks(document, search) {
  document.querySelectorAll("[data-lang-switch]").forEach((link) => {
    const page = (link.getAttribute("href") || "").split(/[?#]/)[0];
    link.setAttribute("href", page + search);
  });
}

/** Timings for the benchmark and the browser's performance panel (User Timing). */
function measure(name, start) {
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch (error) {
    // a browser without User Timing Level 3: nothing to record
  }
}

export class PartnerSearch {
  /** `lunr`: the global of the vendored lunr.js (with lunr-languages' Dutch loaded). */
  constructor(root, elements, lunr) {
    registerFold(lunr);
    this.root = root;
    this.ui = elements;
    this.lunr = lunr;
    this.document = root.ownerDocument;
    this.lang = root.getAttribute("data-lang") || this.document.documentElement.lang || "en";
    this.i18n = translator(parseTable(root.getAttribute("data-i18n")));
    this.isStopWord = stopWordTest(lunr);
    this.matcher = new Matcher(lunr);
    this.current = decodeState(window.location.search, FACETS);
    this.timer = 0;

    this.partners = []; // the store's partners, in the directory's order
    this.partnersBySlug = new Map();
    this.labels = {};
    this.hasRatings = false;
    this.values = {}; // list facet -> Map(value -> label), in display order
    this.partnerIndexes = []; // {name, lang, index}, the page language first
    this.caseIndexes = [];
    this.cases = null; // the cases store's records, once loaded
    this.casesBySlug = new Map();
    this.casesLoading = null;
    this.primaryIndexReady = false;
    this.primaryIndexFailed = false;
    this.manifest = null;
    this.manifestURL = null;

    this.marker = new Marker(() => this.partnerIndexes.concat(this.caseIndexes));
    this.cards = new Cards({
      document: this.document,
      lang: this.lang,
      labels: this.labels,
      i18n: this.i18n,
      marker: this.marker,
    });
    const ui = this.ui;
    this.list = new ResultList(this.cards, { list: ui.hits, empty: ui.empty, more: ui.more }, this.i18n);
    this.related = new RelatedList((record, terms) => this.cards.caseCard(record, terms), {
      section: ui.cases,
      list: ui.caseHits,
    });
    this.controls = new FacetControls(this.document, ui.facets, FACETS, this.i18n);
  }

  /** Loads the data and takes over the directory; on failure the directory stays, with a note. */
  start() {
    updateLanguageLinks(this.document, window.location.search); // a shared or reloaded search
    return this.load().catch(() => {
      this.root.setAttribute("data-search-state", "error");
      setText(this.ui.status, this.i18n.text("error"));
    });
  }

  /* ---------- the address ---------- */

  saveURL(push) {
    const url = stateURL(window.location.pathname, this.current, FACETS);
    if (url === window.location.pathname + window.location.search) {
      return;
    }
    try {
      window.history[push ? "pushState" : "replaceState"]({ partnerSearch: 1 }, "", url);
    } catch (error) {
      // Some browsers limit how often the history may change; the search itself still works.
    }
    updateLanguageLinks(this.document, window.location.search);
  }

  /* ---------- one search ---------- */

  /** One search: query (cached per word), facets, counts, list, status. */
  run() {
    const begun = performance.now();
    const state = this.current;
    const text = this.i18n.text;
    const parsed = parseQuery(state.q, this.isStopWord);
    const words = parsed.words;
    let matches = null;
    let candidates = this.partners;
    if (isSearching(state.q, parsed)) {
      if (!this.primaryIndexReady) {
        if (this.primaryIndexFailed) {
          setText(this.ui.status, text("error"));
        }
        return; // run() is called again when the index has arrived
      }
      const started = performance.now();
      try {
        matches = words.length ? this.matcher.search(this.partnerIndexes, words) : new Map();
      } catch (error) {
        matches = new Map(); // whatever lunr could not handle: no results, never a crash
      }
      measure("partner-search:query", started);
      candidates = rankMatches(matches, this.partnersBySlug);
    }
    candidates = sortResults(candidates, state.sort, this.labels);
    this.marker.setQuery(words);
    const outcome = applyFacets(candidates, state, FACETS);
    this.controls.update(outcome.counts);
    this.list.render(outcome.results, matches, state, words);
    const n = outcome.results.length;
    setText(this.ui.status, n === 0 ? text("count_none") : this.i18n.plural("count_one", "count_other", n));
    const active = activeFilters(state, FACETS);
    setText(this.ui.activeCount, active ? text("filters_active", { count: active }) : "");
    this.ui.clear.hidden = active === 0 && !state.q.trim();
    if (words.length && this.cases === null) {
      this.loadCases();
    }
    this.renderCases(words, state);
    measure("partner-search:update", begun);
  }

  renderCases(words, state) {
    if (!words.length || !this.caseIndexes.length || !this.cases) {
      this.related.render(null, words);
      return;
    }
    const matches = this.matcher.search(this.caseIndexes, words);
    this.related.render(relatedResults(matches, this.casesBySlug, state, KINDS.cases), words);
  }

  /** A new search from the controls: back to the first page of results, the address kept. */
  searchNow(push) {
    window.clearTimeout(this.timer);
    this.list.rewind();
    this.run();
    this.saveURL(push);
  }

  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      this.list.rewind();
      this.run();
      this.saveURL(false);
    }, DEBOUNCE_MS);
  }

  /** The box and the controls show `current` (after load and on Back/Forward). */
  syncControls() {
    const { input, sort } = this.ui;
    if (input.value !== this.current.q) {
      input.value = this.current.q;
    }
    if (sort) {
      sort.value = this.current.sort;
    }
    this.controls.sync(this.current);
  }

  /* ---------- events ---------- */

  onInput() {
    this.current = Object.assign({}, this.current, { q: this.ui.input.value });
    this.schedule();
  }

  onSubmit(event) {
    event.preventDefault();
    this.current = Object.assign({}, this.current, { q: this.ui.input.value });
    this.searchNow(true);
  }

  onFacetChange(event) {
    const box = event.target;
    if (!box || !box.name) {
      return;
    }
    const typed = Object.assign({}, this.current, { q: this.ui.input.value });
    this.current = withFacet(typed, FACETS, box.name, box.value, box.checked);
    this.searchNow(true);
  }

  onSortChange() {
    this.current = Object.assign({}, this.current, { q: this.ui.input.value, sort: this.ui.sort.value });
    this.searchNow(true);
  }

  onClear() {
    window.clearTimeout(this.timer);
    this.current = emptyState(FACETS);
    this.syncControls();
    this.searchNow(true);
    this.ui.input.focus();
  }

  onMore() {
    const hits = this.ui.hits;
    const before = hits.children.length;
    this.list.more();
    this.run();
    const first = hits.children[before];
    const link = first && first.querySelector("a");
    if (link) {
      link.focus();
    }
  }

  onPopState() {
    window.clearTimeout(this.timer);
    updateLanguageLinks(this.document, window.location.search);
    this.current = knownState(decodeState(window.location.search, FACETS), this.values, FACETS, this.hasRatings);
    this.syncControls();
    this.list.rewind();
    this.run();
  }

  bindEvents() {
    const ui = this.ui;
    ui.input.addEventListener("input", () => this.onInput());
    ui.form.addEventListener("submit", (event) => this.onSubmit(event));
    ui.facets.addEventListener("change", (event) => this.onFacetChange(event));
    if (ui.sort) {
      ui.sort.addEventListener("change", () => this.onSortChange());
    }
    ui.clear.addEventListener("click", () => this.onClear());
    ui.more.addEventListener("click", () => this.onMore());
    window.addEventListener("popstate", () => this.onPopState());
  }

  bindFilterDisclosure() {
    const filters = this.ui.filters;
    if (!window.matchMedia) {
      filters.open = true;
      return;
    }
    const wide = window.matchMedia(WIDE);
    filters.open = wide.matches; // on a phone the results come first; the summary counts filters
    if (wide.addEventListener) {
      wide.addEventListener("change", () => {
        if (wide.matches) {
          filters.open = true;
        }
      });
    }
  }

  /* ---------- loading ---------- */

  fetchJSON(file) {
    return getJSON(new URL(file, this.manifestURL));
  }

  /** An index entry; `download`: its JSON if it is already being fetched. */
  async fetchIndex(entry, download) {
    return loadIndex(this.lunr, entry, await (download || this.fetchJSON(entry.file)));
  }

  prepare(store) {
    this.labels = store.labels || {};
    this.cards.labels = this.labels;
    this.partners = preparePartners(store);
    this.partnersBySlug = bySlug(this.partners);
    this.hasRatings = hasRatings(this.partners);
    this.values = facetValues(this.partners, this.labels, FACETS, this.lang);
  }

  loadCases() {
    if (this.casesLoading) {
      return this.casesLoading;
    }
    const kind = KINDS.cases;
    this.casesLoading = (async () => {
      try {
        const entries = indexPlan(this.manifest, kind.covers, this.lang);
        const [store, ...loaded] = await Promise.all(
          [this.fetchJSON(storeFile(this.manifest, kind.covers, this.lang))].concat(
            entries.map((entry) => this.fetchIndex(entry).catch(() => null))
          )
        );
        loaded.filter(Boolean).forEach((entry) => this.caseIndexes.push(entry));
        this.cases = prepareRecords(store, kind.list);
        this.casesBySlug = bySlug(this.cases);
      } catch (error) {
        this.cases = [];
      }
      this.related.invalidate();
      this.marker.reset();
      this.renderCases(parseQuery(this.current.q, this.isStopWord).words, this.current);
    })();
    return this.casesLoading;
  }

  async loadOtherPartnerIndexes(entries) {
    for (const entry of entries) {
      try {
        this.partnerIndexes.push(await this.fetchIndex(entry));
      } catch (error) {
        continue; // the primary index still answers
      }
      this.marker.reset();
      if (this.current.q.trim()) {
        this.list.invalidate();
        this.run();
      }
    }
    this.root.setAttribute("data-search-state", "complete");
  }

  async load() {
    const { root, ui } = this;
    root.setAttribute("data-search-state", "loading");
    this.manifestURL = new URL(root.getAttribute("data-manifest") || "/search/manifest.json", window.location.href);
    this.manifest = await getJSON(this.manifestURL);
    const [primary, ...others] = indexPlan(this.manifest, KINDS.partners.covers, this.lang);
    // The store and the page language's index download in parallel; the list shows from the
    // store alone, and the index is only turned into a lunr index once the list is up (or
    // first, when the address already holds a query).
    const download = primary ? this.fetchJSON(primary.file) : null;
    if (download) {
      download.catch(() => null); // failures are handled where it is used
    }
    let indexPromise = null;
    this.primaryIndexFailed = !primary;
    const useIndex = () => primary
      ? this.fetchIndex(primary, download).then(
        (entry) => {
          this.partnerIndexes.unshift(entry);
          this.primaryIndexReady = true;
          this.marker.reset();
        },
        () => {
          this.primaryIndexFailed = true;
        }
      )
      : Promise.resolve();
    this.prepare(await this.fetchJSON(storeFile(this.manifest, KINDS.partners.covers, this.lang)));
    this.current = knownState(this.current, this.values, FACETS, this.hasRatings);
    if (this.current.q.trim()) {
      indexPromise = useIndex();
      await indexPromise; // a shared search: show its results, not the whole list first
    }

    if (ui.input.value.trim() && ui.input.value !== this.current.q) {
      this.current = Object.assign({}, this.current, { q: ui.input.value }); // typed while loading: keep it
    }
    this.controls.build(this.values, this.current, this.hasRatings);
    this.syncControls();
    this.bindFilterDisclosure();
    this.run();
    ui.fallback.hidden = true;
    ui.app.hidden = false;
    const hint = root.querySelector("[data-search-nojs]");
    if (hint) {
      hint.remove();
      ui.input.removeAttribute("aria-describedby");
    }
    root.setAttribute("data-search-state", "ready");
    this.bindEvents();

    if (!indexPromise) {
      await new Promise((resolve) => window.setTimeout(resolve, 0)); // let the list paint
      indexPromise = useIndex();
    }
    await indexPromise;
    if (this.current.q.trim()) {
      this.run();
    }
    // The other language's index: right after the first results, without holding them up.
    window.setTimeout(() => this.loadOtherPartnerIndexes(others), 0);
  }
}
