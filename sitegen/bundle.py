"""Ships the engine to the browser: the Pyodide runtime and the ``checker`` package.

Called from the MkDocs hook after each build. It writes, inside the built site:

- ``assets/pyodide/<version>/``: the Pyodide core runtime, copied from ``node_modules/pyodide``
  (installed by ``npm ci`` / ``make setup``). The folder name carries the version, so servers may
  cache it for long.
- ``assets/checker/engine-<hash>.zip``: a deterministic zip of the ``checker`` package (``.py`` and
  ``.toml`` files only, sorted, fixed timestamps), named by the hash of its bytes.
- ``assets/checker/manifest.json``: what the browser worker (``docs/assets/checker/worker.mjs``)
  reads first: the runtime folder and the zip as URLs relative to the manifest, the Pyodide version,
  the lock file's ``info`` (the worker boots with ``lockFileContents``, so ``pyodide-lock.json`` is
  not shipped) and the agency profile's plain data, or null.

Nothing is fetched from the network, and nothing written here is committed.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any, Optional

from mkdocs.exceptions import PluginError

from .site import SiteData

__all__ = ["RUNTIME_FILES", "BundleError", "write_runtime", "engine_zip", "pyodide_version",
           "profile_data", "MANIFEST_FORMAT"]

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
"""The core runtime the browser needs; the lock file is replaced by ``lockFileContents``."""

MANIFEST_FORMAT = "asn-fleksibel-mesin/1"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no build time leaks in
_SETUP_HINT = "Jalankan `make setup` (atau `npm ci`) di folder proyek, lalu build lagi."


class BundleError(PluginError):
    """The runtime cannot be written (Pyodide missing or not the pinned version)."""


def _pyodide_dir(root: Path) -> Path:
    return root / "node_modules" / "pyodide"


def pyodide_version(root: Path) -> str:
    """The installed Pyodide version; fails clearly when it is missing or not the pinned one."""
    folder = _pyodide_dir(root)
    missing = [name for name in ("package.json", "pyodide-lock.json", *RUNTIME_FILES)
               if not (folder / name).is_file()]
    if missing:
        raise BundleError(
            f"Runtime Pyodide tidak ditemukan: {folder} tidak memuat {', '.join(missing)}. "
            + _SETUP_HINT)
    version = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    lock = root / "package-lock.json"
    if lock.is_file():
        pinned = (json.loads(lock.read_text(encoding="utf-8")).get("packages", {})
                  .get("node_modules/pyodide", {}).get("version"))
        if pinned and pinned != version:
            raise BundleError(
                f"Versi Pyodide di node_modules ({version}) tidak sama dengan versi yang dikunci di "
                f"package-lock.json ({pinned}). " + _SETUP_HINT)
    return str(version)


def _package_files(package: Path) -> list[Path]:
    return sorted((p for p in package.rglob("*")
                   if p.is_file() and p.suffix in (".py", ".toml")
                   and not any(part.startswith((".", "__pycache__"))
                               for part in p.relative_to(package).parts)),
                  key=lambda p: p.relative_to(package).as_posix())


def engine_zip(package: Path) -> bytes:
    """A deterministic zip of ``package`` (top-level folder ``<package name>/``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in _package_files(package):
            info = zipfile.ZipInfo(f"{package.name}/{path.relative_to(package).as_posix()}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, on every platform
            info.external_attr = 0o100644 << 16
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return buf.getvalue()


def profile_data(site: SiteData) -> Optional[dict[str, Any]]:
    """The agency profile as parsed from its file (JSON-ready), or None without a profile."""
    if not site.profile_path:
        return None
    from checker.loader import read_document

    return json.loads(json.dumps(read_document(site.profile_path), default=str))


def _copy_runtime(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        shutil.copyfile(source / name, target / name)


def write_runtime(site_dir: Path, site: SiteData, root: Path) -> dict[str, Any]:
    """Write the runtime, the engine zip and the manifest into ``site_dir``; return the manifest."""
    version = pyodide_version(root)
    source = _pyodide_dir(root)
    _copy_runtime(source, site_dir / "assets" / "pyodide" / version)

    checker_dir = site_dir / "assets" / "checker"
    checker_dir.mkdir(parents=True, exist_ok=True)
    for old in checker_dir.glob("engine-*.zip"):  # a dirty build may hold an older engine
        old.unlink()
    data = engine_zip(root / "checker")
    digest = hashlib.sha256(data).hexdigest()
    zip_name = f"engine-{digest[:16]}.zip"
    (checker_dir / zip_name).write_bytes(data)

    lock_info = json.loads((source / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    manifest = {
        "format": MANIFEST_FORMAT,
        "pyodide": {
            "version": version,
            "url": f"../pyodide/{version}/",
            "files": list(RUNTIME_FILES),
            "lock_info": lock_info,
        },
        "engine": {"url": zip_name, "sha256": digest, "bytes": len(data)},
        "profile": profile_data(site),
    }
    (checker_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
