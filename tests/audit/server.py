"""Serve a built site on 127.0.0.1 the way GitHub Pages does, for clients that audit it.

In: a site directory. Out: a base URL on a free local port while the context is open.
Text is gzip-compressed when the client accepts it, as GitHub Pages does, so Lighthouse
measures the bytes a reader really downloads; a missing path gets the site's 404.html.
Must not write anything.
"""

from __future__ import annotations

import contextlib
import gzip
import mimetypes
import threading
from collections.abc import Iterator
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# What GitHub Pages compresses; images and fonts are already compressed.
COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "image/svg+xml",
    "application/manifest+json",
)
# GitHub Pages answers every file with this cache lifetime (seconds).
CACHE_SECONDS = 600
EXTRA_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".xml": "application/xml",
    ".webmanifest": "application/manifest+json",
    ".pf_meta": "application/octet-stream",
}


def _content_type(path: Path) -> str:
    kind = EXTRA_TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0]
    kind = kind or "application/octet-stream"
    return f"{kind}; charset=utf-8" if kind.startswith("text/") else kind


class _Handler(BaseHTTPRequestHandler):
    """GET/HEAD for static files under `root`, directory URLs served from index.html."""

    def __init__(self, *args, root: Path, **kwargs) -> None:
        self.root = root
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the audit prints its own report."""

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def _resolve(self) -> tuple[HTTPStatus, Path | None, str | None]:
        url_path = unquote(urlsplit(self.path).path)
        target = (self.root / url_path.lstrip("/")).resolve()
        if not target.is_relative_to(self.root):
            return HTTPStatus.NOT_FOUND, self.root / "404.html", None
        if target.is_dir():
            if not url_path.endswith("/"):
                return HTTPStatus.MOVED_PERMANENTLY, None, url_path + "/"
            target = target / "index.html"
        if target.is_file():
            return HTTPStatus.OK, target, None
        return HTTPStatus.NOT_FOUND, self.root / "404.html", None

    def _serve(self, send_body: bool) -> None:
        status, path, location = self._resolve()
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = path.read_bytes() if path and path.is_file() else b"Not found"
        kind = _content_type(path) if path and path.is_file() else "text/plain"
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", f"max-age={CACHE_SECONDS}")
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        if send_body:
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on a free 127.0.0.1 port; yield its base URL ending in '/'."""
    handler = partial(_Handler, root=site.resolve())
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
