"""The privileged comment job (scripts/pr_comment.py) against a stand-in for GitHub's REST API
on 127.0.0.1: which pull request it comments on comes from GitHub, never from the artifact."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from gfm import MENTION, render, seen

from copernica_directory.prchecks import comment

SCRIPT = str(ROOT / "scripts" / "pr_comment.py")
REPO = "copernica/partners"
SHA = "a" * 40
TOKEN = "test-token-123"
PAGE = 2  # the stand-in pages every list by two, so paging is exercised


@dataclass
class FakeGitHub:
    """Pull requests, their files and comments; every request is recorded."""

    pulls: dict[int, dict[str, Any]] = field(default_factory=dict)
    files: dict[int, list[str]] = field(default_factory=dict)
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    requests: list[tuple[str, str, str | None]] = field(default_factory=list)
    foreign_next: bool = False
    url: str = ""

    def pull(self, number: int, head_repo: str = REPO, sha: str = SHA, state: str = "open") -> None:
        self.pulls[number] = {
            "number": number,
            "state": state,
            "head": {"sha": sha, "ref": "patch-1", "repo": {"full_name": head_repo}},
            "base": {"repo": {"full_name": REPO}},
        }

    def posted(self) -> list[tuple[str, str]]:
        return [(m, p) for m, p, _ in self.requests if m in ("POST", "PATCH")]


def _handler(gh: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _send(self, status: int, body: Any, link: str | None = None) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if link:
                self.send_header("Link", link)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _page(self, items: list[Any], query: dict[str, str]) -> None:
            page = int(query.get("page", "1"))
            chunk = items[(page - 1) * PAGE : page * PAGE]
            link = None
            if page * PAGE < len(items):
                base = "http://evil.invalid" if gh.foreign_next else gh.url
                path = urllib.parse.urlsplit(self.path).path
                link = f'<{base}{path}?page={page + 1}>; rel="next"'
            self._send(200, chunk, link)

        def _route(self, method: str) -> None:
            parts = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(parts.query))
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else None
            gh.requests.append((method, self.path, self.headers.get("Authorization")))
            prefix = f"/repos/{REPO}"
            path = parts.path.removeprefix(prefix).strip("/").split("/")
            if method == "GET" and path == ["pulls"]:
                head = query.get("head", "")
                found = [
                    p
                    for p in gh.pulls.values()
                    if f"{p['head']['repo']['full_name'].split('/')[0]}:{p['head']['ref']}" == head
                    and p["state"] == "open"
                ]
                return self._page(found, query)
            if method == "GET" and path[0] == "pulls" and len(path) == 2:
                pr = gh.pulls.get(int(path[1]))
                return self._send(200, pr) if pr else self._send(404, {})
            if method == "GET" and path[0] == "pulls" and path[2:] == ["files"]:
                names = gh.files.get(int(path[1]), [])
                return self._page([{"filename": n} for n in names], query)
            if path[0] == "issues" and path[2:] == ["comments"]:
                items = gh.comments.setdefault(int(path[1]), [])
                if method == "GET":
                    return self._page(items, query)
                new = {"id": 1000 + len(gh.requests), "body": body["body"], "user": {}}
                new["user"]["login"] = "github-actions[bot]"
                items.append(new)
                return self._send(201, new)
            if method == "PATCH" and path[:2] == ["issues", "comments"]:
                for items in gh.comments.values():
                    for item in items:
                        if item["id"] == int(path[2]):
                            item["body"] = body["body"]
                            return self._send(200, item)
            return self._send(404, {"message": "Not Found"})

        def do_GET(self) -> None:
            self._route("GET")

        def do_POST(self) -> None:
            self._route("POST")

        def do_PATCH(self) -> None:
            self._route("PATCH")

    return Handler


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    gh = FakeGitHub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(gh))
    gh.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield gh
    server.shutdown()
    server.server_close()


PASSED = {"version": 1, "changed": 1, "build": {"status": "passed", "lines": []}}


def run_job(
    tmp_path: Path,
    gh: FakeGitHub,
    *,
    pull_requests: list[dict[str, Any]] | None = None,
    head_repo: str = REPO,
    conclusion: str = "success",
    report: dict[str, Any] | None = PASSED,
    artifact_number: str = "1",
) -> subprocess.CompletedProcess[str]:
    """The job's one step, as the workflow runs it, with an event as GitHub sends it."""
    artifact = tmp_path / "pr-report"
    artifact.mkdir(exist_ok=True)
    # An old-style artifact naming another pull request: must never matter.
    (artifact / "number").write_text(artifact_number)
    if report is not None:
        (artifact / "report.json").write_text(json.dumps({**report, "number": 1}))
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "workflow_run": {
                    "id": 55,
                    "event": "pull_request",
                    "conclusion": conclusion,
                    "head_sha": SHA,
                    "head_branch": "patch-1",
                    "head_repository": {
                        "full_name": head_repo,
                        "owner": {"login": head_repo.split("/")[0]},
                    },
                    "html_url": "https://github.com/copernica/partners/actions/runs/55",
                    "pull_requests": pull_requests or [],
                }
            }
        )
    )
    # -S: no site-packages, so the job needs nothing beyond the standard library.
    return subprocess.run(
        [sys.executable, "-I", "-S", SCRIPT, "--report", str(artifact / "report.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={
            "GITHUB_API_URL": gh.url,
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_REPOSITORY": REPO,
            "GH_TOKEN": TOKEN,
            "NETLIFY_SITE_NAME": "copernica-partners",
        },
    )


def test_same_repository_pull_request_from_the_event(tmp_path: Path, github: FakeGitHub) -> None:
    github.pull(1)  # what the artifact names
    github.pull(7)
    result = run_job(tmp_path, github, pull_requests=[{"number": 7}], artifact_number="1")
    assert result.returncode == 0, result.stderr
    assert github.posted() == [("POST", f"/repos/{REPO}/issues/7/comments")]
    body = github.comments[7][0]["body"]
    assert body.startswith(comment.MARKER)
    shown = seen(body)
    assert "All checks passed" in shown
    assert "https://deploy-preview-7--copernica-partners.netlify.app/" in shown
    assert all(auth == f"Bearer {TOKEN}" for _, _, auth in github.requests)
    assert TOKEN not in result.stdout + result.stderr


def test_fork_pull_request_found_by_head_repository_and_branch(
    tmp_path: Path, github: FakeGitHub
) -> None:
    github.pull(1)
    github.pull(9, head_repo="stranger/partners")
    result = run_job(tmp_path, github, head_repo="stranger/partners")
    assert result.returncode == 0, result.stderr
    assert ("GET", f"/repos/{REPO}/pulls?per_page=100&state=open&head=stranger%3Apatch-1") in [
        (m, p) for m, p, _ in github.requests
    ]
    assert github.posted() == [("POST", f"/repos/{REPO}/issues/9/comments")]


def test_no_comment_when_the_pull_request_moved_on(tmp_path: Path, github: FakeGitHub) -> None:
    github.pull(7, sha="b" * 40)  # pushed again after this run started
    result = run_job(tmp_path, github, pull_requests=[{"number": 7}])
    assert result.returncode == 0
    assert github.posted() == []
    assert "no open pull request has head" in result.stdout


def test_no_comment_on_a_pull_request_from_another_head(tmp_path: Path, github: FakeGitHub) -> None:
    # The same commit pushed to an unrelated fork's pull request is not this run's.
    github.pull(9, head_repo="someone-else/partners")
    result = run_job(tmp_path, github, head_repo="stranger/partners")
    assert result.returncode == 0
    assert github.posted() == []


def test_updates_its_own_comment_only(tmp_path: Path, github: FakeGitHub) -> None:
    github.pull(7)
    github.comments[7] = [
        {"id": 1, "body": "Thanks!", "user": {"login": "partner"}},
        {"id": 2, "body": comment.MARKER + " fake", "user": {"login": "stranger"}},
        {"id": 3, "body": "hm", "user": {"login": "github-actions[bot]"}},
        {"id": 4, "body": comment.MARKER + " old", "user": {"login": "github-actions[bot]"}},
    ]
    result = run_job(tmp_path, github, pull_requests=[{"number": 7}])
    assert result.returncode == 0, result.stderr
    assert github.posted() == [("PATCH", f"/repos/{REPO}/issues/comments/4")]
    assert github.comments[7][1]["body"] == comment.MARKER + " fake"
    assert "All checks passed" in seen(github.comments[7][3]["body"])


def test_next_pages_elsewhere_are_not_followed(tmp_path: Path, github: FakeGitHub) -> None:
    github.pull(7)
    github.foreign_next = True
    github.comments[7] = [{"id": i, "body": "x", "user": {"login": "u"}} for i in range(5)]
    result = run_job(tmp_path, github, pull_requests=[{"number": 7}])
    assert result.returncode == 0, result.stderr
    assert github.posted() == [("POST", f"/repos/{REPO}/issues/7/comments")]


def test_cancelled_runs_post_nothing(tmp_path: Path, github: FakeGitHub) -> None:
    github.pull(7)
    result = run_job(tmp_path, github, pull_requests=[{"number": 7}], conclusion="cancelled")
    assert result.returncode == 0
    assert github.requests == []


def test_missing_report_says_the_checks_did_not_finish(tmp_path: Path, github: FakeGitHub) -> None:
    github.pull(7)
    result = run_job(tmp_path, github, pull_requests=[{"number": 7}], report=None)
    assert result.returncode == 0, result.stderr
    assert "The checks did not finish" in seen(github.comments[7][0]["body"])


def test_report_that_passes_in_a_failed_run_is_not_green(
    tmp_path: Path, github: FakeGitHub
) -> None:
    github.pull(7)
    github.files[7] = ["content/partners/x/partner.yaml", "scripts/pr_report.py", "Makefile"]
    result = run_job(tmp_path, github, pull_requests=[{"number": 7}], conclusion="failure")
    assert result.returncode == 0, result.stderr
    shown = seen(github.comments[7][0]["body"])
    assert "All checks passed" not in shown
    assert "Another check failed" in shown
    assert "also changes files outside content/: scripts/pr_report.py, Makefile" in shown
    assert "Preview of the site with your changes" in shown  # the site itself did build


def test_hostile_report_is_posted_defused(tmp_path: Path, github: FakeGitHub) -> None:
    github.pull(7)
    hostile = {
        "version": 1,
        "problems": [
            {
                "path": "content/x.yaml",
                "line": 1,
                "message": "@copernica/partnerteam see #1 <img src=https://evil.example/p>",
            }
        ],
        "build": {"status": "skipped"},
    }
    result = run_job(tmp_path, github, pull_requests=[{"number": 7}], report=hostile)
    assert result.returncode == 0, result.stderr
    page = render(github.comments[7][0]["body"])
    assert "img" not in page.tags
    assert not MENTION.search("".join(page.prose))
    assert page.links == ["https://github.com/copernica/partners/actions/runs/55"]
