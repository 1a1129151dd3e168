"""The map in docs/architecture.md is the code's: one package, a subpackage per job, and each
imports only what the map's "may import" column allows (the flow goes one way)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "plugins" / "copernica_directory"
MAP = ROOT / "docs" / "architecture.md"


def documented_rules() -> dict[str, set[str]]:
    """The package table: `| name | what it owns | may import |`, "nothing" for none."""
    rules: dict[str, set[str]] = {}
    for line in MAP.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.fullmatch(r"`[a-z_]+`", cells[0]):
            allowed = set(re.findall(r"`([a-z_]+)`", cells[2]))
            rules[cells[0].strip("`")] = allowed
    return rules


def subpackages() -> set[str]:
    """The top level of the package: its subpackages and single modules (not __init__)."""
    names = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    return names | {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}


def imported_parts(path: Path) -> set[str]:
    """The project's top-level parts `path` imports when it runs (imports under
    `if TYPE_CHECKING:` name types only, and do not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in ast.walk(block)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
            if node.module == "copernica_directory":
                modules = [f"copernica_directory.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        found |= {m.split(".")[1] for m in modules if m.startswith("copernica_directory.")}
    return found


def test_the_map_names_every_part_of_the_package() -> None:
    assert sorted(documented_rules()) == sorted(subpackages())


def test_every_part_imports_only_what_the_map_allows() -> None:
    rules = documented_rules()
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        part = relative.parts[0] if len(relative.parts) > 1 else relative.stem
        if part == "__init__":
            continue
        for other in sorted(imported_parts(path) - {part} - rules[part]):
            wrong.append(f"{relative} imports {other}")
    assert wrong == []


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from typing import TYPE_CHECKING\n"
        "from copernica_directory.site.pages import Page\n"
        "import copernica_directory.runtime.cache\n"
        "from copernica_directory import urls\n"
        "if TYPE_CHECKING:\n"
        "    from copernica_directory.search import documents\n",
        encoding="utf-8",
    )
    assert imported_parts(module) == {"site", "runtime", "urls"}
