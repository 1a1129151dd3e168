/*
 * The search state and its address. Pure: no DOM, no window (the query string is passed in).
 *
 * The address is a public interface (other sites link to it, keep it stable):
 *   /partners/?q=TEXT&expertise=ID&country=CC&language=CODE&brand=whitelabel|copernica
 *             &accepting=1&rating=N&sort=name|rating|reviews|country
 * Repeat a parameter for more values: OR within a facet, AND across facets. A state is
 * {q, sort, and one key per facet: a list of values, a flag (true/false) or a minimum (0: none)}.
 */
import { MAX_QUERY } from "./query.js";

// ?sort=: best match (the default: relevance with a query, name order without), or one of these.
export const SORT_NAMES = ["name", "rating", "reviews", "country"];
const TRUE_VALUES = ["1", "true", "yes"];

/** No query, no filter, the default order. */
export function emptyState(facets) {
  const state = { q: "", sort: "" };
  facets.forEach((facet) => {
    state[facet.name] = facet.type === "list" ? [] : facet.type === "flag" ? false : 0;
  });
  return state;
}

/** The state an address's query string (`?q=...`, or URLSearchParams) asks for: values
    trimmed and in their case, repeats dropped, what is not allowed ignored. */
export function decodeState(search, facets) {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search || "");
  const state = emptyState(facets);
  state.q = (params.get("q") || "").slice(0, MAX_QUERY);
  const unique = (values) => values.filter((v, i) => v && values.indexOf(v) === i);
  facets.forEach((facet) => {
    const name = facet.name;
    if (facet.type === "list") {
      const values = params.getAll(name).map((v) => v.trim());
      state[name] = unique(values.map((v) => (facet.upper ? v.toUpperCase() : v.toLowerCase())));
    } else if (facet.type === "flag") {
      state[name] = TRUE_VALUES.indexOf((params.get(name) || "").toLowerCase()) >= 0;
    } else {
      const n = parseInt(params.get(name) || "", 10);
      state[name] = n >= 1 && n <= 5 ? n : 0;
    }
  });
  const sort = params.get("sort") || "";
  state.sort = SORT_NAMES.indexOf(sort) >= 0 ? sort : "";
  return state;
}

/** The query string of `state` (without "?"; empty for the empty state), parameters in a
    fixed order: q, the facets as declared, sort. */
export function encodeState(state, facets) {
  const params = new URLSearchParams();
  if (state.q.trim()) {
    params.append("q", state.q.trim());
  }
  facets.forEach((facet) => {
    const value = state[facet.name];
    if (facet.type === "list") {
      value.forEach((v) => params.append(facet.name, v));
    } else if (facet.type === "flag" && value) {
      params.append(facet.name, "1");
    } else if (facet.type === "minimum" && value) {
      params.append(facet.name, String(value));
    }
  });
  if (state.sort) {
    params.append("sort", state.sort);
  }
  return params.toString();
}

/** The address of `state` on the page at `pathname`. */
export function stateURL(pathname, state, facets) {
  const query = encodeState(state, facets);
  return pathname + (query ? "?" + query : "");
}

/** `state` after a facet control changed: a list value ticked or unticked (ticked values
    keep the order they were ticked in), the flag set, a minimum chosen. */
export function withFacet(state, facets, name, value, checked) {
  const facet = facets.find((f) => f.name === name);
  if (!facet) {
    return state;
  }
  const next = Object.assign({}, state);
  if (facet.type === "list") {
    const values = state[name].filter((v) => v !== value);
    if (checked) {
      values.push(value);
    }
    next[name] = values;
  } else if (facet.type === "flag") {
    next[name] = Boolean(checked);
  } else {
    next[name] = parseInt(value, 10) || 0;
  }
  return next;
}
