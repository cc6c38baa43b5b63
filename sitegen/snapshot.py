"""The engine's Pyodide memory snapshot and the part of the standard library it needs.

A normal start of Pyodide in the browser takes seconds: the interpreter boots and imports the
engine. ``sitegen/snapshot.mjs`` does all that once, at build time under Node, from the site's own
copy of the runtime, and saves the interpreter's memory; the browser worker restores it instead.

The snapshot is tied to the exact runtime, engine zip and boot code, so its file name is the hash
of those inputs (``snapshot-<hash>.bin``): the same inputs give the same name, so browsers keep
their cached copy across rebuilds, and any change gives a new name. Builds reuse a snapshot made
earlier for the same inputs (kept in ``build/snapshot/``, not committed).

The snapshot file is packed (``pack_snapshot``): blocks of zeros are left out (the build zeroes
the memory Python no longer uses before taking it), and the start of the memory, the wasm's static
data, is stored as its difference from that data as the runtime writes it when it starts, which
the worker undoes (``docs/assets/checker/restore.mjs``). With Python's docstrings left out
(``PYTHONOPTIMIZE=2``, see ``boot.mjs``), about 4.1 MB gzipped instead of 6.4 MB.

The browser also gets only the standard-library files the engine imported
(``stdlib-<hash>.zip``, about 0.8 MB instead of the runtime's 2.5 MB ``python_stdlib.zip``): the
snapshot already holds them imported, and a normal start (the fallback) imports the same ones.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError

__all__ = ["SnapshotError", "snapshot_inputs_digest", "make_snapshot", "stdlib_subset", "pack_snapshot",
           "unpack_snapshot", "PACKED_MAGIC"]

SCRIPT = Path(__file__).with_name("snapshot.mjs")
BOOT = Path(__file__).resolve().parent.parent / "docs" / "assets" / "checker" / "boot.mjs"
RESTORE = BOOT.with_name("restore.mjs")
PACKAGE = Path(__file__).resolve().parent.parent / "checker"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class SnapshotError(PluginError):
    """The snapshot could not be made (Node missing, or the engine failed to warm up)."""


COMMAND_LINE = frozenset({"__main__.py", "cli.py", "rostercli.py"})
"""The engine's command-line modules: the browser never runs them."""


def engine_imports(package: Path) -> list[str]:
    """Every module the engine names in an import statement, functions included, and its own
    modules (but the command line's): the snapshot imports them all, since a restored engine
    cannot import anything new."""
    names: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        if path.name in COMMAND_LINE:
            continue
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        names.add(module[: -len(".__init__")] if module.endswith(".__init__") else module)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module)
    return sorted(names)


def snapshot_inputs_digest(runtime: Path, engine: bytes, examples: Path, stdlib: Path) -> str:
    """The hash of everything the snapshot depends on."""
    h = hashlib.sha256()
    for name in sorted(p.name for p in runtime.iterdir() if p.is_file()):
        h.update(name.encode() + b"\0" + hashlib.sha256((runtime / name).read_bytes()).digest())
    h.update(hashlib.sha256(stdlib.read_bytes()).digest())
    h.update(hashlib.sha256(engine).digest())
    h.update(SCRIPT.read_bytes())
    h.update(BOOT.read_bytes())
    h.update(RESTORE.read_bytes())
    for path in sorted(examples.glob("*.toml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def make_snapshot(runtime: Path, engine_zip_path: Path, examples: Path, pyodide_dir: Path,
                  cache: Path) -> tuple[Path, list[str], Path]:
    """Make (or reuse) the snapshot; returns its file, the standard-library files it imported and
    the runtime's data image (its memory when instantiated)."""
    digest = snapshot_inputs_digest(runtime, engine_zip_path.read_bytes(), examples,
                                    pyodide_dir / "python_stdlib.zip")
    snapshot, modules = cache / f"{digest[:16]}.bin", cache / f"{digest[:16]}.json"
    image = cache / f"{digest[:16]}.image"
    if not (snapshot.is_file() and modules.is_file() and image.is_file()):
        node = shutil.which("node")
        if node is None:
            raise SnapshotError("Node.js tidak ditemukan: build memerlukan Node 20+ untuk membuat "
                                "snapshot mesin pemeriksa. Jalankan `make setup` setelah memasang Node.")
        cache.mkdir(parents=True, exist_ok=True)
        # The full standard library is only needed here: a copy beside the site's runtime.
        work = cache / "runtime"
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(runtime, work)
        shutil.copyfile(pyodide_dir / "python_stdlib.zip", work / "python_stdlib.zip")
        tmp_snap, tmp_mods = cache / f"{digest[:16]}.bin.tmp", cache / f"{digest[:16]}.json.tmp"
        tmp_image = cache / f"{digest[:16]}.image.tmp"
        imports = cache / f"{digest[:16]}.imports.json"
        imports.write_text(json.dumps(engine_imports(PACKAGE)), encoding="utf-8")
        done = subprocess.run([node, str(SCRIPT), str(work), str(engine_zip_path), str(examples),
                               str(pyodide_dir / "pyodide-lock.json"), str(tmp_snap), str(tmp_mods),
                               str(imports), str(tmp_image)],
                              capture_output=True, text=True, check=False)
        shutil.rmtree(work, ignore_errors=True)
        imports.unlink(missing_ok=True)
        if done.returncode != 0:
            raise SnapshotError("Snapshot mesin pemeriksa gagal dibuat:\n" + _readable(done.stderr))
        tmp_snap.replace(snapshot)
        tmp_mods.replace(modules)
        tmp_image.replace(image)
        for old in cache.glob("*.bin"):  # keep only the newest snapshot (31 MB each)
            if old != snapshot:
                old.unlink(missing_ok=True)
                old.with_suffix(".json").unlink(missing_ok=True)
                old.with_suffix(".image").unlink(missing_ok=True)
    return snapshot, json.loads(modules.read_text(encoding="utf-8")), image


PACKED_MAGIC = b"ASNSNAP2"
PACKED_BLOCK = 4096


def _readable(stderr: str) -> str:
    """Node's error output without the minified source lines it quotes (a line of Pyodide's
    runtime is 1.2 MB long): its last 4,000 characters, where the error itself is."""
    lines = [line if len(line) <= 1000 else line[:200] + " …" for line in stderr.splitlines()]
    return "\n".join(lines)[-4000:]


def _memory_offset(snapshot: bytes) -> int:
    """Where the memory starts in Pyodide's snapshot: after its header, whose length is the
    header's second u32."""
    return struct.unpack_from("<I", snapshot, 4)[0]


def _xor(data: bytes, image: bytes, offset: int) -> bytes:
    """``data`` with ``image`` XORed in at ``offset`` (its own inverse)."""
    end = offset + len(image)
    part = int.from_bytes(data[offset:end], "little") ^ int.from_bytes(image, "little")
    return data[:offset] + part.to_bytes(len(image), "little") + data[end:]


def pack_snapshot(snapshot: bytes, image: bytes) -> bytes:
    """The snapshot as the browser gets it: the memory's data image stored as its difference from
    ``image`` (the runtime's memory when instantiated), then without its blocks of zeros.

    Layout, little-endian: ``ASNSNAP2``, u32 snapshot length, u32 memory offset, u32 image length,
    32 bytes SHA-256 of the image, u32 block count, per block u32 offset and u32 length, then the
    blocks' bytes one after another (read by ``docs/assets/checker/restore.mjs``).
    """
    memory_at = _memory_offset(snapshot)
    if memory_at % 4 or len(image) % 4 or memory_at + len(image) > len(snapshot):
        raise SnapshotError("Snapshot mesin pemeriksa tidak dapat dikemas (tata letak tak terduga).")
    data = _xor(snapshot, image, memory_at)
    zero = bytes(PACKED_BLOCK)
    blocks: list[tuple[int, int]] = []
    start = None
    for offset in range(0, len(data), PACKED_BLOCK):
        empty = data[offset:offset + PACKED_BLOCK] == zero[:len(data) - offset]
        if not empty and start is None:
            start = offset
        elif empty and start is not None:
            blocks.append((start, offset - start))
            start = None
    if start is not None:
        blocks.append((start, len(data) - start))
    head = PACKED_MAGIC + struct.pack("<III", len(data), memory_at, len(image))
    head += hashlib.sha256(image).digest() + struct.pack("<I", len(blocks))
    table = b"".join(struct.pack("<II", o, n) for o, n in blocks)
    return head + table + b"".join(data[o:o + n] for o, n in blocks)


def unpack_snapshot(packed: bytes, image: bytes) -> bytes:
    """The snapshot again (what the worker does; used by the tests)."""
    assert packed[:8] == PACKED_MAGIC
    full, memory_at, image_length = struct.unpack_from("<III", packed, 8)
    assert image_length == len(image) and packed[20:52] == hashlib.sha256(image).digest()
    (count,) = struct.unpack_from("<I", packed, 52)
    out = bytearray(full)
    pos = 56 + 8 * count
    for i in range(count):
        offset, length = struct.unpack_from("<II", packed, 56 + 8 * i)
        out[offset:offset + length] = packed[pos:pos + length]
        pos += length
    return _xor(bytes(out), image, memory_at)


def stdlib_subset(stdlib_zip: Path, names: list[str]) -> bytes:
    """A deterministic zip of ``names`` taken from the runtime's standard-library zip."""
    buf = io.BytesIO()
    with zipfile.ZipFile(stdlib_zip) as src, zipfile.ZipFile(buf, "w") as out:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            out.writestr(info, src.read(name), compresslevel=9)
    return buf.getvalue()
