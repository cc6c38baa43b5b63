"""Brotli decoding for the tests, through Node (the standard library has no Brotli; the build
needs Node anyway)."""

from __future__ import annotations

import shutil
import subprocess

__all__ = ["unbrotli"]

SCRIPT = "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(0)))"


def unbrotli(data: bytes) -> bytes:
    node = shutil.which("node")
    assert node, "Node.js is needed to decode Brotli"
    return subprocess.run([node, "-e", SCRIPT], input=data, capture_output=True, check=True).stdout
