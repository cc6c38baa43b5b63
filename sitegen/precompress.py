"""Gzip copies of the built site's larger files, so that servers send fewer bytes.

After the build, every file worth compressing gets a ``<name>.gz`` beside it (gzip level 9, no
name or time inside, so the same file always gives the same bytes). A server that finds it sends it
to browsers that accept gzip, with ``Content-Encoding: gzip``: nginx with ``gzip_static on``, Apache
with the rules of the hosting guide, and ``make serve`` (``sitegen/serve.py``). The snapshot
(15 MB) shrinks to about 6 MB, the WebAssembly runtime from 9.6 to about 3 MB.

Brotli is not made: the Debian ``nginx-light`` package has no brotli module, and the standard
library has no brotli; gzip is what every server can serve.
"""

from __future__ import annotations

import gzip
from pathlib import Path

__all__ = ["COMPRESSIBLE", "precompress"]

COMPRESSIBLE = frozenset({".html", ".css", ".js", ".mjs", ".json", ".wasm", ".bin", ".svg",
                          ".txt", ".xml", ".toml", ".map", ".md"})
"""File types worth compressing (zip archives, images and fonts are compressed already)."""

MIN_BYTES = 1024
MAX_RATIO = 0.9  # keep a .gz only if it saves at least a tenth


def precompress(site_dir: Path) -> list[Path]:
    """Write ``<file>.gz`` for every compressible file of ``site_dir``; return what was written."""
    written = []
    for stale in site_dir.rglob("*.gz"):  # from an earlier build in the same folder
        if not stale.with_suffix("").is_file():
            stale.unlink()
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in COMPRESSIBLE or not path.is_file():
            continue
        target = path.with_name(path.name + ".gz")
        data = path.read_bytes()
        packed = gzip.compress(data, compresslevel=9, mtime=0) if len(data) >= MIN_BYTES else b""
        if packed and len(packed) <= MAX_RATIO * len(data):
            target.write_bytes(packed)
            written.append(target)
        elif target.exists():
            target.unlink()
    return written
