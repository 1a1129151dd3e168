/* Case and diacritics folding for search: the browser twin of
 * plugins/directory_search/pipeline.py `fold`. Registered as the lunr pipeline
 * function "foldDiacritics", which every prebuilt index names in its pipeline. */
(function (root) {
  "use strict";
  // Letters NFKD does not decompose; the same table is in pipeline.py.
  var SPECIAL = { "ø": "o", "æ": "ae", "ß": "ss", "œ": "oe", "ł": "l", "đ": "d" };
  var SPECIAL_RE = /[øæßœłđ]/g;
  var MARKS_RE = /[\u0300-\u036f]/g;

  function fold(text) {
    return String(text)
      .toLowerCase()
      .replace(SPECIAL_RE, function (ch) { return SPECIAL[ch]; })
      .normalize("NFKD")
      .replace(MARKS_RE, "");
  }

  function foldDiacritics(token) {
    return token.update(function (s) { return fold(s); });
  }

  function register(lunr) {
    if (!lunr.Pipeline.registeredFunctions.foldDiacritics) {
      lunr.Pipeline.registerFunction(foldDiacritics, "foldDiacritics");
    }
  }

  if (typeof module === "object" && module.exports) {
    module.exports = { fold: fold, register: register };
  } else {
    register(root.lunr);
    root.partnerSearchFold = fold;
  }
})(typeof self !== "undefined" ? self : this);
