"""A small static server for ``make serve``: the built site with the headers it needs.

It serves ``.wasm`` as ``application/wasm`` and ``.mjs`` as JavaScript (without them Pyodide hangs
or fails), and sends the same strict Content-Security-Policy that the hosting page recommends, so
what works here works on a correctly configured intranet server. Like nginx's ``gzip_static`` and
``brotli_static``, it sends the build's ``<file>.br`` or ``<file>.gz`` (``sitegen/precompress.py``)
with its ``Content-Encoding`` to a browser that accepts it (Brotli first); versioned and
content-hashed files are cached for long.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import sys

__all__ = ["CSP", "MIME_TYPES", "IMMUTABLE", "Handler", "main"]

CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; "
       "connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'")
"""The policy the site is tested under; ``'wasm-unsafe-eval'`` lets Pyodide compile its wasm."""

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".toml": "text/plain; charset=utf-8",
    ".zip": "application/zip",
}


IMMUTABLE = re.compile(r"/assets/pyodide/[^/]+/|/assets/checker/(engine|snapshot|stdlib)-[0-9a-f]{16}\.")
"""Files that never change at their address: the versioned runtime and the content-hashed files."""


ENCODINGS = ((".br", "br"), (".gz", "gzip"))
"""The build's compressed copies, in the order they are preferred."""


def _accepts(header: str, encoding: str) -> bool:
    """Whether an Accept-Encoding header takes ``encoding`` (not with q=0)."""
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in (encoding, "*"):
            q = params.strip()
            return not (q.startswith("q=") and float(q[2:] or 0) == 0)
    return False


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def _file(self) -> str:
        """The file a request is for (a folder's ``index.html`` for a folder)."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        return path

    def send_head(self):  # type: ignore[no-untyped-def]
        """Send ``<file>.br`` or ``<file>.gz`` in place of ``<file>`` when the client takes it."""
        path = self._file()
        self._encoded = False
        if os.path.isfile(path):
            accept = self.headers.get("Accept-Encoding", "")
            for suffix, encoding in ENCODINGS:
                if os.path.isfile(path + suffix) and _accepts(accept, encoding):
                    return self._send_encoded(path, suffix, encoding)
        return super().send_head()

    def _send_encoded(self, path: str, suffix: str, encoding: str):  # type: ignore[no-untyped-def]
        try:
            f = open(path + suffix, "rb")
        except OSError:
            return super().send_head()
        size = os.fstat(f.fileno()).st_size
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(size))
        self.send_header("Last-Modified", self.date_time_string(int(os.stat(path).st_mtime)))
        self._encoded = True
        self.end_headers()
        return f

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        if any(os.path.isfile(self._file() + suffix) for suffix, _ in ENCODINGS):
            self.send_header("Vary", "Accept-Encoding")
        if IMMUTABLE.search(self.path.split("?")[0]):
            # Versioned or named by their content: they never change at this address.
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve the built site with the right headers.")
    parser.add_argument("directory", nargs="?", default="site")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    handler = functools.partial(Handler, directory=args.directory)
    with http.server.ThreadingHTTPServer((args.host, args.port), handler) as server:
        print(f"Panduan Kerja Fleksibel ASN: http://{args.host}:{args.port}/  (Ctrl+C untuk berhenti)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
