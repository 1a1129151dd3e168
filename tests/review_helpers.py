"""Shared pieces of the review tests: the test key, Netlify-shaped submissions, the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import CONTENT, ROOT

SCRIPT = ROOT / "scripts" / "reviews.py"
FIXTURES = ROOT / "tests" / "fixtures" / "netlify"
EXPORT = FIXTURES / "review-submissions.json"
# The key the fixture's email hashes and invitation codes were made with. Not a secret.
KEY = "test-review-hash-key-0123456789abcdef"
SITE = "https://copernica-partners.netlify.app"

_counter = iter(range(1, 1_000_000))


def export() -> list[dict[str, Any]]:
    """The realistic export: Netlify's submissions API format, written by hand."""
    return json.loads(EXPORT.read_text(encoding="utf-8"))


def submission(
    created: str = "2026-05-01T10:00:00.000Z",
    form: str = "review",
    sub_id: str | None = None,
    **fields: str,
) -> dict[str, Any]:
    """One submission object shaped like Netlify's, with valid defaults for every field."""
    number = next(_counter)
    data = {
        "partner": "maasmail",
        "rating": "4",
        "title": "Solid technical help",
        "body": "They fixed our bounces and explained what went wrong.",
        "name": "Test Reviewer",
        "email": f"reviewer{number}@customer.example",
        "consent": "on",
    }
    data.update(fields)  # a value None leaves the field out; pass **{"bot-field": ...} too
    data = {k: v for k, v in data.items() if v is not None}
    data.update(
        {
            "ip": "198.51.100.23",
            "user_agent": "Mozilla/5.0 (TestBrowser)",
            "referrer": f"{SITE}/partners/{data.get('partner', '')}/",
        }
    )
    return {
        "number": number,
        "title": data.get("title"),
        "email": data.get("email"),
        "name": data.get("name"),
        "company": data.get("company"),
        "summary": f"<strong>{data.get('name')}</strong> {data.get('body', '')[:50]}",
        "body": data.get("body"),
        "data": data,
        "created_at": created,
        "human_fields": {},
        "ordered_human_fields": [],
        "id": sub_id or f"{number:024x}",
        "form_id": "6650f2c1e4b0a1000812d3c4",
        "site_url": SITE,
        "form_name": form,
    }


def fresh_content(tmp_path: Path, with_reviews: bool = False) -> Path:
    """A copy of the sample content, by default without its sample reviews."""
    target = tmp_path / "content"
    ignore = None if with_reviews else shutil.ignore_patterns("reviews")
    shutil.copytree(CONTENT, target, ignore=ignore)
    return target


def env(**extra: str) -> dict[str, str]:
    """The environment for the CLI: the test key, no proxies, plus `extra`."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.lower().endswith("_proxy") and not k.startswith(("REVIEW_", "NETLIFY_"))
    }
    base["REVIEW_HASH_KEY"] = KEY
    base.update(extra)
    return {k: v for k, v in base.items() if v != ""}


def run(
    cwd: Path, *args: str, stdin: str | None = None, environ: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """scripts/reviews.py through its real entry point, in `cwd` (which holds content/)."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env=environ if environ is not None else env(),
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file under content/reviews, by relative path, with its bytes."""
    base = root / "reviews"
    return {
        p.relative_to(base).as_posix(): p.read_bytes()
        for p in sorted(base.rglob("*"))
        if p.is_file()
    }
