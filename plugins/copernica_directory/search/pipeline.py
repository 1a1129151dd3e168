"""The text pipelines of the search indexes, identical on the build side and in the browser.

Each language's index is built with [foldDiacritics, trimmer, stop word filter, stemmer] and
searched with [foldDiacritics, stemmer]. The stemmers and stop words are the ones lunr.js and
lunr-languages use (English: porter.py, lunr.js's Porter variant; Dutch: Snowball's, which both
lunr.py and lunr-languages use), so a word stemmed in the browser meets the same stem in the
index; tests/test_search_index.py checks this word by word in node.
theme/static/js/lunr-fold.js is the browser twin of `fold`.

lunr finds a saved pipeline's functions by label in its registry; ours are registered there by
`register_functions`, which `new_builder` and `load_index` call (importing this module changes
nothing in lunr).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import lunr.languages  # noqa: F401 - lunr's own: its Snowball stemmers as "stemmer-<lang>"
from lunr.builder import Builder
from lunr.index import Index
from lunr.languages.trimmer import generate_trimmer
from lunr.pipeline import Pipeline
from lunr.stop_word_filter import generate_stop_word_filter
from lunr.stop_word_filter import stop_word_filter as english_stop_word_filter
from lunr.trimmer import trimmer as english_trimmer

from copernica_directory.model.vocab import SITE_LANGUAGES
from copernica_directory.search.fastbuilder import FastBuilder, Stems
from copernica_directory.search.porter import stemmer as english_stemmer

FOLD_LABEL = "foldDiacritics"
# Letters NFKD does not decompose; the same table is in lunr-fold.js.
_SPECIAL = str.maketrans({"ø": "o", "æ": "ae", "ß": "ss", "œ": "oe", "ł": "l", "đ": "d"})
# lunr-languages' Dutch word characters (lunr.nl.wordCharacters), for the Dutch trimmer.
_NL_WORD_CHARACTERS = (
    "A-Za-z\xaa\xba\xc0-\xd6\xd8-\xf6\xf8-\u02b8\u02e0-\u02e4\u1d00-\u1d25\u1d2c-\u1d5c"
    "\u1d62-\u1d65\u1d6b-\u1d77\u1d79-\u1dbe\u1e00-\u1eff\u2071\u207f\u2090-\u209c\u212a"
    "\u212b\u2132\u214e\u2160-\u2188\u2c60-\u2c7f\ua722-\ua787\ua78b-\ua7ad\ua7b0-\ua7b7"
    "\ua7f7-\ua7ff\uab30-\uab5a\uab5c-\uab64\ufb00-\ufb06\uff21-\uff3a\uff41-\uff5a"
)
# An index per site language; `_functions` has the pipeline of each.
SEARCH_LANGUAGES = SITE_LANGUAGES


def fold(text: str) -> str:
    """Case and diacritics folded: München -> munchen, Bølgen -> bolgen."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not "\u0300" <= ch <= "\u036f")


def _fold_token(token: Any, i: int | None = None, tokens: list[Any] | None = None) -> Any:
    return token.update(lambda s, metadata=None: fold(s))


def _register(function: Callable[..., Any], label: str) -> None:
    """`function` under `label` in lunr's registry (unless it is there already)."""
    if Pipeline.registered_functions.get(label) is not function:
        Pipeline.registered_functions.pop(label, None)  # replaced without lunr's warning
        Pipeline.register_function(function, label)


def register_functions() -> None:
    """Our pipeline functions in lunr's registry, under lunr.js's labels: what saved indexes
    name (the languages' trimmers are registered as their builders are made)."""
    _register(_fold_token, FOLD_LABEL)
    # Under lunr.js's label, replacing lunr.py's different Porter variant, so that Index.load
    # and saved pipelines resolve "stemmer" to the lunr.js-exact one.
    _register(english_stemmer, "stemmer")


@cache
def dutch_stop_words() -> frozenset[str]:
    """The Dutch stop words of lunr-languages, shipped with us (no NLTK download)."""
    path = Path(__file__).with_name("stopwords-nl.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def _functions(lang: str) -> tuple[Callable[..., Any], Callable[..., Any], Callable[..., Any]]:
    """(trimmer, stop word filter, stemmer) for a language, registered under lunr.js's labels."""
    if lang == "en":
        return english_trimmer, english_stop_word_filter, english_stemmer
    if lang == "nl":
        trimmer = generate_trimmer(_NL_WORD_CHARACTERS)
        _register(trimmer, "trimmer-nl")
        stop_filter = generate_stop_word_filter(sorted(dutch_stop_words()), language="nl")
        return trimmer, stop_filter, Pipeline.registered_functions["stemmer-nl"]
    raise ValueError(f"no search pipeline for language {lang!r}")


def new_builder(lang: str, stems: Stems | None = None) -> Builder:
    """A lunr Builder with the language's pipelines set up as lunr-languages would; `stems`:
    the words already run through its pipeline (this build's, fastbuilder.py)."""
    register_functions()
    trimmer, stop_filter, stemmer = _functions(lang)
    # lunr's Builder, the same index, faster (fastbuilder.py).
    builder = FastBuilder(stems if stems is not None else Stems())
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.pipeline.add(_fold_token, trimmer, stop_filter, stemmer)
    builder.search_pipeline.add(_fold_token, stemmer)
    return builder


def load_index(serialized: dict[str, Any]) -> Index:
    """A saved index, loaded with our pipeline functions."""
    register_functions()
    return Index.load(serialized)


def stem(word: str, lang: str) -> str:
    """One word through the search pipeline (what a query term becomes)."""
    return new_builder(lang).search_pipeline.run_string(word)[0]
