"""Serving a built site on 127.0.0.1 for the browser tests and the benchmark."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    extra_headers: Callable[[str], dict[str, str]] | None = None
    not_found: Callable[[str], str | None] | None = None

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # A missing file gets the site's own 404 page, as on Netlify (netlify.toml).
        page = self.not_found(self.path.split("?")[0]) if self.not_found else None
        body = Path(self.directory, page.lstrip("/")) if page and code == 404 else None
        if body is None or not body.is_file():
            super().send_error(code, message, explain)
            return
        payload = body.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def end_headers(self) -> None:
        if self.extra_headers is not None:
            for name, value in self.extra_headers(self.path.split("?")[0]).items():
                self.send_header(name, value)
        super().end_headers()


def serve(
    folder: Path,
    headers: Callable[[str], dict[str, str]] | None = None,
    not_found: Callable[[str], str | None] | None = None,
) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1 until the generator is closed.

    `headers` gives extra response headers per path (netlify.toml's, for the CSP tests);
    `not_found` the page to show for a path with no file (netlify.toml's 404 rules).
    """
    attributes = {"extra_headers": staticmethod(headers), "not_found": staticmethod(not_found)}
    handler_class = type("Handler", (_QuietHandler,), attributes)
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
