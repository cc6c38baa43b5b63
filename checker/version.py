"""Which engine and which data gave a result: printed on every report, so that a kept report
says exactly what it was checked against.

The version number alone does not change with every fix, so the engine also carries a short
fingerprint of its code and wording, and the data (national parameters, sources and any dated
calendar file under ``data/``) a fingerprint of their content. Both are computed from the files
themselves, so CPython and the browser's Pyodide (which unpacks the same files) agree, and a
changed file can never keep an old version.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any, Iterator

__all__ = ["ENGINE_VERSION", "versions"]

ENGINE_VERSION = "0.1.0"
"""Release number of the engine; bumped by hand on a release."""

_SHORT = 12  # hex digits of a fingerprint: enough to tell versions apart, short enough to print


def _files(node: Any, prefix: str, suffixes: tuple[str, ...]) -> Iterator[tuple[str, bytes]]:
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name.startswith((".", "__pycache__")):
            continue
        if child.is_dir():
            yield from _files(child, f"{prefix}{child.name}/", suffixes)
        elif child.name.endswith(suffixes):
            # Line endings depend on the checkout (git on Windows): hash the text, not the bytes.
            yield prefix + child.name, child.read_bytes().replace(b"\r\n", b"\n")


def _digest(items: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for path, data in items:
        h.update(path.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest()[:_SHORT]


def versions() -> dict[str, Any]:
    """``{"engine": {"version", "build"}, "data": {"version", "files": [{"path", "sha256"}]}}``
    (a fresh copy: callers may change it)."""
    found = _versions()
    return {"engine": dict(found["engine"]),
            "data": {"version": found["data"]["version"],
                     "files": [dict(f) for f in found["data"]["files"]]}}


@lru_cache(maxsize=None)
def _versions() -> dict[str, Any]:
    root = resources.files(__package__)
    data = list(_files(root.joinpath("data"), "data/", (".toml",)))  # what the site ships
    code = [item for item in _files(root, "", (".py", ".toml")) if not item[0].startswith("data/")]
    return {
        "engine": {"version": ENGINE_VERSION, "build": _digest(code)},
        "data": {"version": _digest(data),
                 "files": [{"path": path, "sha256": hashlib.sha256(body).hexdigest()[:_SHORT]}
                           for path, body in data]},
    }
