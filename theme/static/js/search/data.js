/*
 * Index loading: the manifest the build writes to /search/, the result stores and the lunr
 * indexes it names. No DOM; `fetch` and lunr are passed in where they are needed.
 *
 * manifest.json: {indexes: [{name, covers, part, lang, file}], stores: {covers: {lang: file}}},
 * file names relative to the manifest (see plugins/copernica_directory/search/assets.py).
 */

/** The JSON at `url`; an HTTP error is an error. */
export async function getJSON(url, fetchImpl = globalThis.fetch) {
  const response = await fetchImpl(url, { credentials: "same-origin" });
  if (!response.ok) {
    throw new Error(response.status + " " + url);
  }
  return response.json();
}

/** The manifest's indexes for a kind, in the order to load them: first the page language's
    core index (names, expertise, taglines), which answers the first query; then the other
    language's; then the descriptions (part "text"). */
export function indexPlan(manifest, covers, lang) {
  const rank = (e) => (e.part === "text" ? 2 : 0) + (e.lang === lang ? 0 : 1);
  return (manifest.indexes || []).filter((e) => e.covers === covers).sort((a, b) => rank(a) - rank(b));
}

/** The store file of a kind for the page language (else English, else any). */
export function storeFile(manifest, covers, lang) {
  const files = (manifest.stores && manifest.stores[covers]) || {};
  return files[lang] || files.en || files[Object.keys(files)[0]];
}

/** An index entry {name, lang, index} from its manifest entry and its JSON. */
export function loadIndex(lunr, entry, json) {
  return { name: entry.name, lang: entry.lang, index: lunr.Index.load(json) };
}

/** The partners of a store as the search uses them: in the directory's order (`order`), the
    home country first among `countries`, lists never missing, `accepting` true unless false,
    `rating` only when it has an average. */
export function preparePartners(store) {
  return (store.partners || []).map((p, order) => {
    const countries = [];
    [p.country].concat(p.countries || []).forEach((c) => {
      if (c && countries.indexOf(c) < 0) {
        countries.push(c);
      }
    });
    return Object.assign({}, p, {
      order,
      countries,
      expertise: p.expertise || [],
      languages: p.languages || [],
      brands: p.brands || [],
      accepting: p.accepting !== false,
      rating: p.rating && typeof p.rating.average === "number" ? p.rating : null,
    });
  });
}

/** The records of any other kind's store (`list`: where they are), in store order. */
export function prepareRecords(store, list) {
  return (store[list] || []).map((r, order) => Object.assign({}, r, { order }));
}

export const hasRatings = (partners) => partners.some((p) => p.rating && p.rating.count > 0);

export const bySlug = (records) => new Map(records.map((r) => [r.slug, r]));
