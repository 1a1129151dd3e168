"""The import benchmark: 10,000 submissions imported, then the same export imported again.

Targets (issue 4): the first import under 10 s, the re-import under 5 s writing nothing. The
command is timed as a user runs it (`scripts/reviews.py import FILE` in a fresh process), on a
copy of the sample partners, with a synthetic export in Netlify's format.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from copernica_directory.model.loader import load_content
from copernica_directory.reviews.invite import make_token
from copernica_directory.reviews.privacy import email_hash, keys_from_env

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "reviews.py"
KEY = "benchmark-review-hash-key-not-a-secret"
TARGETS = {"import_s": 10.0, "reimport_s": 5.0}

_TITLES = (
    "Great help with our campaigns",
    "Fijne samenwerking",
    "Solid technical partner",
    "Goede training, praktische aanpak",
    "They know deliverability",
    "Snel en betrouwbaar",
)
_BODIES = (
    "They rebuilt our newsletter templates and explained every step.\n\nWe would hire them again.",
    "Wij zijn zeer tevreden over de begeleiding en de trainingen van het team.",
    "Our bounces dropped within a week. See www.example.com for the numbers!",
    "Goed werk, maar de planning liep een keer uit. Uiteindelijk is alles goed gekomen.",
    "Clear reports, quick answers, and a team that knows the travel season by heart.",
    "WAT EEN GEWELDIG TEAM, ECHT TOP!!!!!!",
)


def synthetic_export(count: int, partners: Sequence[str], seed: int = 4) -> list[dict[str, Any]]:
    """`count` submissions in Netlify's API format, newest first, with every kind of case."""
    rng = random.Random(seed)
    keys = keys_from_env({"REVIEW_HASH_KEY": KEY})
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    items = []
    for number in range(1, count + 1):
        created = start + dt.timedelta(minutes=number * 37 + rng.randint(0, 30))
        partner = rng.choice(partners) if rng.random() > 0.01 else "no-such-partner"
        email = f"customer{rng.randint(1, count * 2 // 3)}@shop{rng.randint(1, 400)}.example"
        data: dict[str, Any] = {
            "partner": partner,
            "lang": "en",
            "rating": str(rng.choices((5, 4, 3, 2, 1, 9), (40, 30, 12, 8, 5, 1))[0]),
            "title": rng.choice(_TITLES),
            "body": rng.choice(_BODIES) + f" ({number})",
            "name": f"Reviewer {number}",
            "company": f"Company {rng.randint(1, 500)}",
            "email": email,
            "consent": "on",
            "ip": "203.0.113.7",
            "user_agent": "Mozilla/5.0 (benchmark)",
            "referrer": f"https://partners.example/partners/{partner}/",
        }
        if rng.random() < 0.01:
            data["bot-field"] = "https://spam.example"
        if rng.random() < 0.3:
            expires = created + dt.timedelta(days=30)
            hashed = email_hash(email, keys.hash_key)
            data["invite"] = make_token(partner, hashed, expires, keys.token_key)
        items.append(
            {
                "id": f"{number:024x}",
                "number": number,
                "form_name": "review" if rng.random() > 0.02 else "contact",
                "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "email": email,
                "name": data["name"],
                "data": data,
                "site_url": "https://partners.example",
                "form_id": "benchmark-form",
            }
        )
    return list(reversed(items))


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in (root / "reviews").rglob("*")
        if p.is_file()
    }


def _timed_import(workdir: Path, export: Path) -> tuple[float, str]:
    env = {**os.environ, "REVIEW_HASH_KEY": KEY}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "import", str(export)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"import failed ({result.returncode}): {result.stderr}")
    return elapsed, result.stdout.strip()


def run_benchmark(count: int = 10_000, content: Path = ROOT / "content") -> dict[str, Any]:
    """Time a first import and a re-import of `count` submissions; the figures as a dict."""
    with tempfile.TemporaryDirectory(prefix="bench-reviews-") as temp:
        workdir = Path(temp)
        target = workdir / "content"
        shutil.copytree(content / "taxonomy", target / "taxonomy")
        shutil.copytree(content / "partners", target / "partners")
        partners = sorted(p.name for p in (target / "partners").iterdir() if p.is_dir())
        export = workdir / "export.json"
        export.write_text(json.dumps(synthetic_export(count, partners)), encoding="utf-8")

        first, first_summary = _timed_import(workdir, export)
        before = _snapshot(target)
        second, second_summary = _timed_import(workdir, export)
        changed = sum(1 for path, stamp in _snapshot(target).items() if before.get(path) != stamp)
        loaded, problems = load_content(target)
        figures = {
            "submissions": count,
            "import_s": round(first, 2),
            "reimport_s": round(second, 2),
            "files_written": len(before),
            "files_changed_by_reimport": changed,
            "valid": not problems,
            "reviews_loaded": len(loaded.reviews),
            "import_summary": first_summary,
            "reimport_summary": second_summary,
        }
    figures["ok"] = (
        figures["import_s"] < TARGETS["import_s"]
        and figures["reimport_s"] < TARGETS["reimport_s"]
        and figures["files_changed_by_reimport"] == 0
        and figures["valid"]
    )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print its figures as JSON; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(prog="bench_reviews.py", description=__doc__.split("\n")[0])
    parser.add_argument("--submissions", type=int, default=10_000)
    args = parser.parse_args(argv)
    figures = run_benchmark(args.submissions)
    print(json.dumps(figures, indent=2))
    return 0 if figures["ok"] else 1
