"""Prints how fast the checker page gets ready in Chromium, next to a bare Pyodide page (not a test).

    .venv/bin/python bench/browser.py [--runs 5] [--site DIR]

Serves the built site (``--site``, or a fresh build) with the hosting guide's own nginx
configuration (gzip copies, long caching of versioned files, and Brotli copies where nginx's Brotli
module is installed: Chromium asks for Brotli from 127.0.0.1, as from any https server) and drives
Debian's Chromium with Playwright. Two pages are timed from navigation to ready, side by side, in every run:

- the checker page (``periksa/``): ready = the engine answers (``engine.timings.ready``);
- a bare page that only runs ``loadPyodide()`` in a module worker from the same runtime files
  (with the runtime's full ``python_stdlib.zip``, which the site no longer ships): the floor that a
  plain Pyodide start cannot beat.

Each is measured cold (a fresh browser profile), on a repeat visit in a persistent profile (in a
new tab of the browser that made the first visit; after closing that browser and starting it
again, opening the page at once, while Chromium's own start-up work, such as preparing its address
bar's pages, runs beside it; and after another restart, opening the page ``SETTLE`` seconds after
Chromium is up, as a reader who starts the browser and then goes to the page), and cold over an
emulated 20 Mbit/s link with 20 ms latency (Chrome DevTools network emulation); with Brotli, the
slow link also from the same configuration without it (gzip only: what browsers get from a
plain-http intranet server). A checker-page visit that a repeat visit follows ends once the page
has had its files kept by the offline cache and has primed the runtime's code for the next visit
(engine.whenOffline(), engine.whenPrimed(): about 2 s after ready; a reader stays longer).
Bytes are what nginx sent (response bodies, from its access log). Also: when the checker form is
ready on the slow link, and the first check of a 30-person unit after ready (measured from the
page, so it includes the message to and from the worker).
Every figure is the median of the runs; targets are printed beside them. The script never fails
on a figure; without Chromium or nginx it says so and exits 0.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any, Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests" / "browser"), str(ROOT / "tests"), str(ROOT)]

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from sitebuild import build_site  # noqa: E402

STEPS = {"start": "start", "worker.worker": "worker", "worker.manifest": "manifest",
         "worker.pyodide.mjs": "pyodide", "worker.pyodide.asm.mjs": "asm.mjs", "worker.snapshot": "snapshot",
         "worker.wasm": "wasm", "worker.instantiated": "instance", "worker.restored": "restored",
         "worker.engine": "engine", "ready": "ready"}
"""The steps of the start, in order, as engine.timings names them, and their column labels."""

SETTLE = 1.0
"""Seconds between starting Chromium and opening the page in the "restarted, opened later" visit.
Chromium's own start-up keeps both cores of a small machine busy for about 0.5 s after it is up."""

SLOW = {"offline": False, "latency": 20, "downloadThroughput": 20e6 / 8, "uploadThroughput": 20e6 / 8}

BARE_HTML = """<!doctype html><html lang="id"><meta charset="utf-8"><title>Pyodide saja</title>
<script type="module" src="bare.mjs"></script><p>Pyodide saja</p></html>
"""
BARE_PAGE = """const worker = new Worker(new URL("./bare-worker.mjs", import.meta.url), { type: "module" });
window.__bare = new Promise((resolve, reject) => {
  worker.onmessage = (e) => (e.data.ok ? resolve(performance.now()) : reject(new Error(e.data.error)));
});
"""
BARE_WORKER = """const runtime = new URL("../assets/pyodide/%(version)s/", import.meta.url).href;
const { loadPyodide } = await import(runtime + "pyodide.mjs");
try {
  const pyodide = await loadPyodide({ indexURL: runtime,
    stdLibURL: new URL("./python_stdlib.zip", import.meta.url).href,
    lockFileContents: { info: %(info)s, packages: {} } });
  pyodide.runPython("1 + 1");
  postMessage({ ok: true });
} catch (err) {
  postMessage({ ok: false, error: String(err) });
}
"""

CHECKER_READY = """async () => {
  const { getEngine } = await import(new URL("../assets/checker/engine.mjs", location.href).href);
  const engine = getEngine();
  engine.start();
  await engine.whenReady();
  return { ready: engine.timings.ready, mode: engine.mode, timings: engine.timings };
}"""
FORM_READY = "() => performance.now()"
OFFLINE_DONE = """async () => {
  const { getEngine } = await import(new URL("../assets/checker/engine.mjs", location.href).href);
  const engine = getEngine();
  return { offline: await engine.whenOffline(), primed: await engine.whenPrimed() };
}"""
CHECK = """async ([unit, runs]) => {
  const { getEngine } = await import(new URL("../assets/checker/engine.mjs", location.href).href);
  const engine = getEngine();
  const times = [];
  let report;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    report = await engine.check(unit, { name: "unit-30.toml", lang: "id" });
    times.push(performance.now() - t0);
  }
  return { times, rules: report.results ? report.results.length : 0, error: report.error || null };
}"""


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


def add_bare_page(site: Path) -> str:
    """Writes the bare Pyodide page into ``site/_bench/``; returns its path in the site."""
    pyodide = ROOT / "node_modules" / "pyodide"
    version = json.loads((pyodide / "package.json").read_text())["version"]
    info = json.loads((pyodide / "pyodide-lock.json").read_text())["info"]
    folder = site / "_bench"
    folder.mkdir(exist_ok=True)
    (folder / "index.html").write_text(BARE_HTML, encoding="utf-8")
    (folder / "bare.mjs").write_text(BARE_PAGE, encoding="utf-8")
    (folder / "bare-worker.mjs").write_text(BARE_WORKER % {"version": version, "info": json.dumps(info)},
                                            encoding="utf-8")
    shutil.copyfile(pyodide / "python_stdlib.zip", folder / "python_stdlib.zip")
    return "_bench/"


class AccessLog:
    """Bytes nginx sent (response bodies), read from its access log since the last mark."""

    LINE = re.compile(r'"[A-Z]+ (\S+) [^"]*" (\d{3}) (\d+)')

    def __init__(self, path: Path) -> None:
        self.path, self.offset = path, 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size if self.path.exists() else 0

    def since(self) -> int:
        time.sleep(0.2)  # let nginx write the last lines
        with self.path.open("rb") as f:
            f.seek(self.offset)
            text = f.read().decode("utf-8", "replace")
        return sum(int(m.group(3)) for m in self.LINE.finditer(text))


def visit(context: Any, url: str, bare: bool, slow: bool = False, keep: bool = True) -> dict[str, Any]:
    """Opens ``url`` in ``context``; returns ready time (ms since navigation) and more."""
    page = context.new_page()
    if slow:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW)
    page.goto(url, wait_until="commit")
    out: dict[str, Any] = {}
    if bare:
        page.wait_for_function("() => window.__bare !== undefined", timeout=120_000)
        out["ready"] = page.evaluate("() => window.__bare")
    else:
        page.wait_for_selector("#ck-root[data-ck-ready]", timeout=120_000)
        out["form"] = page.evaluate(FORM_READY)
        info = page.evaluate(CHECKER_READY)
        out["ready"], out["mode"], out["timings"] = info["ready"], info["mode"], info["timings"]
        if keep:
            out["offline"] = page.evaluate(OFFLINE_DONE)
    out["page"] = page
    return out


def median(values: list[float]) -> Optional[float]:
    return statistics.median(values) if values else None


def fmt_s(ms: Optional[float]) -> str:
    return "-" if ms is None else f"{ms / 1000:6.2f} s"


def fmt_bytes(n: Optional[float]) -> str:
    if n is None:
        return "-"
    return f"{n / 1e6:6.2f} MB" if n >= 1e5 else f"{n / 1e3:6.1f} kB"


def ratio(a: Optional[float], b: Optional[float]) -> str:
    return "-" if not a or not b else f"{a / b:5.2f}x"


def run(site: Path, runs: int, tmp: Path) -> None:
    from playwright.sync_api import sync_playwright

    from conftest import start_guide_nginx

    bare_path = add_bare_page(site)
    proc, server = start_guide_nginx(site, tmp / "nginx")
    log = AccessLog(tmp / "nginx" / "access.log")
    checker_url, bare_url = server.base + "periksa/", server.base + bare_path
    # The same guide configuration without its Brotli line: what a browser gets over plain http.
    gz_proc, gz_server = start_guide_nginx(site, tmp / "nginx-gzip", brotli=False)
    gz_log = AccessLog(tmp / "nginx-gzip" / "access.log")
    gz_urls = {"checker": gz_server.base + "periksa/", "bare": gz_server.base + bare_path}
    brotli = server.extra.get("brotli", False)
    unit = thirty_person_unit()
    fig: dict[str, list[float]] = {}

    def add(key: str, value: Optional[float]) -> None:
        if value is not None:
            fig.setdefault(key, []).append(value)

    def add_steps(visit_kind: str, out: dict[str, Any]) -> None:
        for step, at in (out.get("timings") or {}).items():
            if step in STEPS:
                add(f"steps.{visit_kind}.{step}", at)

    load_before = os.getloadavg()
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium
            browser = chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for i in range(runs):
                for name, url, bare in (("checker", checker_url, False), ("bare", bare_url, True)):
                    # Cold, loopback: a fresh profile.
                    context = browser.new_context()
                    log.mark()
                    out = visit(context, url, bare)
                    add(f"{name}.cold", out["ready"])
                    add_steps("cold", out)
                    add(f"{name}.cold.bytes", log.since())
                    if not bare:
                        add("checker.form", out["form"])
                        if out["mode"] != "snapshot":
                            print(f"  (run {i + 1}: the checker started without its snapshot)")
                        checks = out["page"].evaluate(CHECK, [unit, 5])
                        add("check.first", checks["times"][0])
                        add("check.next", median(checks["times"][1:]))
                        if checks["error"]:
                            print("  (the 30-person unit did not validate:", checks["error"], ")")
                    context.close()
                    # Cold over the emulated 20 Mbit/s, 20 ms link.
                    context = browser.new_context()
                    log.mark()
                    out = visit(context, url, bare, slow=True, keep=False)
                    add(f"{name}.slow", out["ready"])
                    add_steps("slow", out)
                    if not bare:
                        add("checker.slow.form", out["form"])
                    context.close()
                    if brotli:  # and again from the server without Brotli (gzip only)
                        context = browser.new_context()
                        gz_log.mark()
                        out = visit(context, gz_urls[name], bare, slow=True, keep=False)
                        add(f"{name}.slowgz", out["ready"])
                        add(f"{name}.slowgz.bytes", gz_log.since())
                        context.close()
                    # Repeat visits in a persistent profile: in a new tab of the running
                    # browser, then after closing the browser and starting it again (opened at
                    # once, and once more opened when Chromium's own start-up work is over).
                    profile = tmp / f"profile-{name}-{i}"
                    for visit_no in (1, 2, 3):
                        context = chromium.launch_persistent_context(
                            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                        if visit_no == 3:
                            time.sleep(SETTLE)
                        log.mark()
                        out = visit(context, url, bare)
                        if visit_no == 1:
                            out["page"].close()
                            time.sleep(1)
                            log.mark()
                            out = visit(context, url, bare)
                            add(f"{name}.tab", out["ready"])
                            add_steps("tab", out)
                            add(f"{name}.tab.bytes", log.since())
                        if visit_no == 2:
                            add(f"{name}.warm", out["ready"])
                            add_steps("warm", out)
                            add(f"{name}.warm.bytes", log.since())
                        if visit_no == 3:
                            add(f"{name}.settled", out["ready"])
                            add_steps("settled", out)
                        context.close()
                    shutil.rmtree(profile, ignore_errors=True)
                print(f"  run {i + 1}/{runs} done", flush=True)
            browser.close()
    finally:
        for p in (proc, gz_proc):
            p.terminate()
            p.wait(timeout=10)
        shutil.rmtree(site / "_bench", ignore_errors=True)
    report(fig, runs, load_before, os.getloadavg())


def report(fig: dict[str, list[float]], runs: int, load_before: tuple[float, ...], load_after: tuple[float, ...]) -> None:
    m: Callable[[str], Optional[float]] = lambda key: median(fig.get(key, []))
    bare_cold = m("bare.cold")
    print()
    print(f"Checker page vs bare loadPyodide() page, Chromium, medians of {runs} runs "
          f"(load average {load_before[0]:.1f} before, {load_after[0]:.1f} after, {os.cpu_count()} cores)")
    print(f"  {'':34}{'checker page':>14}{'bare page':>14}{'ratio':>9}   target")
    rows = [
        ("ready, cold, loopback", m("checker.cold"), bare_cold, ratio(m("checker.cold"), bare_cold), "<= 0.40x"),
        ("ready, repeat visit, new tab", m("checker.tab"), m("bare.tab"),
         ratio(m("checker.tab"), bare_cold) + "*", "<= 0.25x of bare cold"),
        ("  the same, browser restarted", m("checker.warm"), m("bare.warm"),
         ratio(m("checker.warm"), bare_cold) + "*", "<= 0.25x of bare cold"),
        (f"  the same, opened {SETTLE:g} s after start", m("checker.settled"), m("bare.settled"),
         ratio(m("checker.settled"), bare_cold) + "*", "(our own extra row)"),
        ("ready, cold, 20 Mbit/s 20 ms", m("checker.slow"), m("bare.slow"),
         ratio(m("checker.slow"), m("bare.slow")), "<= 0.80x"),
        ("  the same, gzip only (plain http)", m("checker.slowgz"), m("bare.slowgz"),
         ratio(m("checker.slowgz"), m("bare.slowgz")), "<= 0.80x"),
    ]
    for label, a, b, r, target in rows:
        print(f"  {label:34}{fmt_s(a):>14}{fmt_s(b):>14}{r:>9}   {target}")
    print(f"  {'bytes sent, first visit':34}{fmt_bytes(m('checker.cold.bytes')):>14}"
          f"{fmt_bytes(m('bare.cold.bytes')):>14}{'':9}   < 14.2 MB (before this work)")
    print(f"  {'  the same, gzip only (plain http)':34}{fmt_bytes(m('checker.slowgz.bytes')):>14}"
          f"{fmt_bytes(m('bare.slowgz.bytes')):>14}")
    print(f"  {'bytes sent, repeat visit, new tab':34}{fmt_bytes(m('checker.tab.bytes')):>14}"
          f"{fmt_bytes(m('bare.tab.bytes')):>14}{'':9}   < 100 kB")
    print(f"  {'  the same, browser restarted':34}{fmt_bytes(m('checker.warm.bytes')):>14}"
          f"{fmt_bytes(m('bare.warm.bytes')):>14}{'':9}   < 100 kB")
    print(f"  {'form answers, 20 Mbit/s, cold':34}{fmt_s(m('checker.slow.form')):>14}{'':14}{'':9}   <= 2 s")
    print(f"  {'form answers, loopback, cold':34}{fmt_s(m('checker.form')):>14}")
    first, nxt = m("check.first"), m("check.next")
    print(f"  {'first check, 30-person unit':34}{'-' if first is None else f'{first:7.1f} ms':>14}"
          f"{'':14}{'':9}   <= 50 ms (page round trip)")
    print(f"  {'later checks, 30-person unit':34}{'-' if nxt is None else f'{nxt:7.1f} ms':>14}")
    print("  * a repeat visit's ratio is against the bare page's cold time")
    print()
    print("Where the checker page's time goes (medians, ms since navigation; worker steps end at):")
    print("  " + "".join(f"{label:>10}" for label in ("visit", *STEPS.values())))
    for kind in ("cold", "tab", "warm", "settled", "slow"):
        cells = [m(f"steps.{kind}.{step}") for step in STEPS]
        print("  " + f"{kind:>10}" + "".join(f"{'-' if v is None else f'{v:.0f}':>10}" for v in cells))
    for key in sorted(k for k in fig if not k.startswith("steps.")):
        values = ", ".join(f"{v:.0f}" for v in fig[key])
        print(f"    {key}: {values}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of every measurement (default 5)")
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists() or not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        print(f"Browser figures skipped: Chromium ({CHROMIUM}) or nginx is not installed.")
        return 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.site:
            # A linked copy: the bare page is added without touching the given site.
            site = tmp / "site"
            shutil.copytree(args.site.resolve(), site, copy_function=os.link)
        else:
            site = build_site(tmp / "site")
        try:
            run(site, max(1, args.runs), tmp)
        except Exception as exc:  # a figure that cannot be measured is reported, never fatal
            print(f"Browser figures incomplete: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
