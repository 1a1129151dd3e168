"""Serving a built site on 127.0.0.1 for the browser tests and the benchmark."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _QuietHandler(SimpleHTTPRequestHandler):
    extra_headers: Callable[[str], dict[str, str]] | None = None

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        if self.extra_headers is not None:
            for name, value in self.extra_headers(self.path.split("?")[0]).items():
                self.send_header(name, value)
        super().end_headers()


def serve(folder: Path, headers: Callable[[str], dict[str, str]] | None = None) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1 until the generator is closed.

    `headers` gives extra response headers per path (netlify.toml's, for the CSP tests).
    """
    handler_class = type("Handler", (_QuietHandler,), {"extra_headers": staticmethod(headers)})
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
