"""The English Porter stemmer exactly as lunr.js 2.3.9 applies it.

lunr.py ships a different Porter implementation (its docs list the differences: "lay", "try",
and every word ending in vowel + y, such as "Norway" and "journey"). A query stemmed by lunr.js
in the browser must meet the same stem in the index, so the build uses this one: the same steps,
expressed with the same regular expressions as lunr.js's stemmer.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
    "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
    "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
    "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
    "logi": "log",
}  # fmt: skip
_STEP3 = {
    "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": "",
}  # fmt: skip

_c = "[^aeiou]"  # consonant
_v = "[aeiouy]"  # vowel
_C = _c + "[^aeiouy]*"  # consonant sequence
_V = _v + "[aeiou]*"  # vowel sequence

_MGR0 = re.compile(f"^({_C})?{_V}{_C}")  # measure > 0
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")  # measure == 1
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")  # measure > 1
_S_V = re.compile(f"^({_C})?{_v}")  # vowel in stem

_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B2 = re.compile(r"^(.+?)(ed|ing)$")
_LAST = re.compile(r".$")
_1B_AT = re.compile(r"(at|bl|iz)$")
_1B_DOUBLE = re.compile(r"([^aeiouylsz])\1$")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(f"^(.+?)({'|'.join(_STEP2)})$")
_3 = re.compile(f"^(.+?)({'|'.join(_STEP3)})$")
_4 = re.compile(
    r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$"
)
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_LL = re.compile(r"ll$")


@lru_cache(maxsize=65536)
def porter_stem(word: str) -> str:
    """The stem lunr.js gives `word` (lower-case input, as lunr's tokenizer produces)."""
    w = word
    if len(w) < 3:
        return w
    first_y = w[0] == "y"
    if first_y:
        w = "Y" + w[1:]

    # Step 1a: plurals.
    if _1A.match(w):
        w = _1A.sub(r"\1\2", w, count=1)
    elif _1A2.match(w):
        w = _1A2.sub(r"\1\2", w, count=1)

    # Step 1b: -eed, -ed, -ing.
    if m := _1B.match(w):
        if _MGR0.search(m[1]):
            w = _LAST.sub("", w, count=1)
    elif m := _1B2.match(w):
        stem = m[1]
        if _S_V.search(stem):
            w = stem
            if _1B_AT.search(w):
                w += "e"
            elif _1B_DOUBLE.search(w):
                w = _LAST.sub("", w, count=1)
            elif _CVC.search(w):
                w += "e"

    # Step 1c: y -> i after a consonant (cry -> cri, say -> say).
    if m := _1C.match(w):
        w = m[1] + "i"

    # Steps 2 and 3: double and single suffixes, when the stem's measure > 0.
    if (m := _2.match(w)) and _MGR0.search(m[1]):
        w = m[1] + _STEP2[m[2]]
    if (m := _3.match(w)) and _MGR0.search(m[1]):
        w = m[1] + _STEP3[m[2]]

    # Step 4: -ant, -ence etc. when the measure > 1.
    if m := _4.match(w):
        if _MGR1.search(m[1]):
            w = m[1]
    elif m := _4B.match(w):
        stem = m[1] + m[2]
        if _MGR1.search(stem):
            w = stem

    # Step 5: a final -e, and -ll -> -l.
    if m := _5.match(w):
        stem = m[1]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if _5_LL.search(w) and _MGR1.search(w):
        w = _LAST.sub("", w, count=1)

    if first_y:
        w = "y" + w[1:]
    return w


def stemmer(token, i=None, tokens=None):
    """lunr pipeline function, registered under lunr.js's label "stemmer"."""
    return token.update(lambda s, metadata=None: porter_stem(s))
