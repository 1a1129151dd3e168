/*
 * Which words of a text to mark as matching. Pure: no DOM (render.js turns the segments into
 * text nodes and <mark> elements).
 *
 * A word is marked when one of its stems (in the language of each loaded index) is an index
 * term the result matched, or has the stem of a query word, or when a query word being typed
 * is a prefix of it.
 */
import { fold } from "../lunr-fold.js";

const TOKEN = /[^\s-]+/g;
const LEAD = /^[^\p{L}\p{N}]+/u;
const TRAIL = /[^\p{L}\p{N}]+$/u;
const STEM_LIMIT = 5000; // words' stems kept before the cache starts over
const LANGUAGES = ["en", "nl"]; // a word as it is counts as a term of either language

export class Marker {
  /** `entries()`: the loaded index entries ({lang, index}), whose pipelines stem words. */
  constructor(entries) {
    this.entries = entries;
    this.stemCache = new Map();
    this.query = { stems: new Set(), prefixes: [] };
  }

  /** Forget the stems: call when an index of another language has loaded. */
  reset() {
    this.stemCache.clear();
  }

  /** A folded word's stems as "lang:stem", one language's pipeline each, and the word itself. */
  stems(word) {
    let result = this.stemCache.get(word);
    if (result) {
      return result;
    }
    result = [];
    this.entries().forEach((entry) => {
      const key = entry.lang + ":";
      if (result.some((r) => r.indexOf(key) === 0)) {
        return;
      }
      entry.index.pipeline.runString(word).forEach((stem) => result.push(key + stem));
    });
    LANGUAGES.forEach((lang) => result.push(lang + ":" + word));
    if (this.stemCache.size > STEM_LIMIT) {
      this.stemCache.clear();
    }
    this.stemCache.set(word, result);
    return result;
  }

  /** What the query itself marks (parsed words, query.js): words with the stem of an exact
      word, and words a prefix word begins. */
  setQuery(words) {
    const stems = new Set();
    words.forEach((word) => {
      if (word.exact) {
        this.stems(word.text).forEach((stem) => stems.add(stem));
      }
    });
    this.query = { stems, prefixes: words.filter((word) => word.prefix).map((word) => word.text) };
  }

  /** Whether a folded word is marked, for a result that matched `terms` (a Set of "lang:term"). */
  marks(folded, terms) {
    return (
      this.stems(folded).some((stem) => terms.has(stem) || this.query.stems.has(stem)) ||
      this.query.prefixes.some((prefix) => folded.startsWith(prefix))
    );
  }

  /** `value` cut into [text, marked] pieces; a word's leading and trailing punctuation is
      never marked. Without terms, one unmarked piece. */
  segments(value, terms) {
    value = String(value || "");
    if (!terms || !terms.size) {
      return value ? [[value, false]] : [];
    }
    const pieces = [];
    let last = 0;
    for (const match of value.matchAll(TOKEN)) {
      const token = match[0];
      const lead = token.length - token.replace(LEAD, "").length;
      const core = token.slice(lead).replace(TRAIL, "");
      if (!core || !this.marks(fold(core), terms)) {
        continue;
      }
      const start = match.index + lead;
      if (start > last) {
        pieces.push([value.slice(last, start), false]);
      }
      pieces.push([value.slice(start, start + core.length), true]);
      last = start + core.length;
    }
    if (last < value.length) {
      pieces.push([value.slice(last), false]);
    }
    return pieces;
  }
}
