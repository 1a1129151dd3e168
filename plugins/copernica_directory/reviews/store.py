"""Writing review files: YAML the strict loader reads back unchanged, written atomically.

Every write goes to a temporary file in the same folder, is flushed to disk, then renamed over
the target: a reader (or a crash) sees the old file or the new one, never half of one. A crash
between the two steps leaves only a hidden temporary file, which the next import removes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from copernica_directory.model.loader import REVIEWS_DIR
from copernica_directory.model.review import Review
from copernica_directory.reviews import yamlwrite

TEMP_SUFFIX = ".tmp"
WRITERS = 8
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/review.schema.json\n"


def review_document(review: Review) -> dict[str, Any]:
    """The review as the mapping written to its file, in the record's field order."""
    author = {"name": review.author.name, "company": review.author.company}
    doc: dict[str, Any] = {
        "id": review.id,
        "partner": review.partner,
        "status": review.status,
        "verification": review.verification,
        "rating": review.rating,
        "title": review.title,
        "body": review.body,
        "author": {k: v for k, v in author.items() if v} or None,
        "email_hash": review.email_hash,
        "submitted": review.submitted,
        "lang": review.lang,
        "invite": review.invite,
        "checks": [
            {"check": c.check, "outcome": c.outcome, **({"detail": c.detail} if c.detail else {})}
            for c in review.checks
        ],
        "moderation": _decision(review.moderation) if review.moderation else None,
        "history": [{"status": h.status, **_decision(h)} for h in review.history],
        "response": (
            {"body": review.response.body, "at": review.response.at} if review.response else None
        ),
    }
    return {key: value for key, value in doc.items() if value not in (None, [], "")}


def _decision(decision: Any) -> dict[str, Any]:
    values = {
        "by": decision.by,
        "at": decision.at,
        "reason": decision.reason,
        "redaction_confirmed": decision.redaction_confirmed,
    }
    return {k: v for k, v in values.items() if v}


def review_yaml(review: Review) -> str:
    """The text of the review's file."""
    return SCHEMA_LINE + yamlwrite.dump(review_document(review))


def review_path(root: Path, folder: str, review_id: str) -> Path:
    """Where a review lives: content/reviews/<folder>/<id>.yaml."""
    return root / REVIEWS_DIR / folder / f"{review_id}.yaml"


def write_atomic(path: Path, text: str, durable: bool = True) -> None:
    """Replace `path` with `text` in one step (temporary file, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(temp, 0o644)  # mkstemp makes it private; content files are ordinary files
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


def write_many(files: Sequence[tuple[Path, str]], durable: bool = True) -> None:
    """Write many files, each atomically. Writing and fsync wait on the disk, not the CPU, so a
    few threads do it side by side (ext4 commits their fsyncs together)."""
    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        for done in [pool.submit(write_atomic, path, text, durable) for path, text in files]:
            done.result()  # the first failure stops the import with its error


def remove_stale_temp_files(root: Path) -> list[Path]:
    """Temporary files a crashed write left behind in content/reviews/; they are removed."""
    removed = []
    for temp in sorted((root / REVIEWS_DIR).glob(f"*/.*.yaml.*{TEMP_SUFFIX}")):
        temp.unlink()
        removed.append(temp)
    return removed
