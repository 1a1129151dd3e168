"""The synthetic content generator: valid against the model, deterministic for a seed."""

from __future__ import annotations

from pathlib import Path

from conftest import CONTENT

from copernica_directory.bench.generate import Sizes, generate
from copernica_directory.model import load_content


def tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}


def test_generated_content_is_valid_and_deterministic(tmp_path: Path) -> None:
    sizes = Sizes(partners=40, reviews=300, cases=30, library=30, events=12)
    generate(tmp_path / "a", sizes, seed=7, taxonomy=CONTENT / "taxonomy")
    generate(tmp_path / "b", sizes, seed=7, taxonomy=CONTENT / "taxonomy")
    generate(tmp_path / "c", sizes, seed=8, taxonomy=CONTENT / "taxonomy")
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")
    content, problems = load_content(tmp_path / "a")
    assert [p.format_text() for p in problems] == []
    assert (len(content.partners), len(content.cases), len(content.reviews)) == (40, 30, 300)
    assert (len(content.library), len(content.events)) == (30, 12)
    assert {item.type for item in content.library.values()} == {
        "articles",
        "best-practices",
        "whitepapers",
    }
    assert all(item.file for item in content.library.values() if item.type == "whitepapers")
    assert {event.kind for event in content.events.values()} == {"seminar", "fair", "webinar"}
    assert {item.lang for item in content.library.values()} == {"en", "nl"}
    # Ids are quoted: one of only digits would otherwise be a YAML integer (and invalid).
    review = next((tmp_path / "a" / "reviews").rglob("*.yaml")).read_text("utf-8")
    assert 'id: "' in review
    assert {c.lang for c in content.cases.values()} == {"en", "nl"}
    assert any("nl" in p.tagline.values for p in content.partners.values())
