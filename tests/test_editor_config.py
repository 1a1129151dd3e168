"""The web editor's configuration is made from the content model and is current; its vendored
code is the pinned release and nothing else; /admin/ has its own headers, the site keeps its."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml
from conftest import CONTENT, ROOT

from copernica_directory.editor import vendor
from copernica_directory.editor.config import (
    COLLECTIONS,
    CONFIG_FILE,
    TAXONOMY_FILES,
    config_text,
)
from copernica_directory.model import load_content
from copernica_directory.model.schema import Choice, ListOf, Record
from copernica_directory.sitecheck.netlify_headers import headers_for

CONFIG = yaml.safe_load((ROOT / CONFIG_FILE).read_text(encoding="utf-8"))
BY_NAME = {c["name"]: c for c in CONFIG["collections"]}


def test_the_committed_configuration_is_current() -> None:
    expected = config_text(CONTENT, "copernica/partner-directory", "https://partners.copernica.com")
    assert (ROOT / CONFIG_FILE).read_text(encoding="utf-8") == expected, (
        "editor/config.yml is stale: run scripts/generate_editor_config.py"
    )
    script = ROOT / "scripts" / "generate_editor_config.py"
    check = subprocess.run(
        [sys.executable, str(script), "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout


def test_the_check_sees_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "config.yml"
    stale.write_text("collections: []\n", encoding="utf-8")
    script = ROOT / "scripts" / "generate_editor_config.py"
    check = subprocess.run(
        [sys.executable, str(script), "--check", "--out", str(stale)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 1 and "stale" in check.stdout


def _compare(record: Record, fields: list[dict], where: str) -> None:
    """Every field of `record`, in its order and with its required flag, and no other."""
    assert [f["name"] for f in fields] == [spec.name for spec in record.fields], where
    for spec, field in zip(record.fields, fields, strict=True):
        assert field["required"] is spec.required, f"{where}.{spec.name}"
        kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(kind, Record):
            _compare(kind, field["fields"], f"{where}.{spec.name}")


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_each_collection_has_exactly_the_models_fields(collection) -> None:
    fields = BY_NAME[collection.name]["fields"]
    if collection.has_body:
        assert fields[-1] == {"name": "body", "label": "Text", "widget": "markdown"}
        fields = fields[:-1]
    _compare(collection.record, fields, collection.name)


def test_the_taxonomies_are_one_list_of_terms_per_file_with_the_models_fields() -> None:
    taxonomies = BY_NAME["taxonomies"]
    assert taxonomies["format"] == "copernica-taxonomies"
    assert taxonomies["create"] is False and taxonomies["delete"] is False
    files = {f["name"]: f for f in taxonomies["files"]}
    assert {n: f["file"] for n, f in files.items()} == {
        "expertise": "content/taxonomy/expertise.yaml",
        "industries": "content/taxonomy/industries.yaml",
    }
    sample = load_content(CONTENT)[0]
    for name, entry in files.items():
        (terms,) = entry["fields"]
        term_id, *fields = terms["fields"]
        _compare(TAXONOMY_FILES.record, fields, f"taxonomies.{name}")
        # The id has the model's pattern: every sample id matches, a wrong one does not.
        pattern = re.compile(term_id["pattern"][0])
        assert term_id["required"] is True
        assert all(pattern.match(i) for i in sample.taxonomies[name].terms)
        assert not pattern.match("Not an id") and not pattern.match("double--hyphen")


def test_a_cases_partner_is_the_slug_pattern_and_every_entry_has_its_page_link() -> None:
    # Decap's relation widget stores a partner as "<slug>/partner" (the entry's path below
    # content/partners), not the slug the model reads: the field stays a checked text.
    partner = {f["name"]: f for f in BY_NAME["cases"]["fields"]}["partner"]
    assert partner["widget"] == "string"
    assert re.match(partner["pattern"][0], "fjordvarsel")
    assert not re.match(partner["pattern"][0], "fjordvarsel/partner")
    assert CONFIG["show_preview_links"] is True
    paths = {c["name"]: c.get("preview_path") for c in CONFIG["collections"]}
    assert paths == {
        "partners": "partners/{{dirname}}/",
        "cases": "cases/{{slug}}/",
        "articles": "library/articles/{{slug}}/",
        "best-practices": "library/best-practices/{{slug}}/",
        "whitepapers": "library/whitepapers/{{slug}}/",
        "events": "events/{{slug}}/",
        "taxonomies": None,
    }


def test_vocabularies_are_selects_of_the_taxonomy_ids_with_their_labels() -> None:
    sample = load_content(CONTENT)[0]
    partners = {f["name"]: f for f in BY_NAME["partners"]["fields"]}
    expertise = partners["expertise"]
    assert expertise["widget"] == "select" and expertise["multiple"] is True
    terms = sample.taxonomies["expertise"].terms
    assert [o["value"] for o in expertise["options"]] == list(terms)
    assert expertise["options"][0]["label"] == f"{terms['training'].label.get('en')} (training)"
    country = {f["name"]: f for f in partners["location"]["fields"]}["country"]
    assert {"label": "Netherlands (NL)", "value": "NL"} in country["options"]
    kinds = {spec.name: spec.kind for spec in collection_record("partners").fields}
    assert isinstance(kinds["expertise"], ListOf) and isinstance(kinds["expertise"].item, Choice)


def collection_record(name: str) -> Record:
    return next(c.record for c in COLLECTIONS if c.name == name)


def test_two_language_texts_are_an_english_and_a_dutch_field() -> None:
    tagline = {f["name"]: f for f in BY_NAME["partners"]["fields"]}["tagline"]
    assert [(f["name"], f["label"], f["required"]) for f in tagline["fields"]] == [
        ("en", "English", True),
        ("nl", "Nederlands", False),
    ]


def test_uploads_land_beside_their_entry_and_changes_are_reviewed() -> None:
    assert CONFIG["publish_mode"] == "editorial_workflow"
    assert CONFIG["backend"]["open_authoring"] is True
    for collection in CONFIG["collections"]:
        if "folder" in collection:
            assert collection["media_folder"] == "" and collection["public_folder"] == ""


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_a_tarball_that_is_not_the_pinned_release_is_refused(tmp_path: Path) -> None:
    fake = _tarball({"package/dist/decap-cms.js": b"alert(1)"})
    with pytest.raises(vendor.VendorError, match="does not match its pinned integrity"):
        vendor.unpack(vendor.DECAP, fake, tmp_path)
    assert not vendor.bundle_folder(tmp_path, vendor.DECAP).exists()
    with pytest.raises(vendor.VendorError, match="run `make install`"):
        vendor.load(tmp_path, vendor.DECAP)


def test_only_the_published_files_are_unpacked(tmp_path: Path) -> None:
    files = {
        "package/browser/dist/index.js": b"export {};",
        "package/browser/dist/schema/yaml-1.1/bool.js": b"export {};",
        "package/browser/dist/../../escape.js": b"bad",
        "package/browser/dist/.hidden.js": b"bad",
        "package/dist/index.js": b"node build",
        "package/package.json": b"{}",
    }
    tarball = _tarball(files)
    pin = vendor.Pin(**{**vars(vendor.YAML), "integrity": vendor.integrity_of(tarball)})
    bundle = vendor.unpack(pin, tarball, tmp_path)
    assert [p.as_posix() for p in bundle.files] == ["index.js", "schema/yaml-1.1/bool.js"]
    assert not (tmp_path / "escape.js").exists()
    assert vendor.load(tmp_path, pin).digest == bundle.digest


def test_admin_has_its_own_policy_and_the_site_keeps_its_own() -> None:
    site = headers_for("/partners/", ROOT / "netlify.toml")
    admin = headers_for("/admin/", ROOT / "netlify.toml")
    assert "script-src 'self';" in site["Content-Security-Policy"]
    assert "'unsafe-eval'" not in site["Content-Security-Policy"]
    assert site["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "script-src 'self' 'unsafe-eval';" in admin["Content-Security-Policy"]
    assert (
        "connect-src 'self' blob: https://api.github.com https://api.netlify.com;"
        in (admin["Content-Security-Policy"])
    )
    assert admin["X-Robots-Tag"] == "noindex, nofollow"
    assert admin["Cross-Origin-Opener-Policy"] == "same-origin-allow-popups"
    vendored = headers_for("/admin/vendor/decap-cms.0123456789/decap-cms.js", ROOT / "netlify.toml")
    assert vendored["Cache-Control"] == "public, max-age=31536000, immutable"


def test_the_built_admin_page_loads_only_our_own_files(built_site: Path) -> None:
    page = (built_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    sources = re.findall(r'<script(?: type="module")? src="([^"]+)"', page)
    assert len(sources) == 3 and all(s.startswith("/") for s in sources)
    for source in sources:
        assert (built_site / source.lstrip("/")).is_file(), source
    assert (built_site / "admin" / "config.yml").read_text("utf-8") == (
        ROOT / CONFIG_FILE
    ).read_text("utf-8")
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
