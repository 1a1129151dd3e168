"""Fingerprinted theme assets: ES module imports rewritten to the fingerprinted names, and a
module renamed whenever anything it imports changes (site/assets.py)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from copernica_directory.runtime.incremental import OutputWriter
from copernica_directory.settings.site import SiteSettings
from copernica_directory.site.assets import AssetError, StaticAssets

SPECIFIER = re.compile(r"""\b(?:from|import)\s*\(?\s*["'](\.\.?/[^"']+)["']""")


def theme(root: Path, files: dict[str, str]) -> Path:
    static = root / "static"
    for rel, text in files.items():
        path = static / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return static


MODULES = {
    "js/page.js": 'import { run } from "./lib/run.js";\nrun();\n',
    "js/lib/run.js": "import { fold } from '../fold.js';\nexport const run = () => fold('x');\n",
    "js/fold.js": "export const fold = (s) => s.toLowerCase();\n",
    "js/other.js": "console.log('no imports');\n",
    "css/site.css": "body { margin: 0 }\n",
}


def published_imports(output: Path, name: str) -> list[str]:
    """The specifiers of a published script, resolved to the files they name in `output`."""
    path = output / "assets" / name
    text = path.read_text(encoding="utf-8")
    return [
        (path.parent / spec).resolve().relative_to((output / "assets").resolve()).as_posix()
        for spec in SPECIFIER.findall(text)
    ]


def test_imports_name_the_fingerprinted_files(tmp_path: Path) -> None:
    assets = StaticAssets(theme(tmp_path, MODULES))
    output = tmp_path / "output"
    assets.write(OutputWriter({}, SiteSettings(), output), output)
    names = assets.names
    assert re.fullmatch(r"js/page\.[0-9a-f]{10}\.js", names["js/page.js"])
    assert published_imports(output, names["js/page.js"]) == [names["js/lib/run.js"]]
    assert published_imports(output, names["js/lib/run.js"]) == [names["js/fold.js"]]
    # the addresses stay relative, so the site works below any SITEURL
    text = (output / "assets" / names["js/page.js"]).read_text(encoding="utf-8")
    assert f'from "./lib/{Path(names["js/lib/run.js"]).name}"' in text
    assert assets.imports["js/page.js"] == ["js/lib/run.js"]
    # every file published is there under its name, nothing under its source name
    for rel, name in names.items():
        assert (output / "assets" / name).is_file(), rel
    assert not (output / "assets" / "js" / "page.js").exists()


def test_files_without_imports_keep_the_digest_of_their_bytes(tmp_path: Path) -> None:
    static = theme(tmp_path, MODULES)
    assets = StaticAssets(static)
    for rel in ("css/site.css", "js/fold.js", "js/other.js"):
        digest = hashlib.sha256((static / rel).read_bytes()).hexdigest()[:10]
        assert digest in assets.names[rel]
        assert rel not in assets.rewritten


def test_a_change_in_a_dependency_renames_every_module_that_imports_it(tmp_path: Path) -> None:
    before = StaticAssets(theme(tmp_path / "a", MODULES)).names
    changed = {**MODULES, "js/fold.js": "export const fold = (s) => s.toUpperCase();\n"}
    after = StaticAssets(theme(tmp_path / "b", changed)).names
    # fold.js changed; run.js imports it and page.js imports run.js: all three renamed,
    # though neither importer's own text changed
    for rel in ("js/fold.js", "js/lib/run.js", "js/page.js"):
        assert before[rel] != after[rel], rel
    for rel in ("js/other.js", "css/site.css"):
        assert before[rel] == after[rel], rel


@pytest.mark.parametrize(
    "source",
    [
        'import "./fold.js";',
        "import {\n  fold,\n} from './fold.js';",
        'export { fold } from "./fold.js";',
        'export * from "./fold.js";',
        'const lazy = () => import("./fold.js");',
        'import * as f from"./fold.js";',
    ],
)
def test_every_form_of_import_is_rewritten(tmp_path: Path, source: str) -> None:
    assets = StaticAssets(theme(tmp_path, {**MODULES, "js/x.js": source + "\n"}))
    text = assets.rewritten["js/x.js"].decode("utf-8")
    assert Path(assets.names["js/fold.js"]).name in text
    assert "/fold.js" not in text


def test_other_strings_and_package_imports_are_left_alone(tmp_path: Path) -> None:
    source = (
        'import lunr from "lunr";\n'
        'const path = "./fold.js";\n'  # a string, not an import
        "const text = 'imported from somewhere';\n"
    )
    assets = StaticAssets(theme(tmp_path, {**MODULES, "js/x.js": source}))
    assert "js/x.js" not in assets.rewritten
    assert assets.imports["js/x.js"] == []


@pytest.mark.parametrize(
    ("source", "named"),
    [
        ('\n\nimport { y } from "./missing.js";\n', "'./missing.js'"),
        ('\n\nimport "../../outside.js";\n', "'../../outside.js'"),
        ('\n\nimport "../css/site.css";\n', "'../css/site.css'"),
    ],
)
def test_an_import_of_no_published_script_stops_the_build_with_file_and_line(
    tmp_path: Path, source: str, named: str
) -> None:
    static = theme(tmp_path, {**MODULES, "js/x.js": source})
    with pytest.raises(AssetError) as error:
        StaticAssets(static)
    message = str(error.value)
    assert f"{static / 'js' / 'x.js'}:3: import {named} names no script" in message


def test_a_cycle_of_imports_stops_the_build_naming_it(tmp_path: Path) -> None:
    cycle = {
        "js/a.js": 'import "./b.js";\n',
        "js/b.js": 'import "./c.js";\n',
        "js/c.js": 'import "./a.js";\n',
    }
    with pytest.raises(AssetError, match=r"cycle \(js/a\.js -> js/b\.js -> js/c\.js -> js/a\.js\)"):
        StaticAssets(theme(tmp_path, cycle))


def test_the_built_search_module_graph_resolves(built_site: Path) -> None:
    """The published search entry and every module it reaches, in the real build."""
    html = (built_site / "partners" / "index.html").read_text(encoding="utf-8")
    entry = re.search(r'<script type="module" src="/assets/(js/search\.[0-9a-f]{10}\.js)">', html)
    assert entry, "the search entry is loaded as a module"
    # lunr (classic scripts defining the global) comes before it
    assert html.index("/assets/vendor/lunr/lunr.nl.") < entry.start()
    seen, todo = set(), [entry.group(1)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        imports = published_imports(built_site, name)
        for target in imports:
            assert (built_site / "assets" / target).is_file(), (name, target)
        todo += imports
    reached = {re.sub(r"\.[0-9a-f]{10}\.js$", ".js", name) for name in seen}
    assert {"js/search.js", "js/search/app.js", "js/search/query.js", "js/lunr-fold.js"} <= reached
