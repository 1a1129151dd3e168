"""The privileged comment job: find the pull request a checks run belongs to, and post its one
comment there. Run from the default branch by pull-request-comment.yml; it never runs, imports
or trusts the pull request's code.

Which pull request comes from GitHub only: the `workflow_run` event's `pull_requests` (empty for
forks) or, failing those, the open pull requests of the run's head repository and branch, and a
candidate counts only when GitHub says its head is the run's `head_sha`. The artifact is never
asked; its report.json is read by `comment.load_data` as untrusted data.

Standard library only (urllib), so the job needs no install.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from copernica_directory.prchecks import comment

BOT_LOGIN = "github-actions[bot]"
# Only these outcomes of the checks get a comment; a cancelled run was replaced by a newer
# one, and a run waiting for approval has not run at all.
COMMENTED = ("success", "failure", "timed_out", "startup_failure")
MAX_PAGES = 30
_LINK_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')
_SITE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


class ApiError(Exception):
    """GitHub's API refused or could not be reached."""


class GitHub:
    """The few REST calls the job makes, with the job's token, to one repository."""

    def __init__(self, api_url: str, repo: str, token: str) -> None:
        self.api_url, self.repo, self.token = api_url.rstrip("/"), repo, token

    def _call(self, method: str, url: str, body: Any = None) -> tuple[Any, str | None]:
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        request.add_header("User-Agent", "partner-directory-report")
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode("utf-8")
                link = response.headers.get("Link", "")
        except urllib.error.HTTPError as err:
            raise ApiError(f"{method} {_path(url)}: HTTP {err.code}") from None
        except (urllib.error.URLError, TimeoutError) as err:
            raise ApiError(f"{method} {_path(url)}: {err}") from None
        match = _LINK_NEXT.search(link)
        # The token goes to the API only: a "next" page elsewhere is not followed.
        following = match.group(1) if match and match.group(1).startswith(self.api_url) else None
        return (json.loads(text) if text else None), following

    def url(self, path: str, **query: str | int) -> str:
        encoded = urllib.parse.urlencode(query)
        return f"{self.api_url}/repos/{self.repo}{path}" + (f"?{encoded}" if encoded else "")

    def get(self, path: str, **query: str | int) -> Any:
        return self._call("GET", self.url(path, **query))[0]

    def get_all(self, path: str, **query: str | int) -> list[Any]:
        items: list[Any] = []
        url: str | None = self.url(path, per_page=100, **query)
        for _ in range(MAX_PAGES):
            if url is None:
                break
            page, url = self._call("GET", url)
            items += page if isinstance(page, list) else []
        return items

    def send(self, method: str, path: str, body: Mapping[str, Any]) -> Any:
        return self._call(method, self.url(path), body)[0]


def _path(url: str) -> str:
    return urllib.parse.urlsplit(url).path


def _get(value: Any, *keys: str) -> Any:
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def find_pull_request(gh: GitHub, run: Mapping[str, Any]) -> tuple[int | None, str]:
    """The number of the open pull request whose head is the run's head commit, and why.

    Candidates come from the event, or for a fork from the head repository and branch;
    each is confirmed by asking GitHub for the pull request itself.
    """
    head_sha = run.get("head_sha")
    head_repo = _get(run, "head_repository", "full_name")
    if not isinstance(head_sha, str) or not isinstance(head_repo, str):
        return None, "the event names no head commit"
    candidates = [
        pr["number"]
        for pr in run.get("pull_requests") or []
        if isinstance(pr, dict) and isinstance(pr.get("number"), int)
    ]
    if not candidates:
        owner, branch = _get(run, "head_repository", "owner", "login"), run.get("head_branch")
        if isinstance(owner, str) and isinstance(branch, str):
            listed = gh.get_all("/pulls", state="open", head=f"{owner}:{branch}")
            candidates = [
                pr["number"]
                for pr in listed
                if isinstance(pr, dict) and isinstance(pr.get("number"), int)
            ]
    matches = []
    for number in dict.fromkeys(candidates):
        pr = gh.get(f"/pulls/{number}")
        if (
            isinstance(pr, dict)
            and pr.get("state") == "open"
            and _get(pr, "head", "sha") == head_sha
            and _get(pr, "head", "repo", "full_name") == head_repo
            and _get(pr, "base", "repo", "full_name") == gh.repo
        ):
            matches.append(number)
    if len(matches) == 1:
        return matches[0], f"pull request #{matches[0]} has head {head_sha}"
    if not matches:
        return None, f"no open pull request has head {head_sha} (pushed again since?)"
    return None, f"several pull requests have head {head_sha}: {matches}; none is chosen"


def outside_content(gh: GitHub, number: int) -> list[str]:
    """The files the pull request changes outside content/, as GitHub lists them."""
    paths: list[str] = []
    for item in gh.get_all(f"/pulls/{number}/files"):
        for key in ("filename", "previous_filename"):
            name = item.get(key) if isinstance(item, dict) else None
            if isinstance(name, str) and not name.startswith("content/") and name not in paths:
                paths.append(name)
    return paths


def upsert_comment(gh: GitHub, number: int, body: str, bot_login: str = BOT_LOGIN) -> str:
    """Update the bot's own report comment on the pull request, or create it."""
    for item in gh.get_all(f"/issues/{number}/comments"):
        text = item.get("body") if isinstance(item, dict) else None
        if (
            _get(item, "user", "login") == bot_login
            and isinstance(text, str)
            and text.startswith(comment.MARKER)
        ):
            gh.send("PATCH", f"/issues/comments/{item['id']}", {"body": body})
            return f"updated comment {item['id']} on #{number}"
    gh.send("POST", f"/issues/{number}/comments", {"body": body})
    return f"created a comment on #{number}"


def preview_url(number: int, site_name: str | None) -> str | None:
    """Netlify's deploy preview address, from the number GitHub gave and a repository setting."""
    if not site_name or not _SITE_NAME.fullmatch(site_name):
        return None
    return f"https://deploy-preview-{number}--{site_name}.netlify.app/"


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: exit 0 when posted or when there is nothing to post, 1 when GitHub refused."""
    env = os.environ
    parser = argparse.ArgumentParser(prog="pr_comment.py", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--report", type=Path, required=True, help="report.json from the checks' artifact"
    )
    parser.add_argument("--event", type=Path, default=env.get("GITHUB_EVENT_PATH"))
    parser.add_argument("--repo", default=env.get("GITHUB_REPOSITORY"))
    parser.add_argument("--api-url", default=env.get("GITHUB_API_URL", "https://api.github.com"))
    parser.add_argument("--site-name", default=env.get("NETLIFY_SITE_NAME"))
    parser.add_argument("--bot-login", default=BOT_LOGIN)
    parser.add_argument("--dry-run", action="store_true", help="print the comment, post nothing")
    args = parser.parse_args(argv)
    if not args.event or not args.repo:
        parser.error("needs --event and --repo (GITHUB_EVENT_PATH, GITHUB_REPOSITORY)")
    run = json.loads(Path(args.event).read_text(encoding="utf-8")).get("workflow_run") or {}
    if run.get("event") != "pull_request" or run.get("conclusion") not in COMMENTED:
        print(f"nothing to post: a {run.get('event')} run, {run.get('conclusion')}")
        return 0
    gh = GitHub(args.api_url, args.repo, env.get("GH_TOKEN", ""))
    try:
        number, why = find_pull_request(gh, run)
        print(why)
        if number is None:
            return 0
        context = comment.Context(
            preview_url=preview_url(number, args.site_name),
            run_url=run.get("html_url") if isinstance(run.get("html_url"), str) else None,
            conclusion=run.get("conclusion"),
            outside_content=outside_content(gh, number),
        )
        body = comment.render(comment.load_data(args.report), context)
        if args.dry_run:
            sys.stdout.write(body)
            return 0
        print(upsert_comment(gh, number, body, args.bot_login))
    except ApiError as err:
        print(f"pr_comment.py: error: {err}", file=sys.stderr)
        return 1
    return 0
