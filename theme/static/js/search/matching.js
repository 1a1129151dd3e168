/*
 * Matching parsed words against lunr indexes. No DOM; lunr is passed in (the page's global
 * from the vendored classic script, or lunr.js required in the node tests).
 *
 * An index entry is {name, lang, index}: `index` a lunr.Index, `lang` the language its texts
 * were indexed in. A match is {score, terms}: terms as "lang:term", the index terms it matched.
 */

const CACHE_LIMIT = 400; // word results kept per matcher before the cache starts over

export class Matcher {
  constructor(lunr) {
    this.lunr = lunr;
    this.cache = new Map();
  }

  /** Refs matching one word in one index: exact (stemmed, boost 10), prefix, one typo. */
  wordHits(entry, word) {
    const key = [entry.name, word.text, word.exact, word.prefix, word.fuzzy].join("\u0000");
    let hits = this.cache.get(key);
    if (hits) {
      return hits;
    }
    const trailing = this.lunr.Query.wildcard.TRAILING;
    const results = entry.index.query((query) => {
      if (word.exact) {
        query.term(word.text, { boost: 10 });
      }
      if (word.prefix) {
        query.term(word.text, { usePipeline: false, wildcard: trailing, boost: 1 });
      }
      if (word.fuzzy) {
        query.term(word.text, { usePipeline: false, editDistance: 1, boost: 1 });
      }
    });
    hits = new Map();
    results.forEach((r) => hits.set(r.ref, { score: r.score, terms: Object.keys(r.matchData.metadata) }));
    if (this.cache.size > CACHE_LIMIT) {
      this.cache.clear();
    }
    this.cache.set(key, hits);
    return hits;
  }

  /**
   * Every word must match (AND), in any of the indexes: a word may be found in a partner's
   * name (core index) and the next in its description (text index), or in its Dutch text.
   * Per word, scores add up over the indexes of one language (they hold different fields)
   * and the best language counts (they hold the same content twice); words' scores add up.
   * Returns Map(ref -> {score, terms: Set}).
   */
  search(entries, words) {
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
        this.wordHits(entry, word).forEach((hit, ref) => {
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
        best.forEach((score, ref) => found.set(ref, { score, terms: new Set(terms.get(ref)) }));
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
}
