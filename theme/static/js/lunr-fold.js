/*
 * Case and diacritics folding for search: the browser twin of
 * plugins/copernica_directory/search/pipeline.py `fold`. `registerFold` registers it as the lunr
 * pipeline function "foldDiacritics", which every prebuilt index names in its pipeline.
 * An ES module: imported by the search modules, and by the node tests (tests/js).
 */

// Letters NFKD does not decompose; the same table is in pipeline.py.
const SPECIAL = { "ø": "o", "æ": "ae", "ß": "ss", "œ": "oe", "ł": "l", "đ": "d" };
const SPECIAL_RE = /[øæßœłđ]/g;
const MARKS_RE = /[\u0300-\u036f]/g;

/** Case and diacritics folded: München -> munchen, Bølgen -> bolgen. */
export function fold(text) {
  return String(text)
    .toLowerCase()
    .replace(SPECIAL_RE, (ch) => SPECIAL[ch])
    .normalize("NFKD")
    .replace(MARKS_RE, "");
}

function foldDiacritics(token) {
  return token.update((s) => fold(s));
}

/** Registers "foldDiacritics" with `lunr` (once), so that lunr.Index.load finds it. */
export function registerFold(lunr) {
  if (!lunr.Pipeline.registeredFunctions.foldDiacritics) {
    lunr.Pipeline.registerFunction(foldDiacritics, "foldDiacritics");
  }
}
