"""Ships the engine to the browser: the Pyodide runtime and the ``checker`` package.

Called from the MkDocs hook after each build. It writes, inside the built site:

- ``assets/pyodide/<version>/``: the Pyodide core runtime, copied from ``node_modules/pyodide``
  (installed by ``npm ci`` / ``make setup``). The folder name carries the version, so servers may
  cache it for long.
- ``assets/checker/engine-<hash>.zip``: a deterministic zip of the ``checker`` package (``.py`` and
  ``.toml`` files only, sorted, fixed timestamps), named by the hash of its bytes.
- ``assets/checker/snapshot-<hash>.bin``: the Pyodide memory snapshot with the engine imported and
  warmed up (``sitegen/snapshot.py``); the worker restores it instead of booting Python.
- ``assets/checker/stdlib-<hash>.zip``: the standard-library files the engine imports, in place of
  the runtime's full ``python_stdlib.zip`` (which is not shipped).
- ``assets/checker/manifest.json``: what the browser worker (``docs/assets/checker/worker.mjs``)
  reads first: the runtime folder and the files above as URLs relative to the manifest, the Pyodide
  version, the lock file's ``info`` (the worker boots with ``lockFileContents``, so
  ``pyodide-lock.json`` is not shipped), whether the offline cache is on, and the agency profile's
  plain data, or null.

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
from .snapshot import make_snapshot, pack_snapshot, stdlib_subset

__all__ = ["RUNTIME_FILES", "BundleError", "write_runtime", "engine_zip", "pyodide_version",
           "profile_data", "MANIFEST_FORMAT"]

RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
"""The core runtime the browser needs. The lock file is replaced by ``lockFileContents`` and the
standard-library zip by the engine's own part of it (``stdlib-<hash>.zip``)."""

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
    missing = [name for name in ("package.json", "pyodide-lock.json", "python_stdlib.zip", *RUNTIME_FILES)
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
    """A deterministic zip of ``package`` (top-level folder ``<package name>/``).

    Its files are stored, not deflated: the worker then takes them out of the zip without
    inflating each one (that took about 40 ms of the worker's time while Pyodide started), and
    the server's gzip or Brotli copy of the whole zip (``precompress.py``) is smaller than a zip of
    deflated files.
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for path in _package_files(package):
            info = zipfile.ZipInfo(f"{package.name}/{path.relative_to(package).as_posix()}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 3  # Unix, on every platform
            info.external_attr = 0o100644 << 16
            zf.writestr(info, path.read_bytes())
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


def _hashed(folder: Path, stem: str, suffix: str, data: bytes) -> dict[str, Any]:
    """Write ``data`` as ``<stem>-<hash><suffix>`` (removing older ones); its manifest entry."""
    for old in folder.glob(f"{stem}-*{suffix}"):  # a dirty build may hold older files
        old.unlink()
    digest = hashlib.sha256(data).hexdigest()
    name = f"{stem}-{digest[:16]}{suffix}"
    (folder / name).write_bytes(data)
    return {"url": name, "sha256": digest, "bytes": len(data)}


def write_runtime(site_dir: Path, site: SiteData, root: Path, offline: bool = True) -> dict[str, Any]:
    """Write the runtime, the engine zip, the snapshot and the manifest into ``site_dir``.

    Returns the manifest. ``offline`` tells the page whether to install the service worker.
    """
    version = pyodide_version(root)
    source = _pyodide_dir(root)
    runtime = site_dir / "assets" / "pyodide" / version
    _copy_runtime(source, runtime)

    checker_dir = site_dir / "assets" / "checker"
    checker_dir.mkdir(parents=True, exist_ok=True)
    engine = _hashed(checker_dir, "engine", ".zip", engine_zip(root / "checker"))
    snapshot_file, modules, image = make_snapshot(runtime, checker_dir / engine["url"], root / "examples",
                                                  source, root / "build" / "snapshot")
    raw_snapshot = snapshot_file.read_bytes()
    snapshot = _hashed(checker_dir, "snapshot", ".bin", pack_snapshot(raw_snapshot, image.read_bytes()))
    # The worker hands Pyodide a buffer of this length before the file has arrived.
    snapshot["unpacked_bytes"] = len(raw_snapshot)
    stdlib = _hashed(checker_dir, "stdlib", ".zip", stdlib_subset(source / "python_stdlib.zip", modules))

    lock_info = json.loads((source / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    manifest = {
        "format": MANIFEST_FORMAT,
        "pyodide": {
            "version": version,
            "url": f"../pyodide/{version}/",
            "files": list(RUNTIME_FILES),
            "lock_info": lock_info,
        },
        "engine": engine,
        "snapshot": snapshot,
        "stdlib": stdlib,
        "offline": offline,
        "profile": profile_data(site),
    }
    (checker_dir / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return manifest
