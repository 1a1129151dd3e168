"""May this author change these files? Partners own their folder and the replies to their reviews.

- Staff (listed in .github/staff.yaml, read from the base revision) may change anything.
- A partner's maintainers, read from the base revision's partner.yaml so a pull request cannot
  add its own author, may change files under content/partners/<slug>/, and in
  content/reviews/<slug>/ only the `response` of existing, approved reviews.
- A new partner folder may be created only by one of the maintainers it names.
- Everything else (other partners, review ratings and texts, templates, code, workflows) is
  staff's.
- Nobody, staff included, may add anything but a regular file under content/: a symbolic link
  (git mode 120000) would make the build read whatever it points to on the build machine, a
  submodule (160000) another repository. Decided from git's record of the change, by path and
  mode, without checking anything out or following the link.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from copernica_directory.model.fields import GITHUB_LOGIN
from copernica_directory.model.schema import INVALID, Context, ListOf
from copernica_directory.model.yamlsource import Mapping, load_yaml, plain
from copernica_directory.prchecks.gitrepo import (
    DELETED_MODE,
    GITLINK_MODE,
    REGULAR_MODES,
    SYMLINK_MODE,
    GitError,
    changed_entries,
    read_file,
    resolve,
)

STAFF_FILE = ".github/staff.yaml"
CONTENT = "content"
PARTNERS = "content/partners/"
REVIEWS = "content/reviews/"
REPLY_FIELD = "response"


@dataclass(frozen=True)
class Verdict:
    """Whether the author may change one path, and why not."""

    path: str
    allowed: bool
    reason: str = ""
    # Refused whoever the author is, staff too (a link or submodule under content/).
    for_everyone: bool = False


def _logins(text: str | None, path: str, field: str) -> frozenset[str]:
    """The logins listed under `field` of a YAML file (empty when missing or invalid)."""
    if text is None:
        return frozenset()
    node, _ = load_yaml(text, path)
    if not isinstance(node, Mapping) or field not in node.entries:
        return frozenset()
    logins = ListOf(GITHUB_LOGIN).parse(node.entries[field][1], Context(path, {}), field)
    return frozenset(x.lower() for x in logins) if logins is not INVALID else frozenset()


def mode_refusal(path: str, mode: str | None) -> str | None:
    """Why a change that leaves `path` with git `mode` in head is refused for everyone (None:
    it is not). Outside content/, and for deletions, the mode does not matter."""
    if mode is None or mode == DELETED_MODE or mode in REGULAR_MODES:
        return None
    if path != CONTENT and not path.startswith(CONTENT + "/"):
        return None
    if mode == SYMLINK_MODE:
        return (
            "this is a symbolic link; nothing under content/ may be a link (the build would "
            "read whatever it points to): commit the file itself"
        )
    if mode == GITLINK_MODE:
        return "this is a submodule; content/ holds regular files only: commit the files"
    return f"this is not a regular file (git mode {mode}); content/ holds regular files only"


class OwnershipCheck:
    """Decides path by path, reading maintainers and staff from the base revision."""

    def __init__(self, repo: Path, base: str, head: str) -> None:
        self.repo, self.base, self.head = repo, base, head
        self.staff = _logins(read_file(repo, base, STAFF_FILE), STAFF_FILE, "staff")
        self._maintainers: dict[tuple[str, str], frozenset[str]] = {}

    def maintainers(self, slug: str, rev: str) -> frozenset[str]:
        key = (slug, rev)
        if key not in self._maintainers:
            path = f"{PARTNERS}{slug}/partner.yaml"
            self._maintainers[key] = _logins(read_file(self.repo, rev, path), path, "maintainers")
        return self._maintainers[key]

    @cached_property
    def modes(self) -> dict[str, str]:
        """Every changed path with its mode in head (git's diff of base...head)."""
        return dict(changed_entries(self.repo, self.base, self.head))

    def check(self, author: str, path: str) -> Verdict:
        refusal = mode_refusal(path, self.modes.get(path))
        if refusal is not None:
            return Verdict(path, False, refusal, for_everyone=True)
        author = author.lower()
        if author in self.staff:
            return Verdict(path, True)
        parts = path.split("/")
        if path.startswith(PARTNERS) and len(parts) >= 4:
            return self._partner_file(author, path, parts[2])
        if path.startswith(REVIEWS) and len(parts) == 4:
            return self._review_file(author, path, parts[2])
        return Verdict(path, False, "only Copernica staff may change this file")

    def _partner_file(self, author: str, path: str, slug: str) -> Verdict:
        owners = self.maintainers(slug, self.base)
        if owners:
            if author in owners:
                return Verdict(path, True)
            return Verdict(
                path, False, f"the profile '{slug}' is maintained by {', '.join(sorted(owners))}"
            )
        if read_file(self.repo, self.base, f"{PARTNERS}{slug}/partner.yaml") is not None:
            return Verdict(path, False, f"the profile '{slug}' lists no valid maintainers")
        # A new partner folder: its author must be among the maintainers it declares.
        if author in self.maintainers(slug, self.head):
            return Verdict(path, True)
        return Verdict(
            path,
            False,
            f"a new partner folder must list you ({author}) under maintainers in partner.yaml",
        )

    def _review_file(self, author: str, path: str, slug: str) -> Verdict:
        if author not in self.maintainers(slug, self.base):
            return Verdict(path, False, f"only '{slug}' maintainers may reply to its reviews")
        before = _data(read_file(self.repo, self.base, path), path)
        after = _data(read_file(self.repo, self.head, path), path)
        if before is None or after is None:
            return Verdict(path, False, "reviews are added and removed by the moderators only")
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        if changed - {REPLY_FIELD}:
            fields = ", ".join(sorted(changed - {REPLY_FIELD}))
            return Verdict(path, False, f"you may change only '{REPLY_FIELD}', not {fields}")
        if after.get(REPLY_FIELD) and before.get("status") != "approved":
            # Replies are published with approved reviews only; removing one is always fine.
            return Verdict(
                path,
                False,
                f"a reply can be added to an approved review only; this one is "
                f"{before.get('status', 'without a status')}",
            )
        return Verdict(path, True)


def _data(text: str | None, path: str) -> dict[str, Any] | None:
    if text is None:
        return None
    node, problems = load_yaml(text, path)
    value = plain(node) if node is not None and not problems else None
    return value if isinstance(value, dict) else None


def check_ownership(repo: Path, author: str, base: str, head: str) -> list[Verdict]:
    """A verdict for every path changed between base and head."""
    check = OwnershipCheck(repo, resolve(repo, base), resolve(repo, head))
    return [check.check(author, path) for path in check.modes]


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: exit 0 when every change is the author's to make, 1 when not, 2 on misuse."""
    parser = argparse.ArgumentParser(prog="check_ownership.py", description=__doc__.split("\n")[0])
    parser.add_argument("--author", required=True, help="the pull request author's GitHub login")
    parser.add_argument(
        "--base", required=True, help="the base revision (maintainers are read here)"
    )
    parser.add_argument("--head", default="HEAD", help="the head revision (default HEAD)")
    parser.add_argument("--repo", type=Path, default=Path("."), help="the repository (default .)")
    args = parser.parse_args(argv)
    try:
        verdicts = check_ownership(args.repo, args.author, args.base, args.head)
    except GitError as err:
        print(f"check_ownership.py: error: {err}", file=sys.stderr)
        return 2
    refused = [v for v in verdicts if not v.allowed]
    for verdict in refused:
        how = "refused" if verdict.for_everyone else "not yours to change"
        print(f"{verdict.path}: {how}: {verdict.reason}")
    if refused:
        staff = sum(not v.for_everyone for v in refused)
        wrong = len(refused) - staff
        found = [f"{staff} of {len(verdicts)} changed files need Copernica staff"] if staff else []
        found += [f"{wrong} may not be in content/ at all (not regular files)"] if wrong else []
        print("; ".join(found), file=sys.stderr)
        return 1
    print(f"OK: {args.author} may change all {len(verdicts)} changed files", file=sys.stderr)
    return 0
