"""The site's own scripts and styles are asked for under an address that names their content.

The handbook's own files in ``docs/assets`` (the checker's modules, ``early.js``, the CSP and
accessibility scripts, the two style sheets) keep their names, so the build adds ``?v=<hash>`` to
every address of them: in the pages' ``src``/``href`` attributes, and in the modules' imports of
one another (``from "./util.mjs"``, ``new URL("./worker.mjs", ...)``). The engine's
``manifest.json`` (written by the build, see ``sitegen/bundle.py``) is asked for the same way by
the worker. The hash is that of all those files together, so an address with it never changes its
content: the service worker (``sitegen/sw.js``) serves them straight from its cache on a repeat
visit, instead of asking the server first, which made a repeat visit about 50 ms slower
(alternating visits, 3 runs of 7 to 9), and a server may let browsers keep them (the hosting
guide's ``immutable`` rule). A new build that changes any of them (a changed rule changes the
manifest) gives them all a new address. The pages and ``sw.js`` keep their plain addresses: they
must always be asked for.

Runs after the checker's runtime files are written and before the service worker and the
compressed copies, whose hashes must cover the files as published.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterable

__all__ = ["OWN_SUFFIXES", "own_files", "version_of", "write_versioned"]

OWN_SUFFIXES = (".mjs", ".js", ".css")
"""The kinds of file in ``docs/assets`` that get a versioned address."""

QUERY = "v"
"""The name of the query parameter that carries the hash."""

BUILT = ("assets/checker/manifest.json",)
"""Files the build writes that the own scripts ask for: part of the hash, asked for with it."""


def own_files(docs_dir: Path) -> list[str]:
    """The site paths (``assets/...``) of the handbook's own scripts and styles, sorted."""
    assets = docs_dir / "assets"
    return sorted(p.relative_to(docs_dir).as_posix() for p in assets.rglob("*")
                  if p.is_file() and p.suffix in OWN_SUFFIXES)


def version_of(docs_dir: Path, names: list[str], site_dir: Path) -> str:
    """16 hex digits of the SHA-256 of the files' names and bytes: the own files as written in
    ``docs/``, the ``BUILT`` ones as the build wrote them."""
    h = hashlib.sha256()
    files = [(name, docs_dir / name) for name in names] + [(name, site_dir / name) for name in _built(site_dir)]
    for name, path in files:
        h.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def _built(site_dir: Path) -> list[str]:
    return [name for name in BUILT if (site_dir / name).is_file()]


def _attribute_pattern(names: list[str]) -> re.Pattern[str]:
    # src="../assets/checker/app.mjs" or href="/sub/assets/stylesheets/handbook.css": the address
    # ends with one of the files' site paths and has no query or fragment yet.
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(r'(\b(?:src|href)=")([^"?#]*?(?<![\w.-])(?:' + alternatives + r'))(")')


def _sibling_pattern(siblings: set[str]) -> re.Pattern[str]:
    # "./util.mjs", or "worker.mjs" (early.js): a string that is the name of a file beside it.
    alternatives = "|".join(re.escape(name) for name in sorted(siblings))
    return re.compile(r"""(["'])((?:\./)?(?:""" + alternatives + r"""))(\1)""")


def write_versioned(site_dir: Path, docs_dir: Path) -> str:
    """Adds ``?v=<hash>`` to every address of the handbook's own scripts and styles in the built
    site (pages and the modules themselves); returns the hash."""
    names = [n for n in own_files(docs_dir) if (site_dir / n).is_file()]
    if not names:
        return ""
    version = version_of(docs_dir, names, site_dir)
    versioned = rf"\1\2?{QUERY}={version}\3"  # the address, then its hash, then the closing quote
    _rewrite(site_dir.rglob("*.html"), _attribute_pattern(names), versioned)
    siblings: dict[str, set[str]] = {}
    for name in names + _built(site_dir):
        folder, _, file = name.rpartition("/")
        if file.endswith(".mjs") or name in BUILT:
            siblings.setdefault(folder, set()).add(file)
    for folder, files in siblings.items():
        scripts = [site_dir / n for n in names if n.rpartition("/")[0] == folder and n.endswith((".mjs", ".js"))]
        _rewrite(scripts, _sibling_pattern(files), versioned)
    return version


def _rewrite(paths: Iterable[Path], pattern: re.Pattern[str], replacement: str) -> None:
    for path in paths:
        text = path.read_text(encoding="utf-8")
        new = pattern.sub(replacement, text)
        if new != text:
            path.write_text(new, encoding="utf-8")
