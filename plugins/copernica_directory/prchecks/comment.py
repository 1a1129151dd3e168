"""The pull-request comment, rendered from the report's data by code that trusts none of it.

The checks run a pull request's own code, so the data they hand over (report.json) is treated
as untrusted: read with a size limit, only the known fields used, every string cut to length,
stripped of control and invisible characters and escaped so that nothing in it is Markdown or
HTML, can mention a person or team, reference an issue, or link anywhere. The words, the
headings and the links around it come from this module alone.

Standard library only: the privileged comment job runs it with the runner's own Python.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MARKER = "<!-- partner-directory-report -->"
VERSION = 1

MAX_DATA_BYTES = 1_000_000  # report.json larger than this is not read at all
MAX_TEXT = 300  # characters of one path, field, reason or message
MAX_ROWS = 50  # rows of one table or list; the rest are counted
MAX_BUILD_LINES = 40
MAX_BODY = 60_000  # GitHub refuses comments over 65,536 characters

# Placed after '@' and '#' and inside addresses, so GitHub finds no mention, no issue
# reference and no link in text it did not write; invisible to readers.
WORD_JOINER = "\u2060"
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_NEUTRALISE = re.compile(r"(?i)(://|www\.|gh-(?=\d))")
_BUILD_STATUSES = ("passed", "failed", "skipped", "not-run")
ORIGINS = ("changed", "caused", "base")


@dataclass(frozen=True)
class Context:
    """What the comment says beside the report, from trusted sources only (never report.json).

    `conclusion` is the checks run's own result as GitHub records it; `outside_content` the
    files the pull request changes outside content/ as GitHub lists them.
    """

    preview_url: str | None = None
    run_url: str | None = None
    conclusion: str | None = None
    outside_content: Sequence[str] = field(default_factory=tuple)


# ---------- reading untrusted data ----------


def load_data(path: Path) -> dict[str, Any] | None:
    """report.json as a dict, or None when it is missing, not a regular file, too big or not
    the report's JSON. Never follows a symlink: an artifact could hold one to any file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)  # O_NONBLOCK: a named pipe does not hang the job
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        raw = os.read(fd, MAX_DATA_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    if len(raw) > MAX_DATA_BYTES:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    return data


def _list(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _str(item: Mapping[str, Any], key: str) -> str:
    value = item.get(key)
    return value if isinstance(value, str) else ""


def _int(item: Mapping[str, Any], key: str) -> int:
    value = item.get(key)
    ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9
    return value if ok else 0


def _build(data: Mapping[str, Any]) -> tuple[str, list[str]]:
    build = data.get("build")
    if not isinstance(build, dict):
        return "not-run", []
    status = build.get("status")
    lines = build.get("lines")
    lines = [x for x in lines if isinstance(x, str)] if isinstance(lines, list) else []
    return (status if status in _BUILD_STATUSES else "failed"), lines


def blockers(data: Mapping[str, Any]) -> int:
    """How many things stand between the pull request and a merge (0: the checks passed)."""
    status, _ = _build(data)
    count = len(_list(data, "refused")) + len(_list(data, "problems"))
    return count + (1 if status == "failed" else 0)


def verdict(data: Mapping[str, Any] | None) -> bool:
    """True when every check passed. The report CLI's exit status is this, too."""
    if data is None:
        return False
    return blockers(data) == 0 and _build(data)[0] in ("passed", "not-run")


# ---------- escaping ----------


def clean(text: str, limit: int = MAX_TEXT) -> str:
    """One line of visible text: controls, invisible format characters (bidirectional
    overrides, zero-width characters) and line breaks removed, cut at `limit` characters."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\t\n\r" or category in ("Zl", "Zp"):
            out.append(" ")
        elif category not in ("Cc", "Cf", "Cs", "Co", "Cn"):
            out.append(char)
    result = "".join(out).strip()
    return result if len(result) <= limit else result[: limit - 1] + "…"


def plain(text: str, limit: int = MAX_TEXT) -> str:
    """Untrusted text as Markdown that renders as exactly that text: every ASCII punctuation
    character backslash-escaped (CommonMark allows it for all of them, so no emphasis, code,
    link, HTML, entity, math or table cell boundary survives), and a word joiner after '@', '#',
    'GH-', '://' and 'www.' so GitHub finds no mention, reference or address to link."""
    text = _NEUTRALISE.sub(lambda m: m.group(0) + WORD_JOINER, clean(text, limit))
    out = []
    for char in text:
        if char in _ASCII_PUNCTUATION:
            out.append("\\" + char)
            if char in "@#":
                out.append(WORD_JOINER)
        else:
            out.append(char)
    return "".join(out)


def code(text: str, limit: int = MAX_TEXT, cell: bool = False) -> str:
    """Untrusted text as an inline code span (GitHub renders no markup, mention or reference
    inside one), fenced with more backticks than the text holds. `cell`: for a table cell."""
    text = clean(text, limit) or " "
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    if cell:
        # A table's cells are split at every unescaped pipe, even inside code. Backslashes
        # are doubled too, so that no reading of '\\|' as an escaped backslash can leave a
        # pipe bare (GitHub shows them doubled: a price paid for paths nobody writes).
        text = text.replace("\\", "\\\\").replace("|", "\\|")
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_block(lines: Sequence[str]) -> list[str]:
    """Untrusted lines as a fenced code block: the fence is longer than any backtick run in
    them, so no line can close it; nothing inside is rendered."""
    shown = [clean(line) for line in lines[:MAX_BUILD_LINES]]
    longest = max((len(run) for line in shown for run in re.findall(r"`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    block = [fence, *shown, fence]
    if len(lines) > MAX_BUILD_LINES:
        block.append(f"…and {len(lines) - MAX_BUILD_LINES} more lines in the run's log.")
    return block


_SAFE_URL = re.compile(r"https://[A-Za-z0-9.-]+(?:/[A-Za-z0-9._~/%+=?&-]*)?")


def _link(url: str | None) -> str | None:
    # Only trusted addresses reach here; still, only plain https addresses are linked.
    return url if url and _SAFE_URL.fullmatch(url) else None


# ---------- rendering ----------


def _problem_table(problems: Sequence[Mapping[str, Any]]) -> list[str]:
    rows = ["| file | line | field | what to fix |", "|---|---|---|---|"]
    for p in problems[:MAX_ROWS]:
        field_name = _str(p, "field")
        rows.append(
            f"| {code(_str(p, 'path'), cell=True)} | {_int(p, 'line')} | "
            f"{code(field_name, cell=True) if field_name else '-'} | "
            f"{plain(_str(p, 'message'))} |"
        )
    if len(problems) > MAX_ROWS:
        rows += ["", f"…and {len(problems) - MAX_ROWS} more in the run's log."]
    return rows


_PROBLEM_SECTIONS = {
    "changed": (
        "**Problems in the files you changed.** Each row says where, which field and what is "
        "allowed:"
    ),
    "caused": (
        "**Problems your change causes in files you did not change.** These files are fine on "
        "the base branch; your pull request breaks them (undo the change that does, or ask the "
        "partner team):"
    ),
    "base": (
        "**Problems already on the base branch**, not caused by your change. They block every "
        "pull request until the partner team fixes them; then run the checks again:"
    ),
}


def _partner_notes(partners: Sequence[Mapping[str, Any]], passed: bool) -> list[str]:
    """What a deleted or renamed partner folder means, and what to do instead."""
    lines: list[str] = []
    for item in partners[:MAX_ROWS]:
        slug, to = _str(item, "slug"), _str(item, "to")
        reviews = _int(item, "reviews")
        folder, address = code(f"content/partners/{slug}/"), code(f"/partners/{slug}/")
        filed = (
            f" and its {reviews} review{'s are' if reviews != 1 else ' is'} filed under it "
            f"({code(f'content/reviews/{slug}/')})"
            if reviews
            else ""
        )
        renamed = _str(item, "change") == "renamed" and to
        if renamed:
            what = f"**You renamed {folder} to {code(f'content/partners/{to}/')}.**"
        else:
            what = f"**You deleted {folder}.**"
        if passed:
            # Allowed and nothing breaks, but the address changes: say so, in case it was
            # not meant.
            effect = (
                f"Your profile's address changes from {address} to "
                f"{code(f'/partners/{to}/')}: links to the old one stop working."
                if renamed
                else f"Merging this removes your profile and its address {address}."
            )
            lines += ["", f"{what} {effect} If that is not what you meant, undo it here."]
        elif renamed:
            lines += [
                "",
                f"{what} The folder name is your profile's address ({address}){filed}, so a "
                "profile is not renamed in a pull request: keep the folder's name and make your "
                "changes inside it, or ask the partner team to rename it for you (they move the "
                "reviews and the links with it).",
            ]
        else:
            lines += [
                "",
                f"{what} That removes your profile and its address ({address}){filed}. Restore "
                "the folder in this pull request, and ask the partner team if your profile "
                "should go: they remove it together with its reviews.",
            ]
    return lines


def _summary(data: Mapping[str, Any]) -> list[str]:
    refused = _list(data, "refused")
    problems = _list(data, "problems")
    status, _ = _build(data)
    n_ref, n_prob = len(refused), len(problems)
    build = {
        "passed": "✅ the site builds",
        "failed": "❌ the site does not build",
        "skipped": "⏸️ not run: it needs valid content first",
        "not-run": "➖ not run here (run `make build`)",
    }[status]
    return [
        "| check | result |",
        "|---|---|",
        "| Ownership: you change only files that are yours | "
        + (f"❌ {n_ref} file{'s' if n_ref != 1 else ''} not yours" if n_ref else "✅ passed")
        + " |",
        "| Content: every file in `content/` is valid | "
        + (f"❌ {n_prob} problem{'s' if n_prob != 1 else ''}" if n_prob else "✅ passed")
        + " |",
        f"| Site build | {build} |",
    ]


def render(data: Mapping[str, Any] | None, context: Context | None = None) -> str:
    """The whole comment, starting with the marker the bot finds it by."""
    context = context or Context()
    lines = [MARKER]
    run = _link(context.run_url)
    details = f" Details are in [the checks' log]({run})." if run else ""
    if data is None:
        lines += [
            "### ❌ The checks did not finish",
            "",
            "They stopped before they could write their report, so nothing can be said about "
            f"this pull request yet.{details} Push a new commit or ask the partner team to run "
            "them again.",
        ]
        return _finish(lines, context)

    passed = verdict(data)
    run_failed = context.conclusion not in (None, "success")
    count = blockers(data)
    if passed and not run_failed:
        lines.append("### ✅ All checks passed")
    elif passed:
        lines.append("### ❌ Another check failed")
    else:
        lines.append(f"### ❌ {count} thing{'s' if count != 1 else ''} to fix")
    lines += ["", *_summary(data)]
    if passed and run_failed:
        lines += [
            "",
            "Ownership, content and the site build passed, but a later step of the checks "
            f"failed (usually the site's own tests).{details} If you changed only your profile, "
            "the partner team will look at it.",
        ]
    lines += _partner_notes(_list(data, "partners"), passed and not run_failed)
    problems = _list(data, "problems")
    for origin in ORIGINS:
        group = [p for p in problems if _str(p, "origin") == origin]
        if origin == "changed":
            group += [p for p in problems if _str(p, "origin") not in ORIGINS]
        if group:
            lines += ["", _PROBLEM_SECTIONS[origin], "", *_problem_table(group)]
    if problems:
        lines += [
            "",
            "Check again on your own machine with `scripts/validate.py`; CONTRIBUTING.md "
            "explains every field.",
        ]
    refused = _list(data, "refused")
    if refused:
        lines += ["", "**Files you may not change in this pull request:**", ""]
        lines += [
            f"- {code(_str(v, 'path'))}: {plain(_str(v, 'reason'))}" for v in refused[:MAX_ROWS]
        ]
        if len(refused) > MAX_ROWS:
            lines.append(f"- …and {len(refused) - MAX_ROWS} more in the run's log.")
        lines += [
            "",
            "Partners change only their own folder in `content/partners/` and the replies to "
            "their reviews. Undo the other changes, or ask the partner team.",
        ]
    status, build_lines = _build(data)
    if status == "failed":
        lines += [
            "",
            "**The site build failed.** Its own messages:" if build_lines else "",
            "",
            *(code_block(build_lines) if build_lines else ["The build gave no message."]),
        ]
    if passed and not run_failed:
        changed = _int(data, "changed")
        lines += [
            "",
            f"{changed} changed file{'s' if changed != 1 else ''}; the whole content tree "
            "checked: nothing to fix.",
        ]
    elif run:
        lines += ["", f"Everything the checks printed is in [their log]({run})."]
    if passed:
        preview = _link(context.preview_url)
        if preview:
            lines += ["", f"🔎 Preview of the site with your changes: {preview}"]
    return _finish(lines, context)


def _finish(lines: list[str], context: Context) -> str:
    outside = list(context.outside_content)
    if outside:
        shown = ", ".join(code(p) for p in outside[:5])
        more = f" and {len(outside) - 5} more" if len(outside) > 5 else ""
        lines += [
            "",
            f"⚠️ This pull request also changes files outside `content/`: {shown}{more}. The "
            "checks ran with those changes, so their result counts only once Copernica staff "
            "have reviewed them.",
        ]
    body = "\n".join(lines) + "\n"
    if len(body) > MAX_BODY:
        body = body[:MAX_BODY].rsplit("\n", 1)[0] + "\n\n…the rest is in the checks' log.\n"
    return body
