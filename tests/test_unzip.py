"""The worker's zip reader (``docs/assets/checker/unzip.mjs``), run under Node: it must read the
engine zip exactly as Python's zipfile does, and refuse what it cannot read (the worker then lets
Python unpack the archive)."""

from __future__ import annotations

import base64
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from sitegen.bundle import engine_zip

ROOT = Path(__file__).resolve().parent.parent
UNZIP = ROOT / "docs" / "assets" / "checker" / "unzip.mjs"

SCRIPT = """
import { readFileSync } from "node:fs";
import { unzip } from %s;
const bytes = new Uint8Array(readFileSync(0));
try {
  const files = await unzip(bytes);
  console.log(JSON.stringify({ files: files.map(([name, data]) => [name, Buffer.from(data).toString("base64")]) }));
} catch (err) {
  console.log(JSON.stringify({ error: String(err.message) }));
}
"""


def read_in_node(data: bytes) -> dict:
    node = shutil.which("node")
    assert node, "node is a prerequisite of the build (README)"
    done = subprocess.run([node, "--input-type=module", "-e", SCRIPT % json.dumps(UNZIP.as_uri())],
                          input=data, capture_output=True, check=True)
    return json.loads(done.stdout)


def as_python_reads(data: bytes) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [[i.filename, base64.b64encode(zf.read(i)).decode()] for i in zf.infolist() if not i.is_dir()]


def test_the_engine_zip_is_read_as_python_reads_it() -> None:
    data = engine_zip(ROOT / "checker")
    assert read_in_node(data) == {"files": as_python_reads(data)}


def test_stored_entries_folders_and_a_comment_are_read() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("checker/", b"")
        zf.writestr("checker/data/a.toml", "x = 1\n")
        zf.writestr(zipfile.ZipInfo("checker/kosong.py"), b"")
        zf.comment = b"arsip uji"
    data = buf.getvalue()
    read = read_in_node(data)
    assert read == {"files": as_python_reads(data)}
    assert [name for name, _ in read["files"]] == ["checker/data/a.toml", "checker/kosong.py"]


@pytest.mark.parametrize("name,data,expected", [
    ("not a zip", b"<!DOCTYPE html><title>404</title>", "no zip directory"),
    ("bzip2", None, "unsupported compression"),
    ("escaping path", None, "unsafe path"),
])
def test_what_it_cannot_read_is_refused(name: str, data: bytes, expected: str) -> None:
    if data is None:
        buf = io.BytesIO()
        method = zipfile.ZIP_BZIP2 if name == "bzip2" else zipfile.ZIP_DEFLATED
        with zipfile.ZipFile(buf, "w", compression=method) as zf:
            zf.writestr("../luar.py" if name == "escaping path" else "checker/a.py", "x = 1\n" * 50)
        data = buf.getvalue()
    assert expected in read_in_node(data)["error"]
