"""UI text goes through the one translation table; templates hard-code no user-facing words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from copernica_directory.model.vocab import SITE_LANGUAGES
from copernica_directory.site.i18n import TABLE_FILE, Translations

THEME = Path(__file__).resolve().parents[1] / "theme"
TEMPLATES = sorted((THEME / "templates").glob("*.html"))
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TAG = re.compile(r"<[^>]*>", re.S)
ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")
SCRIPT_BLOCK = re.compile(r"<script[^>]*>.*?</script>", re.S)
TEXT_ATTRIBUTE = re.compile(r'\s(?:alt|title|aria-label|aria-description|placeholder)="([^"]*)"')
# A button's value is its text; an <option>'s value is data (a URL parameter), never shown.
BUTTON_VALUE = re.compile(r'<input[^>]*type="(?:submit|button|reset)"[^>]*\svalue="([^"]*)"')
ATTRIBUTE_TEXT = re.compile(r'[a-z-]+="[^"A-Za-z]*"')
KEY_USE = re.compile(r"""\bt\(\s*['"]([a-z0-9_]+)['"]""")
PLACEHOLDER = re.compile(r"\{([a-z_]*)\}")


def test_templates_exist() -> None:
    names = {p.name for p in TEMPLATES}
    assert {"base.html", "index.html", "partners.html", "partner.html", "case.html"} <= names


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_hard_coded_text(template: Path) -> None:
    source = SCRIPT_BLOCK.sub("", template.read_text(encoding="utf-8"))
    for value in TEXT_ATTRIBUTE.findall(source) + BUTTON_VALUE.findall(source):
        assert not re.search(r"[A-Za-z]", JINJA.sub("", value)), (template.name, value)
    text = ENTITY.sub("", TAG.sub(" ", JINJA.sub(" ", source)))
    text = ATTRIBUTE_TEXT.sub(" ", text)  # attributes written by macros, e.g. ` lang="{{ x }}"`
    words = re.findall(r"[A-Za-z]{2,}", text)
    assert words == [], f"{template.name}: hard-coded text {words[:10]}"


def test_every_key_used_exists_in_english() -> None:
    table = Translations.load(THEME / TABLE_FILE)
    used = {key for path in TEMPLATES for key in KEY_USE.findall(path.read_text("utf-8"))}
    assert used, "templates use t()"
    assert sorted(used - set(table.table)) == []
    assert table.missing("en") == []


def test_every_key_has_a_text_in_every_site_language() -> None:
    """A Dutch page never falls back to English UI text: every key is translated, with the
    same {placeholders} (a missing one would drop a value, an extra one break the build)."""
    table = Translations.load(THEME / TABLE_FILE)
    for lang in SITE_LANGUAGES:
        assert table.missing(lang) == [], lang
        assert [key for key in table.table if not table.get(key, lang).strip()] == [], lang
    for key in table.table:
        fields = {lang: set(PLACEHOLDER.findall(table.get(key, lang))) for lang in SITE_LANGUAGES}
        assert len({frozenset(f) for f in fields.values()}) == 1, (key, fields)


def test_a_missing_translation_is_found(tmp_path: Path) -> None:
    path = tmp_path / TABLE_FILE
    path.write_text('a:\n  en: "One {count}"\n  nl: "Een {count}"\nb:\n  en: "Two"\n', "utf-8")
    table = Translations.load(path)
    assert table.missing("nl") == ["b"]
    assert table.missing("en") == []


def test_missing_key_is_an_error() -> None:
    table = Translations.load(THEME / TABLE_FILE)
    with pytest.raises(Exception, match="UI string missing"):
        table.get("no_such_key", "en")
