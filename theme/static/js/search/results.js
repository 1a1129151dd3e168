/*
 * The kinds of result, and matches turned into ordered results. Pure: no DOM.
 *
 * A kind is declared as data (KINDS): which indexes of the manifest answer for it (`covers`),
 * where its records are in its store (`list`), and for kinds shown beside the main list, how
 * many (`limit`) and which of the page's filters narrow them (`filters`: the state's facet and
 * the record's field). Records carry `slug` (the index ref) and `order` (their store order).
 */
import { PARTNER_FACETS } from "./facets.js";

export const KINDS = {
  partners: { name: "partners", covers: "partners", list: "partners", facets: PARTNER_FACETS },
  cases: {
    name: "cases",
    covers: "cases",
    list: "cases",
    limit: 6,
    filters: [{ facet: "expertise", field: "expertise" }],
  },
};

const reviews = (r) => (r.rating && r.rating.count) || 0;
// The rating order's score, made at build time (model/ranking.py: a Bayesian average over
// verified reviews, as the "How we check reviews" page states); partners without one last.
const rank = (r) => (typeof r.rank === "number" ? r.rank : -Infinity);
const byRank = (a, b) => (rank(b) === rank(a) ? 0 : rank(b) > rank(a) ? 1 : -1);

/** The comparators of ?sort= (state.js SORT_NAMES); `labels` name the countries. */
export function sorters(labels) {
  const country = (r) => String((labels.country || {})[r.country] || r.country);
  return {
    name: (a, b) => a.order - b.order,
    rating: (a, b) => byRank(a, b) || reviews(b) - reviews(a) || a.order - b.order,
    reviews: (a, b) => reviews(b) - reviews(a) || byRank(a, b) || a.order - b.order,
    country: (a, b) => country(a).localeCompare(country(b)) || a.order - b.order,
  };
}

/** `records` in the order `sort` asks for (a new list), or as they are without one. */
export function sortResults(records, sort, labels) {
  const compare = sort ? sorters(labels)[sort] : null;
  return compare ? records.slice().sort(compare) : records;
}

/** The records that matched (Map(slug -> {score}), from Matcher.search), best score first,
    then in store order; refs without a record are dropped. */
export function rankMatches(matches, bySlug) {
  const found = [];
  matches.forEach((match, slug) => {
    const record = bySlug.get(slug);
    if (record) {
      found.push(record);
    }
  });
  return found.sort((a, b) => matches.get(b.slug).score - matches.get(a.slug).score || a.order - b.order);
}

/** The records of a kind shown beside the main list: matched, passing the kind's filters in
    `state`, best first, at most the kind's `limit`. Each as {record, score, terms}. */
export function relatedResults(matches, bySlug, state, kind) {
  const filters = kind.filters || [];
  const found = [];
  matches.forEach((match, slug) => {
    const record = bySlug.get(slug);
    const passes = record && filters.every(({ facet, field }) => {
      const selected = state[facet] || [];
      return !selected.length || (record[field] || []).some((v) => selected.indexOf(v) >= 0);
    });
    if (passes) {
      found.push({ record, score: match.score, terms: match.terms });
    }
  });
  found.sort((a, b) => b.score - a.score || a.record.order - b.record.order);
  return kind.limit ? found.slice(0, kind.limit) : found;
}
