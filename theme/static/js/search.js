/*
 * Copernica Partner Directory: search and filters on /partners/ (issue 3).
 *
 * Needs lunr.js 2.3.9 with lunr-languages (Dutch) and lunr-fold.js, loaded before this file.
 * Reads the assets the build writes to /search/ (see manifest.json): the partner store renders
 * the list and the facets; the lunr indexes (English first, Dutch lazily) answer queries.
 *
 * The page works without this script: the full partner table and the browse links stay in the
 * HTML, and are only swapped for the search results once the data has loaded.
 *
 * Public interface (other sites link to it, keep it stable):
 *   /partners/?q=TEXT&expertise=ID&country=CC&language=CODE&brand=whitelabel|copernica
 *             &accepting=1&rating=N
 * Repeat a parameter for more values: OR within a facet, AND across facets.
 *
 * Safety: content is never parsed as HTML. Every node is built with createElement and filled
 * with textContent or text nodes; URLs from the data are checked before use.
 */
(function () {
  "use strict";

  const root = document.querySelector("[data-search]");
  if (!root || typeof window.lunr === "undefined" || !window.fetch || !window.URLSearchParams) {
    return; // the server-rendered directory stays as it is
  }
  const lunr = window.lunr;

  const DEBOUNCE_MS = 120;
  const PAGE_SIZE = 20;
  const MAX_CASES = 6;
  const RATING_OPTIONS = [4, 3, 2];
  const LONG_FACET = 10; // a facet with more values shows the first SHORT_FACET until expanded
  const SHORT_FACET = 6;
  const LIST_FACETS = ["expertise", "country", "language", "brand"];
  const FACETS = LIST_FACETS.concat(["accepting", "rating"]);
  // ?sort=: best match (the default: relevance with a query, name order without), or one of
  // these. Part of the public URL interface, like the filters.
  const SORTS = {
    name: (a, b) => a.order - b.order,
    rating: (a, b) =>
      ((b.rating && b.rating.average) || 0) - ((a.rating && a.rating.average) || 0) ||
      ((b.rating && b.rating.count) || 0) - ((a.rating && a.rating.count) || 0) ||
      a.order - b.order,
    country: (a, b) =>
      String((labels.country || {})[a.country] || a.country).localeCompare(
        String((labels.country || {})[b.country] || b.country)
      ) || a.order - b.order,
  };
  const SEPARATOR = /[\s-]+/; // lunr.tokenizer.separator
  const FIELD = /^[^:]*:/; // a lunr field prefix, "name:"
  const SYNTAX = /[~^]\d*|[:*+]/g; // other lunr query syntax, stripped from words
  const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu; // what lunr's trimmer removes
  const LETTER = /\p{L}/gu;
  const TOKEN = /[^\s-]+/g;
  const WIDE = "(min-width: 60em)";

  const $ = (selector) => root.parentNode.querySelector(selector);
  const form = root.querySelector("[data-search-form]");
  const input = root.querySelector("[data-search-input]");
  const status = root.querySelector("[data-search-status]");
  const app = $("[data-search-app]");
  const fallback = $("[data-search-fallback]");
  if (!form || !input || !status || !app || !fallback) {
    return;
  }
  const filters = app.querySelector("[data-search-filters]");
  const facetBox = app.querySelector("[data-search-facets]");
  const sortSelect = app.querySelector("[data-search-sort]");
  const activeCount = app.querySelector("[data-search-active-count]");
  const clearButton = app.querySelector("[data-search-clear]");
  const hitList = app.querySelector("[data-search-hits]");
  const emptyBox = app.querySelector("[data-search-empty]");
  const moreButton = app.querySelector("[data-search-more]");
  const caseSection = app.querySelector("[data-search-cases]");
  const caseList = app.querySelector("[data-search-case-hits]");

  const lang = root.getAttribute("data-lang") || document.documentElement.lang || "en";
  let i18n = {};
  try {
    i18n = JSON.parse(root.getAttribute("data-i18n") || "{}");
  } catch (error) {
    i18n = {};
  }

  /* ---------- Small helpers ---------- */

  function text(key, values) {
    let result = i18n[key] || "";
    if (values) {
      Object.keys(values).forEach((name) => {
        result = result.split("{" + name + "}").join(String(values[name]));
      });
    }
    return result;
  }

  function plural(one, other, count) {
    return count === 1 ? text(one, { count: count }) : text(other, { count: count });
  }

  function localFold(value) {
    const special = { "ø": "o", "æ": "ae", "ß": "ss", "œ": "oe", "ł": "l", "đ": "d" };
    return String(value)
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[øæßœłđ]/g, (c) => special[c]);
  }
  const fold = typeof window.partnerSearchFold === "function" ? window.partnerSearchFold : localFold;

  function el(tag, className, content) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined && content !== null) {
      node.textContent = content;
    }
    return node;
  }

  /* Only site-relative or http(s) URLs from the data are ever used. */
  function safeUrl(url) {
    return typeof url === "string" && /^(\/(?!\/)|https?:\/\/)/i.test(url) ? url : null;
  }

  function setText(node, value) {
    if (node.textContent !== value) {
      node.textContent = value;
    }
  }

  async function getJSON(url) {
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) {
      throw new Error(response.status + " " + url);
    }
    return response.json();
  }

  /* ---------- State and URL ---------- */

  function emptyState() {
    return { q: "", expertise: [], country: [], language: [], brand: [], accepting: false, rating: 0, sort: "" };
  }

  function readURL() {
    const params = new URLSearchParams(window.location.search);
    const state = emptyState();
    state.q = (params.get("q") || "").slice(0, 200);
    const unique = (values) => values.filter((v, i) => v && values.indexOf(v) === i);
    state.expertise = unique(params.getAll("expertise").map((v) => v.trim().toLowerCase()));
    state.country = unique(params.getAll("country").map((v) => v.trim().toUpperCase()));
    state.language = unique(params.getAll("language").map((v) => v.trim().toLowerCase()));
    state.brand = unique(params.getAll("brand").map((v) => v.trim().toLowerCase()));
    state.accepting = ["1", "true", "yes"].indexOf((params.get("accepting") || "").toLowerCase()) >= 0;
    const rating = parseInt(params.get("rating") || "", 10);
    state.rating = rating >= 1 && rating <= 5 ? rating : 0;
    const sort = params.get("sort") || "";
    state.sort = SORTS.hasOwnProperty(sort) ? sort : "";
    return state;
  }

  /* Drop filter values the data does not know, so no invisible filter hides results. */
  function knownState(state) {
    LIST_FACETS.forEach((facet) => {
      state[facet] = state[facet].filter((value) => facetValues[facet].has(value));
    });
    if (!hasRatings) {
      state.rating = 0;
    }
    return state;
  }

  function stateURL(state) {
    const params = new URLSearchParams();
    if (state.q.trim()) {
      params.append("q", state.q.trim());
    }
    LIST_FACETS.forEach((facet) => state[facet].forEach((value) => params.append(facet, value)));
    if (state.accepting) {
      params.append("accepting", "1");
    }
    if (state.rating) {
      params.append("rating", String(state.rating));
    }
    if (state.sort) {
      params.append("sort", state.sort);
    }
    const query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function saveURL(push) {
    const url = stateURL(current);
    if (url === window.location.pathname + window.location.search) {
      return;
    }
    try {
      window.history[push ? "pushState" : "replaceState"]({ partnerSearch: 1 }, "", url);
    } catch (error) {
      // Some browsers limit how often the history may change; the search itself still works.
    }
    updateLanguageLinks();
  }

  /* The language switch leads to this search in the other language: the same query string
     on the other language's /partners/ (the address holds the whole search state). */
  function updateLanguageLinks() {
    document.querySelectorAll("[data-lang-switch]").forEach((link) => {
      const page = (link.getAttribute("href") || "").split(/[?#]/)[0];
      link.setAttribute("href", page + window.location.search);
    });
  }

  function activeFilters(state) {
    return LIST_FACETS.reduce((n, facet) => n + state[facet].length, 0) +
      (state.accepting ? 1 : 0) + (state.rating ? 1 : 0);
  }

  /* ---------- Data ---------- */

  let current = readURL();
  let partners = []; // the store's partners, in the directory's order
  let labels = {};
  let hasRatings = false;
  const facetValues = {}; // facet -> Map(value -> label), in display order
  const partnerIndexes = []; // {name, lang, index}, the page language first
  const caseIndexes = [];
  let cases = null; // the cases store's list, once loaded
  let caseBySlug = new Map();
  let casesLoading = null;
  let primaryIndexReady = false;
  let primaryIndexFailed = false;
  let shown = PAGE_SIZE;
  let rendered = { signature: null, slugs: [] };
  let lastCaseRender = "";

  function prepare(store) {
    labels = store.labels || {};
    partners = (store.partners || []).map((p, order) => {
      const countries = [];
      [p.country].concat(p.countries || []).forEach((c) => {
        if (c && countries.indexOf(c) < 0) {
          countries.push(c);
        }
      });
      return Object.assign({}, p, {
        order: order,
        countries: countries,
        expertise: p.expertise || [],
        languages: p.languages || [],
        brands: p.brands || [],
        accepting: p.accepting !== false,
        rating: p.rating && typeof p.rating.average === "number" ? p.rating : null,
      });
    });
    hasRatings = partners.some((p) => p.rating && p.rating.count > 0);

    // Expertise and brand in the taxonomy's order; countries and languages by how many
    // partners have them, then by name (a fixed order: it does not move while filtering).
    const collator = new Intl.Collator(lang, { sensitivity: "base" });
    const ordered = (facet, key, byCount) => {
      const seen = new Map();
      partners.forEach((p) => p[key].forEach((v) => seen.set(v, (seen.get(v) || 0) + 1)));
      const table = labels[facet] || {};
      const values = Object.keys(table).filter((v) => seen.has(v));
      seen.forEach((n, v) => {
        if (values.indexOf(v) < 0) {
          values.push(v);
        }
      });
      if (byCount) {
        values.sort((a, b) => seen.get(b) - seen.get(a) || collator.compare(table[a] || a, table[b] || b));
      }
      facetValues[facet] = new Map(values.map((v) => [v, table[v] || v]));
    };
    ordered("expertise", "expertise", false);
    ordered("country", "countries", true);
    ordered("language", "languages", true);
    ordered("brand", "brands", false);
  }

  /* Stop words of every site language: the Dutch index also holds English texts (where a
     partner wrote no Dutch), so "the" must not be required there either. */
  function isStopWord(word) {
    return lunr.stopWordFilter(word) === undefined ||
      Boolean(lunr.nl && lunr.nl.stopWordFilter(word) === undefined);
  }

  /* An index entry; `download` is its JSON if already being fetched. */
  async function loadIndex(manifestURL, entry, download) {
    const json = await (download || getJSON(new URL(entry.file, manifestURL)));
    return {
      name: entry.name,
      lang: entry.lang,
      index: lunr.Index.load(json),
    };
  }

  function storeFile(stores, covers) {
    const files = (stores && stores[covers]) || {};
    return files[lang] || files.en || files[Object.keys(files)[0]];
  }

  /* ---------- Querying ---------- */

  /* The words every result must match: split like lunr's tokenizer, folded, lunr syntax
     removed ("name:" field prefixes, wildcards, boosts, fuzziness, presence), stop words
     skipped. `pending`: the query is one character, still being typed, so nothing is searched.
     A stop word typed on its own is searched as a prefix ("in" on the way to "integration"). */
  function parseWords(q) {
    const parts = q.split(SEPARATOR)
      .map((part) => fold(part.replace(FIELD, "").replace(SYNTAX, "")).replace(EDGE, ""))
      .filter(Boolean);
    const pending = parts.length === 1 && parts[0].length < 2;
    if (pending || (parts.length > 1 && parts[parts.length - 1].length < 2)) {
      parts.pop(); // a last word of one letter is still being typed
    }
    const words = [];
    parts.forEach((word, i) => {
      const last = i === parts.length - 1;
      if (isStopWord(word)) {
        if (parts.length === 1) {
          words.push({ text: word, exact: false, prefix: true, fuzzy: false });
        }
        return;
      }
      words.push({
        text: word,
        exact: true,
        // a trailing wildcard for the word being typed, and for every longer word
        prefix: word.length >= (last ? 2 : 3),
        fuzzy: (word.match(LETTER) || []).length >= 5,
      });
    });
    return { words: words, pending: pending };
  }

  const wordCache = new Map();

  /* Refs matching one word in one index: exact (stemmed, boost 10), prefix, one typo. */
  function wordHits(entry, word) {
    const key = [entry.name, word.text, word.exact, word.prefix, word.fuzzy].join("\u0000");
    let hits = wordCache.get(key);
    if (hits) {
      return hits;
    }
    const results = entry.index.query((query) => {
      if (word.exact) {
        query.term(word.text, { boost: 10 });
      }
      if (word.prefix) {
        query.term(word.text, {
          usePipeline: false,
          wildcard: lunr.Query.wildcard.TRAILING,
          boost: 1,
        });
      }
      if (word.fuzzy) {
        query.term(word.text, { usePipeline: false, editDistance: 1, boost: 1 });
      }
    });
    hits = new Map();
    results.forEach((r) => hits.set(r.ref, { score: r.score, terms: Object.keys(r.matchData.metadata) }));
    if (wordCache.size > 400) {
      wordCache.clear();
    }
    wordCache.set(key, hits);
    return hits;
  }

  /* Every word must match (AND), in any of the indexes: a word may be found in a partner's
   * name (core index) and the next in its description (text index), or in its Dutch text.
   * Per word, scores add up over the indexes of one language (they hold different fields)
   * and the best language counts (they hold the same content twice); words' scores add up. */
  function searchAll(entries, words) {
    let found = null;
    for (const word of words) {
      const byLang = new Map(); // lang -> Map(ref -> score)
      const terms = new Map(); // ref -> [lang:term]
      entries.forEach((entry) => {
        let scores = byLang.get(entry.lang);
        if (!scores) {
          scores = new Map();
          byLang.set(entry.lang, scores);
        }
        wordHits(entry, word).forEach((hit, ref) => {
          scores.set(ref, (scores.get(ref) || 0) + hit.score);
          const list = terms.get(ref) || [];
          hit.terms.forEach((term) => list.push(entry.lang + ":" + term));
          terms.set(ref, list);
        });
      });
      const best = new Map();
      byLang.forEach((scores) => {
        scores.forEach((score, ref) => best.set(ref, Math.max(best.get(ref) || 0, score)));
      });
      if (!found) {
        found = new Map();
        best.forEach((score, ref) => found.set(ref, { score: score, terms: new Set(terms.get(ref)) }));
      } else {
        found.forEach((match, ref) => {
          if (!best.has(ref)) {
            found.delete(ref);
          } else {
            match.score += best.get(ref);
            terms.get(ref).forEach((term) => match.terms.add(term));
          }
        });
      }
      if (!found.size) {
        break;
      }
    }
    return found || new Map();
  }

  /* ---------- Facets ---------- */

  function passes(p, facet, state) {
    switch (facet) {
      case "expertise":
        return !state.expertise.length || p.expertise.some((v) => state.expertise.indexOf(v) >= 0);
      case "country":
        return !state.country.length || p.countries.some((v) => state.country.indexOf(v) >= 0);
      case "language":
        return !state.language.length || p.languages.some((v) => state.language.indexOf(v) >= 0);
      case "brand":
        return !state.brand.length || p.brands.some((v) => state.brand.indexOf(v) >= 0);
      case "accepting":
        return !state.accepting || p.accepting;
      default:
        return !state.rating || (p.rating !== null && p.rating.average >= state.rating);
    }
  }

  function count(counts, facet, p) {
    const table = counts[facet];
    const add = (value) => table.set(value, (table.get(value) || 0) + 1);
    switch (facet) {
      case "expertise":
        p.expertise.forEach(add);
        break;
      case "country":
        p.countries.forEach(add);
        break;
      case "language":
        p.languages.forEach(add);
        break;
      case "brand":
        p.brands.forEach(add);
        break;
      case "accepting":
        if (p.accepting) {
          add("1");
        }
        break;
      default:
        add("0");
        RATING_OPTIONS.forEach((n) => {
          if (p.rating && p.rating.average >= n) {
            add(String(n));
          }
        });
    }
  }

  /* The partners that pass every facet, and per facet the counts with the OTHER facets applied
     (disjunctive faceting): a partner failing exactly one facet still counts for that one. */
  function applyFacets(candidates, state) {
    const counts = {};
    FACETS.forEach((facet) => {
      counts[facet] = new Map();
    });
    const results = [];
    for (const p of candidates) {
      let failed = null;
      let failures = 0;
      for (const facet of FACETS) {
        if (!passes(p, facet, state)) {
          failed = facet;
          failures += 1;
          if (failures > 1) {
            break;
          }
        }
      }
      if (failures === 0) {
        results.push(p);
        FACETS.forEach((facet) => count(counts, facet, p));
      } else if (failures === 1) {
        count(counts, failed, p);
      }
    }
    return { results: results, counts: counts };
  }

  /* ---------- Facet controls (built once) ---------- */

  const facetControls = {}; // facet -> Map(value -> {input, item, number, spoken})
  let ratingOptions = [];

  function facetOption(facet, type, value, label) {
    const id = "search-" + facet + "-" + String(value || "any").replace(/[^A-Za-z0-9_-]/g, "_");
    const item = el("li", "search-facet__option");
    const box = el("input", "search-facet__input");
    box.type = type;
    box.id = id;
    box.name = facet;
    box.value = String(value);
    const labelNode = el("label", "search-facet__label");
    labelNode.htmlFor = id;
    labelNode.appendChild(el("span", "search-facet__text", label));
    const number = el("span", "search-facet__count");
    number.setAttribute("aria-hidden", "true");
    const spoken = el("span", "visually-hidden");
    labelNode.appendChild(number);
    labelNode.appendChild(spoken);
    item.appendChild(box);
    item.appendChild(labelNode);
    if (!facetControls[facet]) {
      facetControls[facet] = new Map();
    }
    facetControls[facet].set(String(value), { input: box, item: item, number: number, spoken: spoken });
    return item;
  }

  function fieldset(facet, legend) {
    const set = el("fieldset", "search-facet search-facet--" + facet);
    set.appendChild(el("legend", "search-facet__legend", legend));
    const list = el("ul", "search-facet__options");
    list.id = "search-facet-" + facet;
    set.appendChild(list);
    return { set: set, list: list };
  }

  /* A long facet shows its first values and the ticked ones, plus a show-all toggle. */
  const collapsible = []; // {facet, button, expanded}

  function addToggle(group, facet, size) {
    const button = el("button", "search-facet__more");
    button.type = "button";
    button.setAttribute("aria-controls", group.list.id);
    const entry = { facet: facet, button: button, size: size, expanded: false };
    button.addEventListener("click", () => {
      entry.expanded = !entry.expanded;
      applyCollapse(entry);
    });
    group.set.appendChild(button);
    collapsible.push(entry);
  }

  function applyCollapse(entry) {
    let i = 0;
    facetControls[entry.facet].forEach((control) => {
      control.item.hidden = !entry.expanded && i >= SHORT_FACET && !control.input.checked;
      i += 1;
    });
    entry.button.setAttribute("aria-expanded", String(entry.expanded));
    setText(entry.button, entry.expanded ? text("show_fewer") : text("show_all", { count: entry.size }));
  }

  function buildFacets() {
    const fragment = document.createDocumentFragment();
    const groups = [
      ["expertise", "facet_expertise"],
      ["country", "facet_country"],
      ["language", "facet_language"],
      ["brand", "facet_brand"],
    ];
    groups.forEach(([facet, legendKey]) => {
      const values = facetValues[facet];
      if (!values.size) {
        return;
      }
      const group = fieldset(facet, text(legendKey));
      values.forEach((label, value) => {
        group.list.appendChild(facetOption(facet, "checkbox", value, label));
      });
      if (values.size > LONG_FACET) {
        addToggle(group, facet, values.size);
      }
      fragment.appendChild(group.set);
    });
    const accepting = fieldset("accepting", text("facet_accepting"));
    accepting.list.appendChild(facetOption("accepting", "checkbox", "1", text("accepting_only")));
    fragment.appendChild(accepting.set);
    if (hasRatings) {
      ratingOptions = RATING_OPTIONS.slice();
      if (current.rating && ratingOptions.indexOf(current.rating) < 0) {
        ratingOptions.push(current.rating);
        ratingOptions.sort((a, b) => b - a);
      }
      const rating = fieldset("rating", text("facet_rating"));
      rating.list.appendChild(facetOption("rating", "radio", "0", text("rating_any")));
      ratingOptions.forEach((n) => {
        rating.list.appendChild(facetOption("rating", "radio", String(n), text("rating_min", { rating: n })));
      });
      fragment.appendChild(rating.set);
    }
    facetBox.appendChild(fragment);
  }

  /* Checkboxes and the box show `current` (after load and on Back/Forward). */
  function syncControls() {
    if (input.value !== current.q) {
      input.value = current.q;
    }
    if (sortSelect) {
      sortSelect.value = current.sort;
    }
    Object.keys(facetControls).forEach((facet) => {
      facetControls[facet].forEach((control, value) => {
        let checked;
        if (facet === "accepting") {
          checked = current.accepting;
        } else if (facet === "rating") {
          checked = String(current.rating) === value;
        } else {
          checked = current[facet].indexOf(value) >= 0;
        }
        control.input.checked = checked;
      });
    });
    collapsible.forEach(applyCollapse);
  }

  function updateCounts(counts) {
    Object.keys(facetControls).forEach((facet) => {
      const table = counts[facet];
      facetControls[facet].forEach((control, value) => {
        const n = table.get(value) || 0;
        setText(control.number, String(n));
        setText(control.spoken, "(" + plural("facet_count_one", "facet_count_other", n) + ")");
        control.item.classList.toggle("is-empty", n === 0);
      });
    });
  }

  /* ---------- Highlighting ---------- */

  const stemCache = new Map();

  function stems(word) {
    let result = stemCache.get(word);
    if (result) {
      return result;
    }
    result = [];
    partnerIndexes.concat(caseIndexes).forEach((entry) => {
      const key = entry.lang + ":";
      if (result.some((r) => r.indexOf(key) === 0)) {
        return;
      }
      entry.index.pipeline.runString(word).forEach((stem) => result.push(key + stem));
    });
    result.push("en:" + word, "nl:" + word);
    if (stemCache.size > 5000) {
      stemCache.clear();
    }
    stemCache.set(word, result);
    return result;
  }

  /* What the query itself marks, besides the index terms a result matched: words with the
     same stem as a query word (in either language) and words a query word is a prefix of. */
  let queryMarks = { stems: new Set(), prefixes: [] };

  function setQueryMarks(words) {
    const marked = new Set();
    words.forEach((word) => {
      if (word.exact) {
        stems(word.text).forEach((stem) => marked.add(stem));
      }
    });
    queryMarks = {
      stems: marked,
      prefixes: words.filter((word) => word.prefix).map((word) => word.text),
    };
  }

  function marks(folded, terms) {
    return stems(folded).some((stem) => terms.has(stem) || queryMarks.stems.has(stem)) ||
      queryMarks.prefixes.some((prefix) => folded.startsWith(prefix));
  }

  /* Appends `value` to `parent`, wrapping the words that matched in <mark> (text nodes only). */
  function highlight(parent, value, terms) {
    value = String(value || "");
    if (!terms || !terms.size) {
      parent.appendChild(document.createTextNode(value));
      return parent;
    }
    let last = 0;
    let match;
    TOKEN.lastIndex = 0;
    while ((match = TOKEN.exec(value)) !== null) {
      const token = match[0];
      const lead = token.length - token.replace(/^[^\p{L}\p{N}]+/u, "").length;
      const core = token.slice(lead).replace(/[^\p{L}\p{N}]+$/u, "");
      if (!core) {
        continue;
      }
      const folded = fold(core);
      if (!marks(folded, terms)) {
        continue;
      }
      const start = match.index + lead;
      if (start > last) {
        parent.appendChild(document.createTextNode(value.slice(last, start)));
      }
      parent.appendChild(el("mark", "", value.slice(start, start + core.length)));
      last = start + core.length;
    }
    if (last < value.length) {
      parent.appendChild(document.createTextNode(value.slice(last)));
    }
    return parent;
  }

  /* A translated text with {placeholders}, the values highlighted. */
  function fill(parent, key, values, terms) {
    text(key).split(/(\{[a-z_]+\})/).forEach((part) => {
      const name = /^\{([a-z_]+)\}$/.exec(part);
      if (name && Object.prototype.hasOwnProperty.call(values, name[1])) {
        highlight(parent, values[name[1]], terms);
      } else if (part) {
        parent.appendChild(document.createTextNode(part));
      }
    });
    return parent;
  }

  function langAttr(node, textLang) {
    if (textLang && textLang !== lang) {
      node.lang = textLang;
    }
    return node;
  }

  /* A text in another language than the page's is tagged with that language's name, as on
     the server-rendered cards (a visible note, in the page's language). */
  function langTag(textLang) {
    if (!textLang || textLang === lang) {
      return null;
    }
    const name = (labels.text_language || {})[textLang] || textLang;
    const tag = el("span", "lang-tag", name);
    tag.lang = lang;
    return tag;
  }

  function appendLangTag(node, textLang) {
    const tag = langTag(textLang);
    if (tag) {
      node.appendChild(document.createTextNode(" "));
      node.appendChild(tag);
    }
  }

  /* ---------- Rendering ---------- */

  /* A result's body in its card, opening with its title linked to its page. */
  function hitBody(card, url, title, terms) {
    const body = el("div", "search-hit__body");
    card.appendChild(body);
    const heading = el("h3", "search-hit__name");
    const link = el("a");
    link.href = safeUrl(url) || "#";
    highlight(link, title, terms);
    heading.appendChild(link);
    body.appendChild(heading);
    return body;
  }

  function partnerHit(p, terms, state) {
    const item = el("li", "search-hit");
    const card = el("article", "card search-hit__card");
    item.appendChild(card);

    const logoUrl = safeUrl(p.logo);
    let logo;
    if (logoUrl) {
      logo = el("img", "partner-logo search-hit__logo");
      logo.src = logoUrl;
      logo.alt = "";
      logo.width = 56;
      logo.height = 56;
      logo.loading = "lazy";
      logo.decoding = "async";
    } else {
      logo = el("span", "partner-logo partner-logo--placeholder search-hit__logo", (p.name || "?").slice(0, 1));
      logo.setAttribute("aria-hidden", "true");
    }
    card.appendChild(logo);

    const body = hitBody(card, p.url, p.name, terms);

    const where = el("p", "search-hit__location");
    const place = el("span");
    const countryLabel = (labels.country || {})[p.country] || p.country;
    fill(place, "location", { city: p.city || "", country: countryLabel }, terms);
    where.appendChild(place);
    const served = state.country.length && state.country.indexOf(p.country) < 0
      ? state.country.filter((c) => p.countries.indexOf(c) >= 0) : [];
    if (served.length) {
      const names = served.map((c) => (labels.country || {})[c] || c).join(", ");
      where.appendChild(el("span", "search-hit__serves", text("also_serves", { country: names })));
    }
    body.appendChild(where);

    if (p.tagline) {
      const tagline = el("p", "search-hit__tagline");
      tagline.appendChild(langAttr(highlight(el("span"), p.tagline, terms), p.tagline_lang));
      appendLangTag(tagline, p.tagline_lang);
      body.appendChild(tagline);
    }
    if (terms && terms.size && p.excerpt) {
      body.appendChild(langAttr(highlight(el("p", "search-hit__snippet"), p.excerpt, terms), p.excerpt_lang));
    }

    const meta = el("div", "search-hit__meta");
    if (p.expertise.length) {
      const tags = el("ul", "tag-list search-hit__tags");
      tags.setAttribute("aria-label", text("expertise"));
      p.expertise.forEach((id) => {
        const selected = state.expertise.indexOf(id) >= 0;
        const tag = el("li", "tag" + (selected ? " tag--selected" : ""));
        highlight(tag, (labels.expertise || {})[id] || id, terms);
        tags.appendChild(tag);
      });
      meta.appendChild(tags);
    }
    if (p.rating && p.rating.count > 0) {
      const average = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(p.rating.average);
      const rating = el("p", "search-hit__rating");
      const stars = el("span", "search-hit__stars", "★");
      stars.setAttribute("aria-hidden", "true");
      rating.appendChild(stars);
      rating.appendChild(document.createTextNode(
        p.rating.count === 1
          ? text("rating_one", { average: average })
          : text("rating_other", { average: average, count: p.rating.count })
      ));
      meta.appendChild(rating);
    }
    if (!p.accepting) {
      meta.appendChild(el("p", "badge badge--muted", text("not_accepting")));
    }
    body.appendChild(meta);
    return item;
  }

  function caseHit(c, terms) {
    const item = el("li", "search-hit search-hit--case");
    const card = langAttr(el("article", "card search-hit__card search-hit__card--case"), c.lang);
    item.appendChild(card);
    const body = hitBody(card, c.url, c.title, terms);
    const meta = el("p", "search-hit__location");
    meta.lang = lang;
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(c.date || "");
    if (parts) {
      const day = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
      const time = el("time", "", new Intl.DateTimeFormat(lang, { dateStyle: "long" }).format(day));
      time.dateTime = c.date;
      meta.appendChild(time);
    }
    if (c.partner_name) {
      meta.appendChild(el("span", "search-hit__by", text("by_partner", { partner: c.partner_name })));
    }
    appendLangTag(meta, c.lang);
    body.appendChild(meta);
    if (c.summary) {
      body.appendChild(highlight(el("p", "search-hit__snippet"), c.summary, terms));
    }
    return item;
  }

  function updateStatus(n) {
    let message;
    if (n === 0) {
      message = text("count_none");
    } else {
      message = plural("count_one", "count_other", n);
    }
    setText(status, message);
  }

  /* Rebuilds the list only when what it shows changed; "Show more" appends to it. */
  function renderHits(results, matches, state, words) {
    const visible = results.slice(0, shown);
    const slugs = visible.map((p) => p.slug);
    const signature = words.map((w) => w.text).join(" ") + "\u0000" +
      JSON.stringify([state.expertise, state.country]);
    const same = signature === rendered.signature;
    const prefixOf = (a, b) => a.length <= b.length && a.every((slug, i) => slug === b[i]);
    if (!(same && slugs.length === rendered.slugs.length && prefixOf(rendered.slugs, slugs))) {
      const start = same && prefixOf(rendered.slugs, slugs) ? rendered.slugs.length : 0;
      const fragment = document.createDocumentFragment();
      visible.slice(start).forEach((p) => {
        const match = matches ? matches.get(p.slug) : null;
        fragment.appendChild(partnerHit(p, match ? match.terms : null, state));
      });
      if (start === 0) {
        hitList.replaceChildren(fragment);
      } else {
        hitList.appendChild(fragment);
      }
      rendered = { signature: signature, slugs: slugs };
    }
    emptyBox.hidden = results.length > 0;
    const remaining = results.length - visible.length;
    moreButton.hidden = remaining <= 0;
    if (remaining > 0) {
      setText(moreButton, text("show_more", { count: Math.min(PAGE_SIZE, remaining) }));
    }
  }

  function renderCases(words, state) {
    if (!words.length || !caseIndexes.length || !cases) {
      caseSection.hidden = true;
      lastCaseRender = "";
      return;
    }
    const matches = searchAll(caseIndexes, words);
    const found = [];
    matches.forEach((match, slug) => {
      const c = caseBySlug.get(slug);
      if (c && (!state.expertise.length || (c.expertise || []).some((e) => state.expertise.indexOf(e) >= 0))) {
        found.push({ c: c, score: match.score, terms: match.terms });
      }
    });
    found.sort((a, b) => b.score - a.score || a.c.order - b.c.order);
    const visible = found.slice(0, MAX_CASES);
    const key = words.map((w) => w.text).join(" ") + "|" + visible.map((f) => f.c.slug).join(",");
    if (key !== lastCaseRender) {
      caseList.replaceChildren(...visible.map((f) => caseHit(f.c, f.terms)));
      lastCaseRender = key;
    }
    caseSection.hidden = visible.length === 0;
  }

  /* One search: query (cached per word), facets, counts, list, status. */
  function run() {
    const begun = performance.now();
    const state = current;
    const parsed = parseWords(state.q);
    const words = parsed.words;
    const searching = words.length > 0 || (state.q.trim() !== "" && !parsed.pending);
    let matches = null;
    let candidates = partners;
    if (searching) {
      if (!primaryIndexReady) {
        if (primaryIndexFailed) {
          setText(status, text("error"));
        }
        return; // run() is called again when the index has arrived
      }
      const started = performance.now();
      try {
        matches = words.length ? searchAll(partnerIndexes, words) : new Map();
      } catch (error) {
        matches = new Map(); // whatever lunr could not handle: no results, never a crash
      }
      measure("partner-search:query", started);
      candidates = [];
      matches.forEach((match, slug) => {
        const p = bySlug.get(slug);
        if (p) {
          candidates.push(p);
        }
      });
      candidates.sort((a, b) => matches.get(b.slug).score - matches.get(a.slug).score || a.order - b.order);
    }
    if (state.sort) {
      candidates = candidates.slice().sort(SORTS[state.sort]);
    }
    setQueryMarks(words);
    const outcome = applyFacets(candidates, state);
    updateCounts(outcome.counts);
    renderHits(outcome.results, matches, state, words);
    updateStatus(outcome.results.length);
    const active = activeFilters(state);
    setText(activeCount, active ? text("filters_active", { count: active }) : "");
    clearButton.hidden = active === 0 && !state.q.trim();
    if (words.length) {
      if (cases === null) {
        loadCases();
      }
    }
    renderCases(words, state);
    measure("partner-search:update", begun);
  }

  /* Timings for the benchmark and the browser's performance panel (User Timing). */
  function measure(name, start) {
    try {
      performance.measure(name, { start: start, end: performance.now() });
    } catch (error) {
      // a browser without User Timing Level 3: nothing to record
    }
  }

  let bySlug = new Map();
  let timer = 0;

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      timer = 0;
      shown = PAGE_SIZE;
      run();
      saveURL(false);
    }, DEBOUNCE_MS);
  }

  /* ---------- Events ---------- */

  function onInput() {
    current = Object.assign({}, current, { q: input.value });
    schedule();
  }

  function onSubmit(event) {
    event.preventDefault();
    window.clearTimeout(timer);
    current = Object.assign({}, current, { q: input.value });
    shown = PAGE_SIZE;
    run();
    saveURL(true);
  }

  function onFacetChange(event) {
    const box = event.target;
    if (!box || !box.name) {
      return;
    }
    const next = Object.assign({}, current, { q: input.value });
    if (box.name === "accepting") {
      next.accepting = box.checked;
    } else if (box.name === "rating") {
      next.rating = parseInt(box.value, 10) || 0;
    } else if (LIST_FACETS.indexOf(box.name) >= 0) {
      const values = next[box.name].filter((v) => v !== box.value);
      if (box.checked) {
        values.push(box.value);
      }
      next[box.name] = values;
    }
    window.clearTimeout(timer);
    current = next;
    shown = PAGE_SIZE;
    run();
    saveURL(true);
  }

  function onSortChange() {
    window.clearTimeout(timer);
    current = Object.assign({}, current, { q: input.value, sort: sortSelect.value });
    shown = PAGE_SIZE;
    run();
    saveURL(true);
  }

  function onClear() {
    window.clearTimeout(timer);
    current = emptyState();
    syncControls();
    shown = PAGE_SIZE;
    run();
    saveURL(true);
    input.focus();
  }

  function onMore() {
    const before = hitList.children.length;
    shown += PAGE_SIZE;
    run();
    const first = hitList.children[before];
    const link = first && first.querySelector("a");
    if (link) {
      link.focus();
    }
  }

  function onPopState() {
    window.clearTimeout(timer);
    updateLanguageLinks();
    current = knownState(readURL());
    syncControls();
    shown = PAGE_SIZE;
    run();
  }

  function bindFilterDisclosure() {
    if (!window.matchMedia) {
      filters.open = true;
      return;
    }
    const wide = window.matchMedia(WIDE);
    const apply = () => {
      if (wide.matches) {
        filters.open = true;
      }
    };
    filters.open = wide.matches; // on a phone the results come first; the summary counts filters
    if (wide.addEventListener) {
      wide.addEventListener("change", apply);
    }
  }

  /* ---------- Start ---------- */

  async function loadCases() {
    if (casesLoading) {
      return casesLoading;
    }
    casesLoading = (async () => {
      try {
        const entries = manifest.indexes.filter((i) => i.covers === "cases");
        // First the page language's core index (names, expertise, taglines), which answers the
    // first query; then the other language's, then the descriptions (manifest "part": "text").
    const rank = (e) => (e.part === "text" ? 2 : 0) + (e.lang === lang ? 0 : 1);
    entries.sort((a, b) => rank(a) - rank(b));
        const [store, ...loaded] = await Promise.all(
          [getJSON(new URL(storeFile(manifest.stores, "cases"), manifestURL))].concat(
            entries.map((entry) => loadIndex(manifestURL, entry).catch(() => null))
          )
        );
        loaded.filter(Boolean).forEach((entry) => caseIndexes.push(entry));
        cases = (store.cases || []).map((c, order) => Object.assign({}, c, { order: order }));
        caseBySlug = new Map(cases.map((c) => [c.slug, c]));
      } catch (error) {
        cases = [];
      }
      lastCaseRender = "";
      stemCache.clear();
      renderCases(parseWords(current.q).words, current);
    })();
    return casesLoading;
  }

  let manifest = null;
  let manifestURL = null;

  async function loadOtherPartnerIndexes(entries) {
    for (const entry of entries) {
      try {
        partnerIndexes.push(await loadIndex(manifestURL, entry));
      } catch (error) {
        continue; // the primary index still answers
      }
      stemCache.clear();
      if (current.q.trim()) {
        rendered = { signature: null, slugs: [] };
        run();
      }
    }
    root.setAttribute("data-search-state", "complete");
  }

  async function start() {
    root.setAttribute("data-search-state", "loading");
    manifestURL = new URL(root.getAttribute("data-manifest") || "/search/manifest.json", window.location.href);
    manifest = await getJSON(manifestURL);
    const entries = (manifest.indexes || []).filter((i) => i.covers === "partners");
    // First the page language's core index (names, expertise, taglines), which answers the
    // first query; then the other language's, then the descriptions (manifest "part": "text").
    const rank = (e) => (e.part === "text" ? 2 : 0) + (e.lang === lang ? 0 : 1);
    entries.sort((a, b) => rank(a) - rank(b));
    const [primary, ...others] = entries;
    // The store and the page language's index download in parallel; the list shows from the
    // store alone, and the index is only turned into a lunr index once the list is up (or
    // first, when the address already holds a query).
    const download = primary ? getJSON(new URL(primary.file, manifestURL)) : null;
    if (download) {
      download.catch(() => null); // failures are handled where it is used
    }
    let indexPromise = null;
    primaryIndexFailed = !primary;
    const useIndex = () => primary
      ? loadIndex(manifestURL, primary, download).then(
        (entry) => {
          partnerIndexes.unshift(entry);
          primaryIndexReady = true;
          stemCache.clear();
        },
        () => {
          primaryIndexFailed = true;
        }
      )
      : Promise.resolve();
    const store = await getJSON(new URL(storeFile(manifest.stores, "partners"), manifestURL));
    prepare(store);
    bySlug = new Map(partners.map((p) => [p.slug, p]));
    current = knownState(current);
    if (current.q.trim()) {
      indexPromise = useIndex();
      await indexPromise; // a shared search: show its results, not the whole list first
    }

    if (input.value.trim() && input.value !== current.q) {
      current.q = input.value; // typed while the data was loading: keep it
    }
    buildFacets();
    syncControls();
    bindFilterDisclosure();
    run();
    fallback.hidden = true;
    app.hidden = false;
    const hint = root.querySelector("[data-search-nojs]");
    if (hint) {
      hint.remove();
      input.removeAttribute("aria-describedby");
    }
    root.setAttribute("data-search-state", "ready");

    input.addEventListener("input", onInput);
    form.addEventListener("submit", onSubmit);
    facetBox.addEventListener("change", onFacetChange);
    if (sortSelect) {
      sortSelect.addEventListener("change", onSortChange);
    }
    clearButton.addEventListener("click", onClear);
    moreButton.addEventListener("click", onMore);
    window.addEventListener("popstate", onPopState);

    if (!indexPromise) {
      await new Promise((resolve) => window.setTimeout(resolve, 0)); // let the list paint
      indexPromise = useIndex();
    }
    await indexPromise;
    if (current.q.trim()) {
      run();
    }
    // The other language's index: right after the first results, without holding them up.
    window.setTimeout(() => loadOtherPartnerIndexes(others), 0);
  }

  updateLanguageLinks(); // an address with a search in it, shared or reloaded
  start().catch(() => {
    // No search data: the server-rendered directory stays, with a short note.
    root.setAttribute("data-search-state", "error");
    setText(status, text("error"));
  });
})();
