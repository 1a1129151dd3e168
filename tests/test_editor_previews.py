"""The editor's previews speak the site's words: the labels the build writes for them
(/admin/preview-labels.json) hold every UI string the previews ask for, in every site
language, and the taxonomies', countries' and languages' names as the site's pages show them.
How the previews use them is tested in tests/js/editor-previews.test.mjs and in a browser
(tests/test_editor_browser.py)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import CONTENT, ROOT

from copernica_directory.editor.previewdata import TEXT_PREFIXES, labels_json, preview_labels
from copernica_directory.model import load_content
from copernica_directory.model.vocab import SITE_LANGUAGES
from copernica_directory.site.i18n import TABLE_FILE, Translations

PREVIEWS = ROOT / "theme" / "static" / "admin" / "previews.js"


@pytest.fixture(scope="module")
def labels() -> dict:
    content, problems = load_content(CONTENT)
    assert problems == []
    return preview_labels(content, Translations.load(ROOT / "theme" / TABLE_FILE))


def _keys_asked_for() -> set[str]:
    """The UI strings previews.js names: literal keys, and those it makes from an id."""
    source = PREVIEWS.read_text(encoding="utf-8")
    prefixes = "|".join(p.removesuffix("_") for p in TEXT_PREFIXES)
    literal = set(re.findall(rf'"((?:{prefixes})(?:_[a-z]+)+)"', source))  # not class__names
    made = {f"library_type_one_{t}" for t in ("articles", "best_practices", "whitepapers")}
    made |= {f"library_type_{t}" for t in ("articles", "best_practices", "whitepapers")}
    made |= {f"event_kind_{k}" for k in ("seminar", "fair", "webinar")}
    made |= {f"brand_{b}" for b in ("whitelabel", "copernica")}
    made.add("language_own_name")  # the switch's names, read from each language's table
    return literal | made


def test_every_string_the_previews_ask_for_is_there_in_every_language(labels: dict) -> None:
    asked = _keys_asked_for()
    assert {"partner_about", "event_when", "case_eyebrow", "library_download"} <= asked
    assert labels["languages"] == list(SITE_LANGUAGES)
    for lang in SITE_LANGUAGES:
        missing = asked - set(labels["labels"][lang]["text"])
        assert missing == set(), f"{lang}: {sorted(missing)}"
    english, dutch = (labels["labels"][lang]["text"] for lang in ("en", "nl"))
    assert english["partner_about"] == "About {name}"
    assert dutch["partner_about"] == "Over {name}"


def test_ids_are_named_as_the_site_names_them(labels: dict) -> None:
    content, _ = load_content(CONTENT)
    expertise = content.taxonomies["expertise"]
    for lang in SITE_LANGUAGES:
        shown = labels["labels"][lang]
        assert shown["expertise"] == {t: expertise.label(t, lang) for t in expertise.terms}
        assert set(shown["industries"]) == set(content.taxonomies["industries"].terms)
    dutch = labels["labels"]["nl"]
    assert (dutch["countries"]["NO"], dutch["languages"]["no"]) == ("Noorwegen", "Noors")
    assert labels["labels"]["en"]["countries"]["NO"] == "Norway"
    assert labels["partners"]["fjordvarsel"] == "Fjordvarsel"
    assert set(labels["partners"]) == set(content.partners)


def test_the_file_is_the_same_text_for_the_same_content() -> None:
    content, _ = load_content(CONTENT)
    table = Translations.load(ROOT / "theme" / TABLE_FILE)
    text = labels_json(content, table)
    assert text == labels_json(content, table)  # an incremental build keeps it
    assert json.loads(text) == preview_labels(content, table)
