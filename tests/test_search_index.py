"""The prebuilt search indexes: lunr.js loads them and agrees with lunr.py, in both languages."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, write

from copernica_directory.search.assets import build_index
from copernica_directory.search.pipeline import dutch_stop_words, fold, load_index, stem

HARNESS = ROOT / "tests" / "js" / "lunr_harness.js"
VENDOR = ROOT / "theme" / "static" / "vendor" / "lunr"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node is needed to run lunr.js")

QUERIES = [
    "training",
    "Fjordvarsel",
    "fjord*",
    "consultnacy~1",
    "crm integration",
    "deliverability outlook",
    "bolgen",
    "München",
    "name:grachtwerk",
    "tagline:campaign",
    "+crm +api",
    "norway",
]
# Words where Porter implementations differ (lunr.py's own stemmer gets these "wrong").
TRICKY_WORDS = [
    "try",
    "lay",
    "cry",
    "say",
    "days",
    "journey",
    "yellow",
    "yes",
    "agreed",
    "feed",
    "hopping",
    "filing",
    "generalization",
    "electricity",
    "relational",
    "conditional",
    "valenci",
    "hesitanci",
    "digitizer",
    "conformabli",
    "radicalli",
    "differentli",
    "vileli",
    "analogousli",
    "vietnamization",
    "predication",
    "operator",
    "feudalism",
    "decisiveness",
    "hopefulness",
    "callousness",
    "formaliti",
    "sensitiviti",
    "sensibiliti",
    "triplicate",
    "formative",
    "formalize",
    "electriciti",
    "electrical",
    "hopeful",
    "goodness",
    "revival",
    "allowance",
    "inference",
    "airliner",
    "gyroscopic",
    "adjustable",
    "defensible",
    "irritant",
    "replacement",
    "adjustment",
    "dependent",
    "adoption",
    "homologou",
    "communism",
    "activate",
    "angulariti",
    "homologous",
    "effective",
    "bowdlerize",
    "probate",
    "rate",
    "cease",
    "controll",
    "roll",
    "yoyo",
    "happy",
    "sky",
    "skies",
    "ties",
]
DUTCH_QUERIES = [
    "trainingen",
    "sjablonen",
    "koppeling",
    "nieuwsbrieven",
    "e-mailmarketing",
    "webwinkels",
]


def run_js(request: dict) -> dict:
    result = subprocess.run(
        [str(NODE), str(HARNESS)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def manifest(site: Path) -> dict:
    return json.loads((site / "search" / "manifest.json").read_text(encoding="utf-8"))


def index_file(site: Path, name: str) -> Path:
    entry = next(i for i in manifest(site)["indexes"] if i["name"] == name)
    return site / "search" / entry["file"]


def test_manifest_names_every_index_with_what_it_covers_and_its_language(built_site: Path) -> None:
    data = manifest(built_site)
    assert data["lunr"] == "2.3.9"
    covered = {(i["covers"], i.get("part"), i["lang"]) for i in data["indexes"]}
    assert covered == {
        ("partners", "core", "en"),
        ("partners", "core", "nl"),
        ("partners", "text", "en"),
        ("partners", "text", "nl"),
        ("cases", "all", "en"),
        ("cases", "all", "nl"),
    }
    for entry in data["indexes"]:
        assert (built_site / "search" / entry["file"]).is_file()
        assert re.fullmatch(r"files/[a-z-]+-[a-z]{2}\.[0-9a-f]{10}\.json", entry["file"])
    for stores in data["stores"].values():
        for name in stores.values():
            assert (built_site / "search" / name).is_file()


def test_dutch_index_names_the_dutch_stemmer(built_site: Path) -> None:
    saved = json.loads(index_file(built_site, "partners-nl").read_text(encoding="utf-8"))
    assert saved["pipeline"] == ["foldDiacritics", "stemmer-nl"]
    english = json.loads(index_file(built_site, "partners-en").read_text(encoding="utf-8"))
    assert english["pipeline"] == ["foldDiacritics", "stemmer"]


@needs_node
@pytest.mark.parametrize(
    ("name", "queries"), [("partners-en", QUERIES), ("partners-nl", DUTCH_QUERIES + QUERIES)]
)
def test_lunr_js_returns_the_same_refs_as_lunr_py(
    built_site: Path, name: str, queries: list[str]
) -> None:
    path = index_file(built_site, name)
    index = load_index(json.loads(path.read_text(encoding="utf-8")))
    expected = [[r["ref"] for r in index.search(q)] for q in queries]
    got = run_js({"index": str(path), "queries": queries})["results"]
    assert got == expected
    assert sum(map(len, expected)) > len(queries)  # the queries do find things


@needs_node
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_browser_stems_every_word_as_the_build_did(built_site: Path, lang: str) -> None:
    text = " ".join(
        p.read_text(encoding="utf-8")
        for p in sorted(CONTENT.rglob("*.*"))
        if p.suffix in {".yaml", ".md"}
    )
    words = sorted({w for w in re.findall(r"[^\W\d_]{3,}", text)} | set(TRICKY_WORDS))
    assert len(words) > 1000
    got = run_js({"index": str(index_file(built_site, f"partners-{lang}")), "words": words})[
        "stems"
    ]
    assert got == [stem(w, lang) for w in words]


def test_dutch_words_find_partners_by_dutch_labels(built_site: Path) -> None:
    index = load_index(
        json.loads(index_file(built_site, "partners-nl").read_text(encoding="utf-8"))
    )
    from copernica_directory.model import load_content

    content, _ = load_content(CONTENT)
    for query, term in (
        ("sjablonen", "template-development"),
        ("trainingen", "training"),
        ("CRM-koppeling", "crm-integration"),
    ):
        found = {r["ref"] for r in index.search(query)}
        expected = {s for s, p in content.partners.items() if term in p.expertise}
        assert expected <= found, query


def test_diacritics_and_case_are_folded() -> None:
    assert fold("München") == fold("munchen") == "munchen"
    assert fold("Bølgen Ærø Straße") == "bolgen aero strasse"
    index = build_index(
        [{"slug": "a", "name": "Bølgen Digital"}, {"slug": "b", "name": "Munchen Mail"}],
        {"name": 1},
        "en",
    )
    assert [r["ref"] for r in index.search("bolgen")] == ["a"]
    assert [r["ref"] for r in index.search("MÜNCHEN")] == ["b"]


def test_name_outranks_expertise_outranks_tagline() -> None:
    from copernica_directory.search.documents import PARTNER_CORE_FIELDS

    docs = [
        {"slug": "in-tagline", "name": "Alpha", "tagline": "Orbit orbit"},
        {"slug": "in-expertise", "name": "Beta", "expertise": "Orbit"},
        {"slug": "in-name", "name": "Orbit"},
    ]
    index = build_index(docs, PARTNER_CORE_FIELDS, "en")
    assert [r["ref"] for r in index.search("orbit")] == ["in-name", "in-expertise", "in-tagline"]


def test_descriptions_are_a_second_index(built_site: Path) -> None:
    """The index loaded before the first result holds the short fields; descriptions follow."""
    core = json.loads(index_file(built_site, "partners-en").read_text(encoding="utf-8"))
    text = json.loads(index_file(built_site, "partners-text-en").read_text(encoding="utf-8"))
    assert core["fields"] == ["name", "expertise", "tagline", "facts"]
    assert text["fields"] == ["description"]
    # "Salesforce" appears in partner descriptions, not in names, expertise or taglines.
    assert not load_index(core).search("salesforce") and load_index(text).search("salesforce")


def test_shipped_dutch_stop_words_are_lunr_languages_list() -> None:
    js = (VENDOR / "lunr.nl.min.js").read_text(encoding="utf-8")
    match = re.search(r"generateStopWordFilter\(\"([^\"]*)\"\.split\(\" \"\)\)", js)
    assert match
    assert dutch_stop_words() == frozenset(w for w in match.group(1).split(" ") if w)
    assert stem("de", "nl") == "de"  # stop words are filtered at build time, not in queries


def test_vendored_files_match_their_checksums() -> None:
    import hashlib

    for line in (VENDOR / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split()
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert (VENDOR / "LICENSE-lunr").is_file() and (VENDOR / "LICENSE-lunr-languages").is_file()


def test_build_needs_no_network(tmp_path: Path) -> None:
    """lunr.py's Dutch support would download NLTK stop words; ours must not touch a socket."""
    output = tmp_path / "output"
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n    raise OSError('network used during the build')\n"
        "socket.socket.connect = refuse\nsocket.create_connection = refuse\n"
        "from pelican import main\n"
        f"args = {[str(CONTENT), '-o', str(output), '-s', str(ROOT / 'pelican.conf.py')]!r}\n"
        "main(args + ['--fatal', 'errors'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={
            "PATH": "/usr/bin:/bin",
            "NLTK_DATA": str(tmp_path / "no-nltk-data"),
            "HOME": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "search" / "manifest.json").is_file()


def test_index_holds_only_published_partners(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "taxonomy", content / "taxonomy")
    shutil.copytree(CONTENT / "partners" / "maasmail", content / "partners" / "maasmail")
    write(
        content / "cases" / "note.md",
        "---\ntitle: T\ndate: 2026-01-01\nsummary: S\nlang: nl\n---\nTekst.\n",
    )
    from copernica_directory.model import load_content
    from copernica_directory.search.assets import write_search_assets

    loaded, problems = load_content(content)
    assert problems == []
    data = write_search_assets(loaded, tmp_path / "out", "", {"en": {}, "nl": {}})
    counts = {i["name"]: i["documents"] for i in data["indexes"]}
    assert counts == {
        "partners-en": 1,
        "partners-nl": 1,
        "partners-text-en": 1,
        "partners-text-nl": 1,
        "cases-nl": 1,
    }
