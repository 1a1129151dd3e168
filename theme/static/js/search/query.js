/*
 * Query parsing: what a visitor typed, as the words every result must match. Pure: no DOM and
 * no lunr (the stop word test is passed in, see `stopWordTest`).
 */
import { fold } from "../lunr-fold.js";

export const SEPARATOR = /[\s-]+/; // lunr.tokenizer.separator
const FIELD = /^[^:]*:/; // a lunr field prefix, "name:"
const SYNTAX = /[~^]\d*|[:*+]/g; // other lunr query syntax, stripped from words
const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu; // what lunr's trimmer removes
const LETTER = /\p{L}/gu;
export const MAX_QUERY = 200; // characters of a query kept from an address

/** Stop words of every site language: the Dutch index also holds English texts (where a
    partner wrote no Dutch), so "the" must not be required there either. */
export function stopWordTest(lunr) {
  return (word) =>
    lunr.stopWordFilter(word) === undefined ||
    Boolean(lunr.nl && lunr.nl.stopWordFilter(word) === undefined);
}

/**
 * The words every result must match: split like lunr's tokenizer, folded, lunr syntax removed
 * ("name:" field prefixes, wildcards, boosts, fuzziness, presence), stop words skipped.
 * Each word: {text, exact (stemmed match), prefix (trailing wildcard), fuzzy (one typo)}.
 * `pending`: the query is one character, still being typed, so nothing is searched.
 * A stop word typed on its own is searched as a prefix ("in" on the way to "integration").
 */
export function parseQuery(q, isStopWord) {
  const parts = String(q || "")
    .split(SEPARATOR)
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
  return { words, pending };
}

/** Whether a query is searched at all: it has words, or is more than one letter of nothing
    but stop words or syntax (which then finds nothing, rather than showing everyone). */
export function isSearching(q, parsed) {
  return parsed.words.length > 0 || (String(q || "").trim() !== "" && !parsed.pending);
}
