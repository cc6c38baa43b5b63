"""Prints the in-browser engine's figures (not a test): start time, check time, download size.

    .venv/bin/python bench/browser.py [--runs 5] [--checks 10] [--site DIR]

Builds the site into a temporary folder (or uses --site), serves it with nginx under the sub-path
and the strict CSP of the browser tests, and drives Debian's Chromium with Playwright:

- start: from ``engine.start()`` to ready, in a fresh browser context (empty HTTP cache) each run,
  then after three reloads in the same context (warm HTTP cache);
- check: ``engine.check()`` of a 30-person unit (the largest example, its staff repeated to 30);
- size: the bytes of every file the engine fetched, raw and gzipped (level 6, as a server would).
"""

from __future__ import annotations

import argparse
import copy
import gzip
import json
import statistics
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "tests"), str(ROOT)]

from conftest import CHROMIUM, CHROMIUM_ARGS, SUB_PATH, start_nginx
from sitebuild import build_site

START = """async () => {
  const { getEngine } = await import(new URL("assets/checker/engine.mjs", document.baseURI));
  const engine = getEngine();
  engine.start();
  await engine.whenReady();
  return { ms: engine.timings.ready - engine.timings.start, version: engine.version };
}"""

CHECK = """async ([unit, runs]) => {
  const { getEngine } = await import(new URL("assets/checker/engine.mjs", document.baseURI));
  const engine = getEngine();
  const times = [];
  let report;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    report = await engine.check(unit, { name: "unit-30.toml", lang: "id" });
    times.push(performance.now() - t0);
  }
  return { times, rules: report.results ? report.results.length : 0, employees: unit.employees.length,
           error: report.error || null };
}"""


class Guard:
    """Lets local requests through (recording them) and aborts any other."""

    def __init__(self, origin: str, seen: list[str]) -> None:
        self.origin, self.seen = origin, seen

    def __call__(self, route: Any) -> None:
        self.seen.append(route.request.url)
        if route.request.url.startswith(self.origin):
            route.continue_()
        else:
            route.abort()


def thirty_person_unit() -> dict[str, Any]:
    """The example with the most staff, its employees repeated (new ids) up to 30."""
    docs = [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.toml"))]
    doc = max(docs, key=lambda d: len(d.get("employees", [])))
    staff = doc["employees"]
    out = []
    for i in range(30):
        person = copy.deepcopy(staff[i % len(staff)])
        if i >= len(staff):
            person["id"] = f"{person['id']}-{i}"
            person["name"] = f"{person.get('name', 'Pegawai')} ({i})"
        out.append(person)
    doc["employees"] = out
    return json.loads(json.dumps(doc, default=str))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold starts to time")
    parser.add_argument("--checks", type=int, default=10, help="checks of the 30-person unit")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        site = args.site.resolve() if args.site else build_site(tmp / "site")
        proc, server = start_nginx(site, tmp / "nginx")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                origin = server.base.split(SUB_PATH)[0] + "/"
                cold, warm, fetched = [], [], set()
                for run in range(args.runs):
                    context = browser.new_context()
                    seen: list[str] = []
                    context.route("**/*", Guard(origin, seen))
                    page = context.new_page()
                    page.goto(server.base)
                    before = len(seen)
                    cold.append(page.evaluate(START)["ms"])
                    fetched.update(seen[before:])
                    if run == 0:
                        checks = page.evaluate(CHECK, [thirty_person_unit(), args.checks])
                        warm = []
                        for _ in range(3):
                            page.reload()
                            warm.append(page.evaluate(START)["ms"])
                    context.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)

        files = sorted({u.split("?")[0][len(server.base):] for u in fetched
                        if u.startswith(server.base) and "/assets/" in u and
                        ("assets/pyodide/" in u or "assets/checker/" in u)})
        raw = gz = 0
        print(f"Files the engine fetches (from {site}):")
        for name in files:
            data = (site / name).read_bytes()
            size, packed = len(data), len(gzip.compress(data, 6))
            raw, gz = raw + size, gz + packed
            print(f"  {name:48} {size / 1e6:7.2f} MB  gzip {packed / 1e6:6.2f} MB")
        print(f"  {'total':48} {raw / 1e6:7.2f} MB  gzip {gz / 1e6:6.2f} MB")
        print(f"Engine start, fresh context ({args.runs} runs): median {statistics.median(cold):.0f} ms "
              f"(min {min(cold):.0f}, max {max(cold):.0f}); after a reload (HTTP cache warm, "
              f"3 runs): median {statistics.median(warm):.0f} ms")
        t = checks["times"]
        print(f"Check of a {checks['employees']}-person unit ({checks['rules']} rules): first {t[0]:.0f} ms, "
              f"median of the rest {statistics.median(t[1:] or t):.0f} ms")
        if checks["error"]:
            print("  (the unit did not validate:", checks["error"], ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
