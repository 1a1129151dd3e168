/*
 * Facets and their counts. Pure: no DOM.
 *
 * A facet is declared as data (PARTNER_FACETS): its `name` is its key in the search state and
 * its URL parameter, `type` says how it filters, `field` which field of a record it reads.
 *   list     the record's field is a list; passes when it holds any selected value (OR);
 *            values ordered as the store's labels list them ("labels") or by how many records
 *            have them ("count"); `upper`: values are upper case (country codes)
 *   flag     passes when the record's field is true, if the flag is set
 *   minimum  the record's field is a rating {average, count}; passes at or above the minimum;
 *            counted for each of `options`
 * `legend`, `label` (a flag's box, a minimum's options: {rating}) and `any` (a minimum's
 * "no minimum") are keys of the page's texts.
 * Across facets a record must pass all (AND). Another kind of result declares its own list.
 */

export const RATING_OPTIONS = [4, 3, 2];

export const PARTNER_FACETS = [
  { name: "expertise", type: "list", field: "expertise", order: "labels", legend: "facet_expertise" },
  { name: "country", type: "list", field: "countries", order: "count", upper: true, legend: "facet_country" },
  { name: "language", type: "list", field: "languages", order: "count", legend: "facet_language" },
  { name: "brand", type: "list", field: "brands", order: "labels", legend: "facet_brand" },
  { name: "accepting", type: "flag", field: "accepting", legend: "facet_accepting", label: "accepting_only" },
  {
    name: "rating",
    type: "minimum",
    field: "rating",
    options: RATING_OPTIONS,
    legend: "facet_rating",
    any: "rating_any",
    label: "rating_min",
  },
];

export const listFacets = (facets) => facets.filter((facet) => facet.type === "list");

/** Whether `record` passes `facet` in `state`. */
export function passes(record, facet, state) {
  const selected = state[facet.name];
  switch (facet.type) {
    case "list":
      return !selected.length || record[facet.field].some((v) => selected.indexOf(v) >= 0);
    case "flag":
      return !selected || Boolean(record[facet.field]);
    case "minimum": {
      const rating = record[facet.field];
      return !selected || (rating !== null && rating !== undefined && rating.average >= selected);
    }
    default:
      throw new Error("unknown facet type " + facet.type);
  }
}

/** Adds `record` to the counts of `facet` (a Map of option value, as a string, to count). */
function count(table, facet, record) {
  const add = (value) => table.set(value, (table.get(value) || 0) + 1);
  switch (facet.type) {
    case "list":
      record[facet.field].forEach(add);
      break;
    case "flag":
      if (record[facet.field]) {
        add("1");
      }
      break;
    default: {
      add("0"); // "any rating"
      const rating = record[facet.field];
      facet.options.forEach((n) => {
        if (rating && rating.average >= n) {
          add(String(n));
        }
      });
    }
  }
}

/**
 * The records that pass every facet, and per facet the counts with the OTHER facets applied
 * (disjunctive faceting): a record failing exactly one facet still counts for that one, so a
 * count says how many results ticking that value would give (within an OR facet: add).
 * Returns {results, counts: {facet name: Map(value -> n)}}.
 */
export function applyFacets(records, state, facets) {
  const counts = {};
  facets.forEach((facet) => {
    counts[facet.name] = new Map();
  });
  const results = [];
  for (const record of records) {
    let failed = null;
    let failures = 0;
    for (const facet of facets) {
      if (!passes(record, facet, state)) {
        failed = facet;
        failures += 1;
        if (failures > 1) {
          break;
        }
      }
    }
    if (failures === 0) {
      results.push(record);
      facets.forEach((facet) => count(counts[facet.name], facet, record));
    } else if (failures === 1) {
      count(counts[failed.name], failed, record);
    }
  }
  return { results, counts };
}

/**
 * The values of each list facet with their labels, in display order: as the store's label
 * table lists them (the taxonomy's order), or by how many records have them, then by label
 * (a fixed order: it does not move while filtering). Values without a label show as they are.
 * Returns {facet name: Map(value -> label)}.
 */
export function facetValues(records, labels, facets, lang) {
  const collator = new Intl.Collator(lang, { sensitivity: "base" });
  const values = {};
  listFacets(facets).forEach((facet) => {
    const seen = new Map();
    records.forEach((r) => r[facet.field].forEach((v) => seen.set(v, (seen.get(v) || 0) + 1)));
    const table = labels[facet.name] || {};
    const ordered = Object.keys(table).filter((v) => seen.has(v));
    seen.forEach((n, v) => {
      if (ordered.indexOf(v) < 0) {
        ordered.push(v);
      }
    });
    if (facet.order === "count") {
      ordered.sort((a, b) => seen.get(b) - seen.get(a) || collator.compare(table[a] || a, table[b] || b));
    }
    values[facet.name] = new Map(ordered.map((v) => [v, table[v] || v]));
  });
  return values;
}

/** `state` without filter values the data does not know, so no invisible filter hides
    results; without any rating in the data, no rating filter. */
export function knownState(state, values, facets, hasRatings) {
  const known = Object.assign({}, state);
  facets.forEach((facet) => {
    if (facet.type === "list") {
      known[facet.name] = state[facet.name].filter((value) => values[facet.name].has(value));
    } else if (facet.type === "minimum" && !hasRatings) {
      known[facet.name] = 0;
    }
  });
  return known;
}

/** How many filters are set (each ticked value counts). */
export function activeFilters(state, facets) {
  return facets.reduce((n, facet) => {
    const selected = state[facet.name];
    return n + (facet.type === "list" ? selected.length : selected ? 1 : 0);
  }, 0);
}
