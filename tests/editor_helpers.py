"""What the web editor's browser tests share: a git repository of the sample content,
decap-server in its git mode over it, and the editor's page in Chromium, logged in to that
server and served with netlify.toml's headers. Plain context managers; each test module wraps
them in fixtures of its own scope."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conftest import CONTENT, ROOT

from copernica_directory.editor.config import LOCAL_BACKEND
from copernica_directory.model import load_content
from copernica_directory.model.loader import Content
from copernica_directory.sitecheck.localserver import serve
from copernica_directory.sitecheck.netlify_headers import headers_for

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=t@e.com", "-c", "user.name=T", *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def make_repo(repo: Path, content: Path = CONTENT) -> Path:
    """A git repository at `repo` holding `content` as content/, on main, as a fresh clone."""
    shutil.copytree(content, repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def decap_server(repo: Path) -> Iterator[str]:
    """decap-server in git mode on `repo`, bound to 127.0.0.1: its API address; stopped on
    leaving."""
    port = unused_port()
    env = {
        **os.environ,
        "MODE": "git",
        "BIND_HOST": "127.0.0.1",
        "PORT": str(port),
        "GIT_REPO_DIRECTORY": str(repo),
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.com",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.com",
    }
    process = subprocess.Popen(
        [str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    ready = threading.Event()

    def watch() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if "listening on" in line:
                ready.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        assert ready.wait(30), "decap-server did not start"
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        process.terminate()
        process.wait(10)


@dataclass
class Editor:
    page: object
    base: str
    problems: list[str]  # page errors and policy violations; none may be left at the end

    def _through_list(self, collection: str, route: str) -> None:
        # Through the collection's list: straight from one entry's form to another's, Decap
        # may show the new form with the old one's values, or without its own.
        self.page.goto(f"{self.base}/admin/#/collections/{collection}")
        # The list is shown once the form's toolbar ("Writing in ... collection") is gone.
        self.page.get_by_text(re.compile("^Writing in ")).wait_for(state="detached")
        self.page.goto(f"{self.base}/admin/#/collections/{collection}/{route}")

    def open_entry(self, collection: str, slug: str) -> None:
        self._through_list(collection, f"entries/{slug}")

    def new_entry(self, collection: str) -> None:
        self._through_list(collection, "new")


@contextmanager
def open_editor(site_output: Path, work: Path, api: str, browser: object) -> Iterator[Editor]:
    """The editor's page from a copy of the built site `site_output` (made in `work`), logged
    in to the local backend at `api`, served with the production headers (the local backend's
    address added to connect-src, as only `make editor` needs it). No page error and no policy
    violation may be left when it closes."""
    site = work / "site"
    shutil.copytree(site_output, site)
    config = site / "admin" / "config.yml"
    config.write_text(config.read_text("utf-8").replace(LOCAL_BACKEND, api), "utf-8")
    origin = re.match(r"https?://[^/]+", api)[0]

    def headers(path: str) -> dict[str, str]:
        found = headers_for(path, ROOT / "netlify.toml")
        if path.startswith("/admin/") and "Content-Security-Policy" in found:
            policy = found["Content-Security-Policy"]
            found["Content-Security-Policy"] = policy.replace(
                "connect-src 'self'", f"connect-src 'self' {origin}"
            )
        return found

    server = serve(site, headers=headers)
    base = next(server)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    # Leaving an entry with unsaved changes asks first; a test that leaves them goes on.
    page.on("dialog", lambda dialog: dialog.accept())
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    from playwright.sync_api import expect

    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("link", name="Partner profiles")).to_be_visible()
    try:
        yield Editor(page, base, problems)
    finally:
        context.close()
        server.close()
    assert problems == []


def content_at(repo: Path, revision: str) -> Content:
    """The content as the model reads it from `revision` of the repository (checked out
    beside it); no problems allowed."""
    checkout = repo.parent / f"checkout-{revision.replace('/', '-')}"
    shutil.rmtree(checkout, ignore_errors=True)
    git(repo, "worktree", "add", "-q", "-f", "--detach", str(checkout), revision)
    content, problems = load_content(checkout / "content")
    assert [p.format_text() for p in problems] == []
    return content
