"""Logo checks: malicious SVGs are rejected with a reason; raster logos are checked and resized."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from partnermodel.logos import (
    MAX_RASTER_BYTES,
    logo_problems,
    raster_problems,
    svg_problems,
    write_renditions,
)

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'
GOOD = SVG.format('<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
                  '<rect width="10" height="10" fill="url(#g)"/><use href="#g"/><text>AB</text>')  # fmt: skip


def test_clean_svg_passes() -> None:
    assert svg_problems(GOOD.encode()) == []


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<script>alert(1)</script>", "contains <script>"),
        ('<rect onload="alert(1)"/>', "event handler (onload)"),
        ('<g onclick="x()"><rect/></g>', "event handler (onclick)"),
        ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "<foreignObject>"),
        ("<style>rect{fill:red}</style>", "contains <style>"),
        ('<image href="https://evil.example/x.png"/>', "contains <image>"),
        ('<a href="javascript:alert(1)"><rect/></a>', "contains <a>"),
        ('<use href="https://evil.example/sprite.svg#x"/>', "links outside the logo"),
        ('<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>', "links outside the logo"),
        ('<rect fill="url(https://evil.example/#g)"/>', "fill attribute of <rect> refers outside"),
        ('<rect style="fill:url(javascript:alert(1))"/>', "style attribute of <rect> refers outside"),
        ('<animate attributeName="href" to="javascript:alert(1)"/>', "contains <animate>"),
        ('<set attributeName="onmouseover" to="alert(1)"/>', "contains <set>"),
    ],
)  # fmt: skip
def test_malicious_svg_is_rejected_with_the_reason(body: str, reason: str) -> None:
    problems = svg_problems(SVG.format(body).encode())
    assert any(reason in p for p in problems), problems


def test_entities_and_bombs_are_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    assert svg_problems(bomb.encode()) == [
        "the SVG declares a DTD or entities; remove the <!DOCTYPE> and <!ENTITY> lines"
    ]
    assert "not a valid SVG" in svg_problems(b"<svg")[0]
    assert "root element must be <svg" in svg_problems(b"<html/>")[0]


def png(width: int, height: int, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 79, 138)).save(buffer, fmt)
    return buffer.getvalue()


def test_raster_rules() -> None:
    assert raster_problems(png(400, 200), "png") == []
    assert raster_problems(png(400, 200, "WEBP"), "png") == [
        "the file is a WEBP image but is named .png"
    ]
    assert "each side must be 64-4096 pixels" in raster_problems(png(5000, 100), "png")[0]
    assert "not a readable image" in raster_problems(b"GIF89a....", "png")[0]
    assert (
        f"at most {MAX_RASTER_BYTES:,} allowed"
        in raster_problems(b"x" * (MAX_RASTER_BYTES + 1), "png")[0]
    )


def test_big_upload_ships_small(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    noise = Image.effect_noise((3000, 3000), 80).convert("RGB")
    noise.save(source, "PNG")
    assert source.stat().st_size > 1_000_000
    names = write_renditions(source, tmp_path)
    assert names == {240: "logo-240.webp", 120: "logo-120.webp"}
    for width, name in names.items():
        with Image.open(tmp_path / name) as image:
            assert image.size == (width, width)
        assert (tmp_path / name).stat().st_size < 100_000
    assert logo_problems(tmp_path / "logo-240.webp") == []


def _use_logo(content: Path, slug: str, name: str, data: bytes) -> Path:
    folder = content / "partners" / slug
    for old in folder.glob("logo.*"):
        old.unlink()
    (folder / name).write_bytes(data)
    profile = folder / "partner.yaml"
    lines = [line for line in profile.read_text().splitlines() if not line.startswith("logo:")]
    profile.write_text("\n".join([*lines, f"logo: {name}"]) + "\n")
    return profile


def test_validator_rejects_a_malicious_svg_on_the_logo_line(content_copy: Path) -> None:
    from partnermodel import load_content

    evil = SVG.format('<rect onload="alert(1)"/><script>alert(2)</script>').encode()
    profile = _use_logo(content_copy, "maasmail", "logo.svg", evil)
    _, problems = load_content(content_copy)
    line = len(profile.read_text().splitlines())
    assert [(p.line, p.field) for p in problems] == [(line, "logo"), (line, "logo")]
    assert sorted(p.message for p in problems) == [
        "'logo.svg': the SVG contains <script>, which logos may not use",
        "'logo.svg': the SVG has an event handler (onload) on <rect>",
    ]


def test_build_ships_resized_raster_logos_only(content_copy: Path, tmp_path: Path) -> None:
    from conftest import run_pelican

    noise = io.BytesIO()
    Image.effect_noise((700, 700), 90).convert("RGB").save(noise, "PNG")
    assert len(noise.getvalue()) > 1_000_000
    _use_logo(content_copy, "maasmail", "logo.png", noise.getvalue())
    output = tmp_path / "out"
    result = run_pelican(content_copy, output)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = output / "partners" / "maasmail"
    assert sorted(p.name for p in folder.glob("logo*")) == ["logo-120.webp", "logo-240.webp"]
    assert 'src="/partners/maasmail/logo-240.webp"' in (folder / "index.html").read_text()
