"""The pull-request gate: one verdict from the checks that block the merge, and its comment.

The checks are the ones the tools run on their own: ownership (`check_ownership`, as
scripts/check_ownership.py), the whole content tree (`load_content`, as scripts/validate.py
with no path: a change can break files it does not touch, such as the reviews of a renamed
profile) and, with `--build`, a real Pelican build (as `make build`). The exit status and the
comment are both computed from one piece of data (`Report.data()`), so they cannot disagree.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from copernica_directory.model import Problem, load_content
from copernica_directory.prchecks import comment
from copernica_directory.prchecks.build import BuildResult, run_build
from copernica_directory.prchecks.gitrepo import GitError, changed_paths, read_file, resolve
from copernica_directory.prchecks.history import extract, files_under
from copernica_directory.prchecks.ownership import (
    PARTNERS,
    REVIEWS,
    OwnershipCheck,
    Verdict,
    check_ownership,
)

MARKER = comment.MARKER
CONTENT = "content"
PARTNER_FILE = "partner.yaml"


@dataclass(frozen=True)
class Found:
    """A problem in the content tree, and where it comes from: a file the pull request
    changed, a file it did not change but breaks, or a file already broken on the base."""

    problem: Problem
    origin: str  # one of comment.ORIGINS


@dataclass(frozen=True)
class PartnerChange:
    """A partner folder that is gone at the head: deleted, or renamed to `to`."""

    slug: str
    to: str | None
    reviews: int


@dataclass
class Report:
    """What the checks found for one pull request."""

    changed: list[str] = field(default_factory=list)
    refused: list[Verdict] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)
    partners: list[PartnerChange] = field(default_factory=list)
    build: BuildResult | None = None
    build_skipped: bool = False
    preview_url: str | None = None

    @property
    def problems(self) -> list[Problem]:
        return [f.problem for f in self.found]

    def data(self) -> dict[str, Any]:
        """The report as JSON-ready data: the one source of the verdict and the comment."""
        if self.build_skipped:
            build: dict[str, Any] = {"status": "skipped", "lines": []}
        elif self.build is None:
            build = {"status": "not-run", "lines": []}
        else:
            status = "passed" if self.build.ok else "failed"
            build = {"status": status, "lines": [*self.build.lines]}
        return {
            "version": comment.VERSION,
            "changed": len(self.changed),
            "refused": [{"path": v.path, "reason": v.reason} for v in self.refused],
            "problems": [
                {**f.problem.as_dict(), "origin": f.origin}
                for f in sorted(
                    self.found, key=lambda f: (comment.ORIGINS.index(f.origin), f.problem)
                )
            ],
            "partners": [
                {
                    "slug": p.slug,
                    "change": "renamed" if p.to else "deleted",
                    "to": p.to,
                    "reviews": p.reviews,
                }
                for p in self.partners
            ],
            "build": build,
        }

    @property
    def ok(self) -> bool:
        return comment.verdict(self.data())

    def markdown(self, context: comment.Context | None = None) -> str:
        """The comment's text (GitHub-flavoured Markdown), starting with the marker."""
        return comment.render(self.data(), context or comment.Context(self.preview_url))


def _relative(problems: Sequence[Problem], root: Path) -> list[Problem]:
    # Paths as the partner sees them in the repository, whatever the working directory. No
    # resolve(): a symlink's path is reported, never the file it points at.
    base = os.path.abspath(root)
    return [
        replace(p, path=Path(os.path.relpath(os.path.abspath(p.path), base)).as_posix())
        for p in problems
    ]


def _key(problem: Problem) -> tuple[str, int, int, str, str]:
    return (problem.path, problem.line, problem.col, problem.field, problem.message)


def _base_problems(repo: Path, base: str) -> set[tuple[str, int, int, str, str]]:
    """The problems the base revision's content tree already had."""
    with tempfile.TemporaryDirectory(prefix="pr-base-") as tmp:
        root = Path(tmp)
        _, problems = load_content(extract(repo, base, CONTENT, root))
        return {_key(p) for p in _relative(problems, root)}


def classify(
    repo: Path, base: str, changed: Sequence[str], problems: Sequence[Problem]
) -> list[Found]:
    """Where each problem comes from. The base tree is validated only when a problem lies in
    a file the pull request did not change: was it there before, or does this change cause it?"""
    touched = set(changed)
    if all(p.path in touched for p in problems):
        return [Found(p, "changed") for p in problems]
    before = _base_problems(repo, base)
    return [
        Found(p, "changed" if p.path in touched else "base" if _key(p) in before else "caused")
        for p in problems
    ]


def partner_changes(
    repo: Path, base: str, head: str, changed: Sequence[str]
) -> list[PartnerChange]:
    """Partner folders whose partner.yaml is gone at the head, each paired with a new folder
    of the same pull request when there is one (a rename, as the partner sees it)."""

    def slugs(present: str, absent: str) -> list[str]:
        found = []
        for path in changed:
            parts = path.split("/")
            if (
                path.startswith(PARTNERS)
                and len(parts) == 4
                and parts[3] == PARTNER_FILE
                and read_file(repo, present, path) is not None
                and read_file(repo, absent, path) is None
            ):
                found.append(parts[2])
        return found

    removed, added = slugs(base, head), slugs(head, base)
    return [
        PartnerChange(
            slug,
            added[i] if i < len(added) else None,
            len(files_under(repo, base, f"{REVIEWS}{slug}/")),
        )
        for i, slug in enumerate(removed)
    ]


def build_report(
    repo: Path,
    author: str,
    base: str,
    head: str,
    preview_url: str | None = None,
    settings: Path | None = None,
) -> Report:
    """Run the checks for the pull request from base to head, its tree checked out in repo.

    With `settings` (pelican.conf.py), the site is built too, once the content is valid.
    """
    base_rev, head_rev = resolve(repo, base), resolve(repo, head)
    changed = changed_paths(repo, base_rev, head_rev)
    report = Report(changed=changed, preview_url=preview_url)
    report.refused = [v for v in check_ownership(repo, author, base_rev, head_rev) if not v.allowed]
    _, problems = load_content(repo / CONTENT)
    report.found = classify(repo, base_rev, changed, _relative(problems, repo))
    if author.lower() not in OwnershipCheck(repo, base_rev, head_rev).staff:
        report.partners = partner_changes(repo, base_rev, head_rev, changed)
    if settings is not None:
        if report.found:
            report.build_skipped = True  # it would stop on the same problems
        else:
            report.build = run_build(repo, settings)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: the verdict as exit status (0 passed, 1 something to fix, 2 misuse), the comment
    and its data as files."""
    parser = argparse.ArgumentParser(prog="pr_report.py", description=__doc__.split("\n")[0])
    parser.add_argument("--author", required=True, help="the pull request author's login")
    parser.add_argument("--base", required=True, help="the base revision")
    parser.add_argument("--head", default="HEAD", help="the head revision (checked out)")
    parser.add_argument("--repo", type=Path, default=Path("."), help="the repository (default .)")
    parser.add_argument(
        "--build",
        action="store_true",
        help="build the site as well (a real Pelican build; CI does, so the build is part of "
        "the verdict)",
    )
    parser.add_argument(
        "--settings",
        type=Path,
        default=None,
        help="the Pelican settings for --build (default: pelican.conf.py in the repository)",
    )
    parser.add_argument("--preview-url", help="the deploy preview's address")
    parser.add_argument("--output", type=Path, help="write the comment here instead of stdout")
    parser.add_argument(
        "--data", type=Path, help="write the report's data (JSON, for the comment job) here"
    )
    parser.add_argument(
        "--annotations",
        action="store_true",
        help="print each problem as a GitHub Actions annotation on standard output",
    )
    args = parser.parse_args(argv)
    settings = (args.settings or args.repo / "pelican.conf.py") if args.build else None
    if settings is not None and not settings.is_file():
        print(f"pr_report.py: error: settings file {settings} not found", file=sys.stderr)
        return 2
    try:
        report = build_report(
            args.repo, args.author, args.base, args.head, args.preview_url, settings
        )
    except GitError as err:
        print(f"pr_report.py: error: {err}", file=sys.stderr)
        return 2
    data = report.data()
    text = comment.render(data, comment.Context(args.preview_url))
    if report.build is not None:
        sys.stderr.write(report.build.log)
    if args.annotations:
        for problem in report.problems:
            print(problem.format_github())
    if args.data:
        args.data.parent.mkdir(parents=True, exist_ok=True)
        args.data.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
    elif not args.annotations:
        sys.stdout.write(text)
    passed = comment.verdict(data)
    count = comment.blockers(data)
    checks = "ownership, content and build" if report.build else "ownership and content"
    summary = f"OK: {checks} passed" if passed else f"{count} thing{'s' * (count != 1)} to fix"
    print(summary, file=sys.stderr)
    return 0 if passed else 1
