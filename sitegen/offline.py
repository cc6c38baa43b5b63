"""The service worker that keeps the checker working after one visit (``sw.js`` at the site root).

Its code is ``sitegen/sw.js``; the build writes it with the hash of every file of the build, so a
new build gives a new service worker, which replaces the old cache. Built with ``OFFLINE=0``
(``ASN_OFFLINE=0``), the site ships instead a service worker that deletes its caches and removes
itself, and the checker page does not register one but removes it and its caches itself
(assets/checker/engine.mjs): the way to turn it off for browsers that have it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["SW_NAME", "build_id", "write_service_worker"]

SW_NAME = "sw.js"
TEMPLATE = Path(__file__).with_name("sw.js")

REMOVER = """// The offline cache of this site is turned off (built with OFFLINE=0): this service worker
// deletes the caches of the earlier one and removes itself.
"use strict";
self.addEventListener("install", (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) {
    if (name.startsWith("asn-fleksibel-")) await caches.delete(name);
  }
  await self.registration.unregister();
})()));
"""


def build_id(site_dir: Path) -> str:
    """The hash of every file of the built site (names and bytes), the service worker aside."""
    h = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        name = path.relative_to(site_dir).as_posix()
        if name == SW_NAME or name.endswith((".gz", ".br")):
            continue
        h.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def write_service_worker(site_dir: Path, offline: bool) -> Path:
    """Write ``sw.js`` into the site's root: the caching worker, or the remover."""
    text = TEMPLATE.read_text(encoding="utf-8").replace("__BUILD__", build_id(site_dir)) if offline else REMOVER
    target = site_dir / SW_NAME
    target.write_text(text, encoding="utf-8")
    return target
