"""The one translation table for UI strings, and the lookup templates call as `t(key)`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from copernica_directory.model.problems import ContentError, Problem
from copernica_directory.model.schema import INVALID, Context, Text
from copernica_directory.model.text import LocalText
from copernica_directory.model.yamlsource import Mapping, load_yaml

TABLE_FILE = "translations.yaml"
_TEXT = Text(max_len=2000)


class Translations:
    """UI strings by key and language; a missing key is an error, never a silent blank."""

    def __init__(self, table: dict[str, LocalText], source: str = TABLE_FILE) -> None:
        self.table = table
        self.source = source

    @classmethod
    def load(cls, path: Path) -> Translations:
        """Read the table strictly; problems stop the build like content problems do."""
        shown = str(path)
        node, problems = load_yaml(path.read_text(encoding="utf-8"), shown)
        ctx = Context(shown, {})
        table: dict[str, LocalText] = {}
        if isinstance(node, Mapping):
            for key, (_, value) in node.entries.items():
                text = _TEXT.parse(value, ctx, key)
                if text is not INVALID:
                    table[key] = text
        elif node is not None:
            ctx.error(node, "", "expected a mapping of key: {en: ..., nl: ...}")
        problems = problems + ctx.problems
        if problems:
            raise ContentError(problems)
        return cls(table, shown)

    def missing(self, lang: str) -> list[str]:
        """Keys without a text in `lang`."""
        return [key for key, text in self.table.items() if lang not in text.values]

    def get(self, key: str, lang: str, **values: Any) -> str:
        """The string for `key` in `lang`, with `{name}` placeholders filled in."""
        try:
            text = self.table[key].get(lang)
        except KeyError:
            raise ContentError(
                [Problem(self.source, 1, 1, key, "UI string missing from the translation table")]
            ) from None
        return text.format(**values) if values else text
