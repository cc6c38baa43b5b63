"""Gzip and Brotli copies of the built site's larger files, so that servers send fewer bytes.

After the build, every file worth compressing gets a ``<name>.gz`` beside it (gzip level 9, no
name or time inside, so the same file always gives the same bytes) and a ``<name>.br`` (Brotli at
its highest quality, made by ``sitegen/brotli.mjs`` under Node, which the build needs anyway). A
server that finds them sends the one the browser accepts, with ``Content-Encoding``: nginx with
``gzip_static on`` (and ``brotli_static on`` where its Brotli module is installed), Apache with the
rules of the hosting guide, and ``make serve`` (``sitegen/serve.py``).

Brotli saves a quarter more than gzip on the two largest files (the snapshot: 10.5 MB, 4.1 MB as
gzip, 2.9 MB as Brotli; the WebAssembly runtime: 9.6, 3.5 and 2.8 MB), but browsers ask for it
only over HTTPS (and from localhost). Brotli at its highest quality is slow (about 20 s for each of
those two files), so copies are kept in a cache folder by the hash of the content.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from mkdocs.exceptions import PluginError

__all__ = ["COMPRESSIBLE", "precompress"]

COMPRESSIBLE = frozenset({".html", ".css", ".js", ".mjs", ".json", ".wasm", ".bin", ".svg",
                          ".txt", ".xml", ".toml", ".map", ".md", ".zip"})
"""File types worth compressing (images and fonts are compressed already). Of the zips, only the
engine's gets copies: its files are stored; the standard-library zip's are deflated, and a copy
of it would not save a tenth (MAX_RATIO)."""

MIN_BYTES = 1024
MAX_RATIO = 0.9  # keep a copy only if it saves at least a tenth
BROTLI_SCRIPT = Path(__file__).with_name("brotli.mjs")


def _remove_stale(site_dir: Path, suffix: str) -> None:
    for stale in site_dir.rglob(f"*{suffix}"):  # from an earlier build in the same folder
        if not stale.with_suffix("").is_file():
            stale.unlink()


def _brotli(files: dict[Path, bytes], cache: Path) -> dict[Path, bytes]:
    """Brotli copies of ``files`` (path -> content), from ``cache`` (by content hash) or made by Node."""
    cache.mkdir(parents=True, exist_ok=True)
    wanted = {path: cache / (hashlib.sha256(data).hexdigest() + ".br") for path, data in files.items()}
    missing = [[str(path), str(target)] for path, target in wanted.items() if not target.is_file()]
    if missing:
        node = shutil.which("node")
        if node is None:
            raise PluginError("Node.js tidak ditemukan: build memerlukan Node 20+ untuk salinan Brotli.")
        with tempfile.NamedTemporaryFile("w", suffix=".json", dir=cache, delete=False) as jobs:
            json.dump(missing, jobs)
        try:
            done = subprocess.run([node, str(BROTLI_SCRIPT), jobs.name], capture_output=True, text=True,
                                  check=False)
        finally:
            Path(jobs.name).unlink(missing_ok=True)
        if done.returncode != 0:
            raise PluginError("Salinan Brotli gagal dibuat:\n" + done.stderr[-2000:])
    used = set(wanted.values())
    for old in cache.glob("*.br"):  # the cache holds what the latest build used
        if old not in used:
            old.unlink(missing_ok=True)
    return {path: target.read_bytes() for path, target in wanted.items()}


def precompress(site_dir: Path, brotli_cache: Optional[Path] = None) -> list[Path]:
    """Write ``<file>.gz`` (and ``<file>.br`` when ``brotli_cache`` is given) for every
    compressible file of ``site_dir``; return what was written."""
    written = []
    _remove_stale(site_dir, ".gz")
    _remove_stale(site_dir, ".br")
    files = {}
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in COMPRESSIBLE and path.is_file():
            if path.stat().st_size >= MIN_BYTES:
                files[path] = path.read_bytes()
            else:  # too small to gain: no copy, not even one from an earlier build
                for suffix in (".gz", ".br"):
                    path.with_name(path.name + suffix).unlink(missing_ok=True)
    brotli = _brotli(files, brotli_cache) if brotli_cache is not None else {}
    for path, data in files.items():
        copies = {".gz": gzip.compress(data, compresslevel=9, mtime=0), ".br": brotli.get(path, b"")}
        for suffix, packed in copies.items():
            target = path.with_name(path.name + suffix)
            if packed and len(packed) <= MAX_RATIO * len(data):
                target.write_bytes(packed)
                written.append(target)
            elif target.exists():
                target.unlink()
    return written
