"""The pull-request report: one comment in plain language for the partner who opened it.

It validates only the content files the pull request changes (a problem in someone else's file
never lands on a partner's pull request), checks ownership, and says how to fix each problem.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from partnermodel import Problem, load_content

from .gitrepo import GitError, changed_paths, resolve
from .ownership import OwnershipCheck, Verdict

MARKER = "<!-- partner-directory-report -->"
CONTENT = "content/"


@dataclass
class Report:
    """What the checks found for one pull request."""

    problems: list[Problem] = field(default_factory=list)
    refused: list[Verdict] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    preview_url: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and not self.refused

    def markdown(self) -> str:
        """The comment's text (GitHub-flavoured Markdown), starting with the marker."""
        lines = [MARKER]
        if self.ok:
            lines.append("### ✅ All checks passed")
            lines.append("")
            noun = "file" if len(self.checked) == 1 else "files"
            lines.append(f"{len(self.checked)} changed {noun} checked: nothing to fix.")
        else:
            count = len(self.problems) + len(self.refused)
            lines.append(f"### ❌ {count} thing{'s' if count != 1 else ''} to fix")
        if self.problems:
            lines += [
                "",
                "**Problems in your files.** Each row says where, which field and what is allowed:",
                "",
                "| file | line | field | what to fix |",
                "|---|---|---|---|",
            ]
            lines += [
                f"| `{p.path}` | {p.line} | `{p.field or '-'}` | {_cell(p.message)} |"
                for p in self.problems
            ]
            lines += [
                "",
                "Check again on your own machine with `scripts/validate.py` followed by the file's "
                "path; see CONTRIBUTING.md for the fields.",
            ]
        if self.refused:
            lines += ["", "**Files you may not change in this pull request:**", ""]
            lines += [f"- `{v.path}`: {_cell(v.reason)}" for v in self.refused]
            lines += [
                "",
                "Partners change only their own folder in `content/partners/` and the replies to "
                "their reviews. Ask the partner team for anything else.",
            ]
        if self.preview_url:
            lines += ["", f"🔎 Preview of the site with your changes: {self.preview_url}"]
        return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # Table cells: no pipes or newlines; backticks kept as code.
    return text.replace("|", "\\|").replace("\n", " ")


def build_report(
    repo: Path, author: str, base: str, head: str, preview_url: str | None = None
) -> Report:
    """Run the checks for the files changed between base and head (head checked out in repo)."""
    ownership = OwnershipCheck(repo, resolve(repo, base), resolve(repo, head))
    paths = changed_paths(repo, ownership.base, ownership.head)
    report = Report(checked=paths, preview_url=preview_url)
    report.refused = [v for v in (ownership.check(author, p) for p in paths) if not v.allowed]
    # Links too (lexists, not is_file): the loader reports them, by path, without following.
    content_files = [repo / p for p in paths if p.startswith(CONTENT) and os.path.lexists(repo / p)]
    if content_files:
        _, problems = load_content(repo / "content", content_files)
        # Paths as the partner sees them in the repository, whatever the working directory.
        report.problems = [
            replace(
                p, path=Path(os.path.relpath(os.path.abspath(p.path), repo.resolve())).as_posix()
            )
            for p in problems
        ]
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: print the comment; exit 1 when there is something to fix, 2 on misuse."""
    parser = argparse.ArgumentParser(prog="pr_report.py", description=__doc__.split("\n")[0])
    parser.add_argument("--author", required=True, help="the pull request author's login")
    parser.add_argument("--base", required=True, help="the base revision")
    parser.add_argument("--head", default="HEAD", help="the head revision (checked out)")
    parser.add_argument("--preview-url", help="the deploy preview's address")
    parser.add_argument("--output", type=Path, help="write the comment here instead of stdout")
    args = parser.parse_args(argv)
    try:
        report = build_report(Path("."), args.author, args.base, args.head, args.preview_url)
    except GitError as err:
        print(f"pr_report.py: error: {err}", file=sys.stderr)
        return 2
    text = report.markdown()
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0 if report.ok else 1
