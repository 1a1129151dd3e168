"""lunr.py's Builder, with the same output in a fraction of the time.

Profiling the build (issue 7) showed most of the search assets' time in lunr.py's per-token
work: a character-by-character tokenizer and a pipeline that calls four Python functions per
token occurrence. Our pipeline functions (fold, trimmer, stop word filter, stemmer) depend on
the token's text only, so each distinct word is run through the real pipeline once and the
result reused; the tokenizer becomes one regular-expression split. The field vectors are built
sorted instead of by repeated binary insertion. Everything lunr.js reads (the serialized index)
is byte-for-byte what lunr.py's own Builder writes: tests/test_build_speed_parts.py
(test_fast_builder_writes_lunrs_own_index) compares them on the sample content, and fails
when a lunr.py release changes the internals this class relies on.
"""

from __future__ import annotations

import os
import pickle
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.idf import idf as lunr_idf
from lunr.token import Token
from lunr.tokenizer import SEPARATOR_CHARS
from lunr.vector import Vector

# lunr.tokenizer's separator characters, as one pattern: runs of them split words.
_SEPARATORS = re.compile("[" + re.escape(SEPARATOR_CHARS) + "]+")


def tokenize(value: str) -> list[str]:
    """The words lunr's Tokenizer makes of a string (lower-cased, split on its separators)."""
    return [word for word in _SEPARATORS.split(value.lower()) if word]


class Stems:
    """The words run through each pipeline so far: per pipeline (the labels of its functions),
    word -> the terms it makes of it. One per build, kept between incremental builds."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, ...], dict[str, tuple[str, ...]]] = {}

    def load(self, path: Path) -> None:
        """Add the words an earlier build stemmed (incremental builds: saves the stemming)."""
        try:
            with open(path, "rb") as stream:
                saved = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return
        for key, terms in saved.items():
            self.terms.setdefault(key, {}).update(terms)

    def save(self, path: Path) -> None:
        """Keep the words stemmed so far for the next build (only pipelines known by label)."""
        known = {key: terms for key, terms in self.terms.items() if not any("<" in k for k in key)}
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(pickle.dumps(known, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, path)


class FastBuilder(Builder):
    """A lunr Builder whose `add` and field vectors are faster; the index is identical.

    Only valid while every pipeline function looks at the token's text alone (not its position
    or neighbours) and no token metadata is kept: `add` falls back to lunr's own code otherwise.
    `stems`: the words already run through the pipeline, shared by the builders of one build.
    """

    def __init__(self, stems: Stems) -> None:
        super().__init__()
        self.stems = stems

    def _terms_cache(self) -> dict[str, tuple[str, ...]]:
        # Registered functions are known by their label (the same in every process); any
        # other by its identity, which no other process shares.
        key = tuple(getattr(fn, "label", None) or repr(fn) for fn in self.pipeline._stack)
        return self.stems.terms.setdefault(key, {})

    def _terms(self, word: str, cache: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        terms = cache.get(word)
        if terms is None:
            terms = tuple(str(token) for token in self.pipeline.run([Token(word, {})]))
            cache[word] = terms
        return terms

    def _fast_path(self, doc: dict[str, Any]) -> bool:
        """True when the shortcut gives lunr's result: text fields, no metadata, no skips."""
        return (
            not self.metadata_whitelist
            and not any(self.pipeline._skip.get(fn) for fn in self.pipeline._stack)
            and all(f.extractor is None for f in self._fields.values())
            and all(doc[name] is None or isinstance(doc[name], str) for name in self._fields)
        )

    def add(self, doc: dict[str, Any], attributes: dict[str, Any] | None = None) -> None:
        if not self._fast_path(doc):
            super().add(doc, attributes)
            return
        doc_ref = str(doc[self._ref])
        self._documents[doc_ref] = attributes or {}
        self.document_count += 1
        cache = self._terms_cache()
        inverted_index = self.inverted_index
        for field_name in self._fields:
            value = doc[field_name]
            terms = [term for word in tokenize(value or "") for term in self._terms(word, cache)]
            field_ref = f"{field_name}{FieldRef.JOINER}{doc_ref}"
            field_terms: defaultdict[str, int] = defaultdict(int)
            self.field_term_frequencies[field_ref] = field_terms
            self.field_lengths[field_ref] = len(terms)
            for term in terms:
                field_terms[term] += 1
                posting = inverted_index.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted_index[term] = posting
                if doc_ref not in posting[field_name]:
                    # lunr keeps (empty) metadata per document; it is part of the JSON.
                    posting[field_name][doc_ref] = defaultdict(list)

    def _create_field_vectors(self) -> None:
        """lunr's BM25 field vectors, the same numbers, sorted once instead of inserted."""
        field_vectors = {}
        idf_cache: dict[str, float] = {}
        k1, b = self._k1, self._b
        for field_ref, term_frequencies in self.field_term_frequencies.items():
            ref = FieldRef.from_string(field_ref)
            field_name = ref.field_name
            field_length = self.field_lengths[field_ref]
            field_boost = self._fields[field_name].boost
            doc_boost = self._documents[ref.doc_ref].get("boost", 1)
            average = self.average_field_length[field_name]
            pairs = []
            for term, tf in term_frequencies.items():
                posting = self.inverted_index[term]
                idf = idf_cache.get(term)
                if idf is None:
                    idf = idf_cache[term] = lunr_idf(posting, self.document_count)
                # The same expression, in the same order, as lunr.Builder: equal floats.
                score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (field_length / average)) + tf)
                score *= field_boost
                score *= doc_boost
                pairs.append((posting["_index"], round(score, 3)))
            pairs.sort()
            field_vectors[field_ref] = Vector([x for pair in pairs for x in pair])
        self.field_vectors = field_vectors
