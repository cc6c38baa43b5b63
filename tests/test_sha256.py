"""The worker's own SHA-256 (``docs/assets/checker/sha256.mjs``), run under Node: where a page has no
``crypto.subtle`` (plain http:// from another computer), it is what checks the memory snapshot, so
it must give exactly Python's ``hashlib`` digests; and ``restore.mjs`` must fall back to it."""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKER = ROOT / "docs" / "assets" / "checker"

# Reads inputs as hex lines from stdin; prints the digests of sha256.mjs and of restore.mjs's sha256
# with crypto.subtle taken away, one JSON list each.
SCRIPT = """
import { readFileSync } from "node:fs";
import { sha256Bytes } from %(sha)s;
const inputs = readFileSync(0, "utf8").split("\\n").map((line) => Uint8Array.from(Buffer.from(line, "hex")));
const plain = inputs.map((b) => Buffer.from(sha256Bytes(b)).toString("hex"));
Object.defineProperty(globalThis, "crypto", { value: {}, configurable: true });
const { sha256 } = await import(%(restore)s);
const fallback = await Promise.all(inputs.map((b) => sha256(b)));
console.log(JSON.stringify({ plain, fallback }));
"""

# Lengths around the 64-byte block and the 56-byte padding limit, and a few larger ones.
LENGTHS = [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4096 + 13, 200_003]


def digests_in_node(inputs: list[bytes]) -> dict[str, list[str]]:
    node = shutil.which("node")
    assert node, "node is a prerequisite of the build (README)"
    script = SCRIPT % {"sha": json.dumps((CHECKER / "sha256.mjs").as_uri()),
                       "restore": json.dumps((CHECKER / "restore.mjs").as_uri())}
    text = "\n".join(b.hex() for b in inputs)
    done = subprocess.run([node, "--input-type=module", "-e", script], input=text.encode(),
                          capture_output=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def cases() -> list[bytes]:
    rng = random.Random(256)
    return [rng.randbytes(n) for n in LENGTHS] + [b"abc", b"\xff" * 64]


def test_the_plain_sha256_gives_hashlib_s_digest_for_every_length(cases: list[bytes]) -> None:
    assert digests_in_node(cases)["plain"] == [hashlib.sha256(b).hexdigest() for b in cases]


def test_restore_uses_the_plain_sha256_when_the_browser_has_no_crypto_subtle(cases: list[bytes]) -> None:
    assert digests_in_node(cases)["fallback"] == [hashlib.sha256(b).hexdigest() for b in cases]
