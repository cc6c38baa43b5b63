"""``make serve`` (``sitegen/serve.py``): the right types and headers, and the build's gzip and
Brotli copies.

The server runs in a thread on the session's built site; requests come from urllib.
"""

from __future__ import annotations

import functools
import gzip
import json
import threading
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from sitegen.serve import CSP, Handler

PYODIDE_VERSION = json.loads((Path(__file__).resolve().parents[1] / "node_modules/pyodide/package.json")
                             .read_text())["version"]


@pytest.fixture(scope="module")
def base(built_site: Path) -> Iterator[str]:
    import http.server

    Handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def get(url: str, encoding: str | None = None) -> tuple[dict[str, str], bytes]:
    headers = {"Accept-Encoding": encoding} if encoding else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
        return dict(response.headers), response.read()


@pytest.mark.parametrize("name, mime", [
    (f"assets/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm", "application/wasm"),
    (f"assets/pyodide/{PYODIDE_VERSION}/pyodide.asm.mjs", "text/javascript"),
    ("assets/checker/worker.mjs", "text/javascript"),
    ("periksa/", "text/html"),
])
def test_compressed_copies_are_sent_to_a_client_that_accepts_them(base: str, built_site: Path, name: str,
                                                                  mime: str):
    from unbrotli import unbrotli

    original = (built_site / (name + "index.html" if name.endswith("/") else name)).read_bytes()
    headers, body = get(base + name, "gzip, deflate, br")  # Brotli first, as browsers over HTTPS get
    assert headers["Content-Encoding"] == "br" and headers["Content-Type"].startswith(mime)
    assert headers["Vary"] == "Accept-Encoding" and int(headers["Content-Length"]) == len(body)
    assert unbrotli(body) == original
    headers, body = get(base + name, "gzip, deflate")  # browsers over plain HTTP
    assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"].startswith(mime)
    assert headers["Vary"] == "Accept-Encoding" and headers["Content-Security-Policy"] == CSP
    assert int(headers["Content-Length"]) == len(body) < len(original)
    assert gzip.decompress(body) == original
    headers, body = get(base + name)  # no Accept-Encoding: the file as it is
    assert "Content-Encoding" not in headers and body == original
    headers, body = get(base + name, "gzip;q=0, identity")
    assert "Content-Encoding" not in headers and body == original


def test_versioned_and_hashed_files_are_cached_for_long(base: str, built_site: Path):
    manifest = json.loads((built_site / "assets/checker/manifest.json").read_text())
    for name in (f"assets/pyodide/{PYODIDE_VERSION}/pyodide.mjs", "assets/checker/" + manifest["engine"]["url"],
                 "assets/checker/" + manifest["snapshot"]["url"]):
        assert "immutable" in get(base + name, "gzip")[0]["Cache-Control"], name
    for name in ("assets/checker/manifest.json", "sw.js", "periksa/", "assets/checker/engine.mjs"):
        assert get(base + name, "gzip")[0]["Cache-Control"] == "no-cache", name
