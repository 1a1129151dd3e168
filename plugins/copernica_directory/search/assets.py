"""Build the lunr indexes and write the search assets with their manifest.

Output (below output/search/): one index per content type and language and the stores the
page shows results from, fingerprinted in files/ so they can be cached for a year, and
manifest.json naming each file, what it covers and its language.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from lunr.index import Index

from copernica_directory.model import Content
from copernica_directory.model.vocab import language_url
from copernica_directory.runtime.digest import tree_digest, versions_digest
from copernica_directory.search.documents import (
    CASE_FIELDS,
    PARTNER_CORE_FIELDS,
    PARTNER_TEXT_FIELDS,
    case_document,
    case_store,
    partner_document,
    partner_store,
)
from copernica_directory.search.fastbuilder import Stems
from copernica_directory.search.pipeline import FOLD_LABEL, SEARCH_LANGUAGES, new_builder

MANIFEST_VERSION = 1


class Writer(Protocol):
    """Where the files go: the build's output writer (runtime.incremental.OutputWriter)."""

    def write(self, path: Path, data: str | bytes) -> None: ...


class _Files:
    """Files written as they are (no build: tools and tests)."""

    def write(self, path: Path, data: str | bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


FILES_DIR = "files"
LUNR_JS_VERSION = "2.3.9"


def build_index(
    documents: Iterable[dict[str, str]],
    fields: dict[str, int],
    lang: str,
    stems: Stems | None = None,
) -> Index:
    """A lunr index over `documents` (ref: slug) with the language's pipeline and boosts
    (`stems`: the words this build already stemmed)."""
    builder = new_builder(lang, stems)
    builder.ref("slug")
    for name, boost in fields.items():
        builder.field(name, boost=boost)
    for document in documents:
        builder.add({"slug": document["slug"], **{f: document.get(f, "") for f in fields}})
    return builder.build()


def _dump(data: Any) -> bytes:
    # Compact: these files are downloaded by every visitor who searches.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write(writer: Writer, folder: Path, stem: str, data: Any) -> str:
    """Write `data` as `files/<stem>.<hash>.json` below the search folder.

    The content hash makes caching for a year safe; only manifest.json, beside the files folder,
    is revalidated on every visit (netlify.toml).
    """
    return _write_payload(writer, folder, stem, _dump(data))


def _write_payload(writer: Writer, folder: Path, stem: str, payload: bytes) -> str:
    digest = hashlib.sha256(payload).hexdigest()[:10]
    name = f"{FILES_DIR}/{stem}.{digest}.json"
    writer.write(folder / name, payload)
    return name


def index_payload(
    documents: list[dict[str, str]],
    fields: dict[str, int],
    lang: str,
    cache_dir: Path | None,
    used: set[Path] | None = None,
    stems: Stems | None = None,
) -> bytes:
    """The serialized index; with a cache folder (incremental builds), built only when its
    documents, fields, language or the search code changed since it was last built."""
    if cache_dir is None:
        return _dump(build_index(documents, fields, lang, stems).serialize())
    # What the index is built from: the ref and the indexed fields (a partner's new name does
    # not rebuild the index of descriptions).
    indexed = [[d["slug"], *(d.get(f, "") for f in fields)] for d in documents]
    key = hashlib.sha256(
        _dump([_code_digest(), LUNR_JS_VERSION, lang, fields, indexed])
    ).hexdigest()
    path = cache_dir / f"index-{key[:32]}.json"
    if used is not None:
        used.add(path)
    try:
        return path.read_bytes()
    except OSError:
        payload = _dump(build_index(documents, fields, lang, stems).serialize())
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_bytes(payload)
        os.replace(temporary, path)
        return payload


def _prune(cache_dir: Path, used: set[Path]) -> None:
    """Forget the indexes this build did not use (they would only pile up)."""
    for path in [*cache_dir.glob("index-*.json"), *cache_dir.glob("terms-*.pickle")]:
        if path not in used:
            path.unlink(missing_ok=True)


@cache
def _code_digest() -> str:
    """This package's code and lunr's version: a change builds every index again."""
    return tree_digest(Path(__file__).parent) + versions_digest(["lunr", "nltk"])


def write_search_assets(
    content: Content,
    output: Path,
    site_url: str,
    brand_labels: dict[str, dict[str, str]],
    cache_dir: Path | None = None,
    writer: Writer | None = None,
) -> dict[str, Any]:
    """Write every index, the stores and the manifest; returns the manifest. `writer`: what
    writes the files (the build's output writer), or None to write them as they are.

    The indexes serve every page language; there is one store per language the build renders
    (its labels, and links to that language's pages). `brand_labels`: by language (those the
    build renders, the default first), then brand.
    `cache_dir`: a folder of earlier built indexes to reuse (incremental builds), or None.
    """
    folder = output / "search"
    folder.mkdir(parents=True, exist_ok=True)
    writer = writer or _Files()
    indexes = []
    used: set[Path] = set()
    stems = Stems()
    terms = cache_dir / f"terms-{_code_digest()[:32]}.pickle" if cache_dir else None
    if terms is not None:
        stems.load(terms)
    # (name stem, covers, part, items, fields, document builder). The page loads the core
    # partner index of its language first; everything else after the first results.
    partners, cases = content.partners.values(), content.cases.values()
    plan = (
        ("partners", "partners", "core", partners, PARTNER_CORE_FIELDS, partner_document),
        ("partners-text", "partners", "text", partners, PARTNER_TEXT_FIELDS, partner_document),
        ("cases", "cases", "all", cases, CASE_FIELDS, case_document),
    )
    made: dict[tuple[str, str], list[dict[str, str]]] = {}  # one set for a type's parts
    for stem, covers, part, items, fields, to_document in plan:
        for lang in SEARCH_LANGUAGES:
            if covers == "cases":
                # A case is written in one language: it goes into that language's index.
                documents = [to_document(i, content, lang) for i in items if i.lang == lang]
            elif (covers, lang) in made:
                documents = made[(covers, lang)]  # the same documents, other fields indexed
            else:
                documents = made[(covers, lang)] = [to_document(i, content, lang) for i in items]
            if not documents:
                continue  # lunr cannot build an empty index; the page skips absent ones
            payload = index_payload(documents, fields, lang, cache_dir, used, stems)
            name = f"{stem}-{lang}"
            indexes.append(
                {
                    "name": name,
                    "covers": covers,
                    "part": part,
                    "lang": lang,
                    "file": _write_payload(writer, folder, name, payload),
                    "documents": len(documents),
                    "fields": list(fields),
                }
            )
    manifest = {
        "version": MANIFEST_VERSION,
        "lunr": LUNR_JS_VERSION,
        "pipeline": [FOLD_LABEL],
        "indexes": indexes,
        "stores": {
            "partners": {
                lang: _write(
                    writer,
                    folder,
                    f"partners-store-{lang}",
                    partner_store(
                        content, lang, language_url(site_url, lang), brand_labels[lang], site_url
                    ),
                )
                for lang in brand_labels
            },
            "cases": {
                lang: _write(
                    writer,
                    folder,
                    f"cases-store-{lang}",
                    case_store(content, language_url(site_url, lang)),
                )
                for lang in brand_labels
            },
        },
    }
    writer.write(folder / "manifest.json", _dump(manifest))
    if cache_dir is not None and terms is not None:
        stems.save(terms)
        _prune(cache_dir, used | {terms})
    return manifest
