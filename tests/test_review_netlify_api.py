"""`import --from-api` against a local stand-in for Netlify's API (127.0.0.1 only).

The server serves GET /api/v1/forms/{form_id}/submissions in the documented format: a JSON
list per page, `page` and `per_page` query parameters, and a Link header to the next page.
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from review_helpers import env, export, fresh_content, run, submission

from copernica_directory.reviews.netlify import FetchError, fetch_submissions

FORM_ID = "6650f2c1e4b0a1000812d3c4"
TOKEN = "test-netlify-token"


@dataclass
class Api:
    """What the stand-in serves, and what it was asked."""

    items: list[dict[str, Any]]
    link_headers: bool = True
    fail_first: int = 0  # answer 429 to this many requests first
    status: int = 200
    next_host: str = ""  # send the next-page link to another host
    requests: list[str] = field(default_factory=list)
    auth: list[str] = field(default_factory=list)
    url: str = ""


class _Handler(BaseHTTPRequestHandler):
    api: Api

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        api = self.server.api  # type: ignore[attr-defined]
        api.requests.append(self.path)
        api.auth.append(self.headers.get("Authorization", ""))
        parts = urllib.parse.urlsplit(self.path)
        if parts.path != f"/api/v1/forms/{FORM_ID}/submissions":
            return self._send(404, {"code": 404, "message": "Not Found"})
        if api.fail_first:
            api.fail_first -= 1
            return self._send(429, {"message": "slow down"}, {"Retry-After": "0"})
        if api.status != 200:
            return self._send(api.status, {"code": api.status, "message": "Unauthorized"})
        query = urllib.parse.parse_qs(parts.query)
        page, per_page = int(query["page"][0]), int(query["per_page"][0])
        batch = api.items[(page - 1) * per_page : page * per_page]
        headers = {}
        last = max(1, -(-len(api.items) // per_page))
        if api.link_headers and page < last:
            base = api.next_host or api.url
            nxt = f"{base}/api/v1/forms/{FORM_ID}/submissions?page={page + 1}&per_page={per_page}"
            end = f"{api.url}/api/v1/forms/{FORM_ID}/submissions?page={last}&per_page={per_page}"
            headers["Link"] = f'<{nxt}>; rel="next", <{end}>; rel="last"'
        self._send(200, batch, headers)

    def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def api() -> Iterator[Api]:
    # Newest first, as Netlify lists them; 12 review submissions and 1 of another form.
    state = Api(items=sorted(export(), key=lambda i: i["created_at"], reverse=True))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.api = state  # type: ignore[attr-defined]
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def fetch(api: Api, per_page: int = 5, **kwargs: Any) -> list[Any]:
    return fetch_submissions(
        FORM_ID, TOKEN, f"{api.url}/api/v1", per_page=per_page, sleep=lambda s: None, **kwargs
    )


def api_env(api: Api, **extra: str) -> dict[str, str]:
    settings = {
        "NETLIFY_API_URL": f"{api.url}/api/v1",
        "NETLIFY_AUTH_TOKEN": TOKEN,
        "NETLIFY_FORM_ID": FORM_ID,
    }
    return env(**{**settings, **extra})


def test_import_from_the_api_through_the_cli(api: Api, tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    result = run(content.parent, "import", "--from-api", environ=api_env(api))
    assert result.returncode == 0, result.stderr
    assert "12 created" in result.stdout and "1 skipped (other forms)" in result.stdout
    assert api.auth and set(api.auth) == {f"Bearer {TOKEN}"}
    # 13 submissions, 100 per page: one page and no Link header.
    assert api.requests == [f"/api/v1/forms/{FORM_ID}/submissions?per_page=100&page=1"]
    again = run(content.parent, "import", "--from-api", environ=api_env(api))
    assert "0 created" in again.stdout and "12 duplicates" in again.stdout


def test_pages_are_followed_by_link_header(api: Api) -> None:
    items = fetch(api, per_page=5)
    assert [i["id"] for i in items] == [i["id"] for i in api.items]
    assert [
        urllib.parse.parse_qs(urllib.parse.urlsplit(r).query)["page"] for r in api.requests
    ] == [
        ["1"],
        ["2"],
        ["3"],
    ]


def test_pages_without_link_headers_end_at_a_short_page(api: Api) -> None:
    api.link_headers = False
    api.items = [submission() for _ in range(10)]
    assert len(fetch(api, per_page=5)) == 10
    assert len(api.requests) == 3  # 5, 5, then an empty page ends the list


def test_rate_limited_requests_are_retried(api: Api) -> None:
    api.fail_first = 2
    waits: list[float] = []
    items = fetch_submissions(FORM_ID, TOKEN, f"{api.url}/api/v1", per_page=100, sleep=waits.append)
    assert len(items) == 13 and waits == [0.0, 0.0]


def test_errors_are_reported(api: Api, tmp_path: Path) -> None:
    api.status = 401
    with pytest.raises(FetchError, match=r"401 .*check NETLIFY_AUTH_TOKEN"):
        fetch(api)
    content = fresh_content(tmp_path)
    result = run(content.parent, "import", "--from-api", environ=api_env(api))
    assert result.returncode == 1 and "401" in result.stderr
    assert not (content / "reviews").exists()
    api.status = 200
    with pytest.raises(FetchError, match=r"404 .*check NETLIFY_FORM_ID"):
        fetch_submissions("wrong", TOKEN, f"{api.url}/api/v1", sleep=lambda s: None)


def test_the_token_never_leaves_the_api_host(api: Api) -> None:
    api.next_host = "http://127.0.0.2:9"
    with pytest.raises(FetchError, match="another host"):
        fetch(api, per_page=5)
    assert len(api.requests) == 1


def test_unreachable_api(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="cannot reach"):
        fetch_submissions(FORM_ID, TOKEN, "http://127.0.0.1:9/api/v1", sleep=lambda s: None)


def test_settings_are_required(api: Api, tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    no_token = run(
        content.parent, "import", "--from-api", environ=api_env(api, NETLIFY_AUTH_TOKEN="")
    )
    assert no_token.returncode == 2 and "NETLIFY_AUTH_TOKEN is not set" in no_token.stderr
    no_form = run(content.parent, "import", "--from-api", environ=api_env(api, NETLIFY_FORM_ID=""))
    assert no_form.returncode == 2 and "NETLIFY_FORM_ID" in no_form.stderr
    by_option = run(
        content.parent,
        "import",
        "--from-api",
        "--form-id",
        FORM_ID,
        environ=api_env(api, NETLIFY_FORM_ID=""),
    )
    assert by_option.returncode == 0, by_option.stderr
    no_key = run(content.parent, "import", "--from-api", environ=api_env(api, REVIEW_HASH_KEY=""))
    assert no_key.returncode == 2 and "REVIEW_HASH_KEY" in no_key.stderr
