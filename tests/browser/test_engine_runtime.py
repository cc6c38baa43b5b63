"""The checker engine in Chromium: self-hosted Pyodide in a module worker, under nginx.

The site is served under a sub-path with the strict Content-Security-Policy of the hosting guide,
and a guard aborts (and fails the test on) any request that leaves the local origin. The engine is
started once per module, from the home page, through ``assets/checker/engine.mjs``; every example
file and every rule case must give the same JSON as CPython's ``checker.api``. Misconfigured
servers (``.wasm`` with the wrong MIME type, a CSP without ``'wasm-unsafe-eval'``, a missing runtime
file) must end in an Indonesian error that names the cause, never in endless loading.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import shutil
import subprocess
import time
import tomllib
import urllib.request
import zipfile
from urllib.parse import urlsplit
from pathlib import Path
from typing import Any, Iterator

import pytest

from casefile import Case, all_cases
from checker.api import check_document, parse_document, render_report, to_toml
from checker.loader import read_document
from conftest import (CHROMIUM, CHROMIUM_ARGS, GUIDE, OriginGuard, Server, _missing, guide_block,
                      runtime_script_compiles, start_guide_nginx, start_nginx)
from sitebuild import ROOT, build_site
from sitegen.serve import CSP

pytestmark = pytest.mark.browser

PYODIDE_VERSION = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
PROFILE = ROOT / "examples" / "profiles" / "dinas-contoh.toml"
CASES = all_cases()

# The engine module's URL is kept on window when a page opens: instant navigation changes the
# page's URL but not window, and the module must be imported from the same URL every time.
IMPORT = "const { getEngine } = await import(window.__engineURL);"

# Runs in the page: starts the engine by making a call before it is ready (the call must wait),
# and records the progress events.
START = """async () => {
  %s
  const engine = getEngine();
  const stages = [];
  engine.addEventListener("progress", (e) => stages.push(e.detail));
  const early = engine.parse("a = 1", { name: "awal.toml" });
  const stateAfterCall = engine.state;
  const parsed = await early;
  return { state: engine.state, stateAfterCall, stages, parsed, version: engine.version,
           python: engine.python, profile: engine.profile, mode: engine.mode, note: engine.note,
           startMs: engine.timings.ready - engine.timings.start };
}""" % IMPORT


class RecordingGuard(OriginGuard):
    """The origin guard, also keeping every URL requested (worker requests included)."""

    def __init__(self, allowed: list[str]) -> None:
        super().__init__(allowed)
        self.seen: list[str] = []

    def __call__(self, route: Any) -> None:
        self.seen.append(route.request.url)
        super().__call__(route)


def open_page(browser: Any, server: Server, base: str, path: str = "") -> tuple[Any, Any, RecordingGuard]:
    """A fresh context and the page ``path`` of the site at ``base``, guarded: only the server's own
    origins are allowed."""
    context = browser.new_context()
    guard = RecordingGuard(sorted({"{0}://{1}/".format(*urlsplit(u)) for u in (server.base, server.bad_base)}))
    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    assert page.goto(base + path).status == 200
    page.evaluate("(url) => { window.__engineURL = url; }", base + "assets/checker/engine.mjs")
    return context, page, guard


@pytest.fixture(scope="module")
def engine_page(browser: Any, server: Server) -> Iterator[Any]:
    context, page, guard = open_page(browser, server, server.base)
    page.start_info = page.evaluate(START)
    page.guard = guard
    yield page
    context.close()
    assert not guard.blocked, f"requests left the local origin: {guard.blocked}"


def test_checker_page_starts_its_worker_from_the_head_and_the_engine_takes_it_over(browser, server):
    """early.js starts the worker before the page is parsed; engine.mjs adopts that worker (with the
    messages it sent meanwhile) instead of starting a second one."""
    context, page, guard = open_page(browser, server, server.base, "periksa/")
    try:
        out = page.evaluate(r"""async () => {
          %s
          const engine = getEngine();
          await engine.whenReady();
          const nav = performance.getEntriesByType("navigation")[0];
          return { start: engine.timings.start, parsed: nav.domInteractive, mode: engine.mode,
                   manifest: engine.timings.manifest, taken: window.__asnEarlyWorker === undefined,
                   parsedDoc: await engine.parse("a = 1", { name: "awal.toml" }) };
        }""" % IMPORT)
        assert out["taken"] and out["mode"] == "snapshot"
        assert out["start"] < out["parsed"], out  # started while the page was still being parsed
        assert out["manifest"] is not None  # the progress it reported before the takeover was kept
        assert out["parsedDoc"]["error"]["issues"][0]["path"] == "a"
        workers = [u.split("?")[0] for u in guard.seen if "/assets/checker/worker.mjs" in u]
        assert workers == [server.base + "assets/checker/worker.mjs"]  # one worker, not two
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


# Runs on the checker page: when the engine got ready in its worker and when Material's script and
# its search worker were asked for (ms since navigation), once the offline cache has kept the
# page's files.
THEME_TIMES = r"""async (url) => {
  const { getEngine } = await import(url);
  const engine = getEngine();
  await engine.whenReady();
  await engine.whenOffline();
  await new Promise((resolve) => setTimeout(resolve, 300));
  const started = (pattern) => performance.getEntriesByType("resource")
    .filter((r) => pattern.test(r.name)).map((r) => r.startTime);
  // The worker's engine was ready at "worker.engine"; the page hears of it a moment later, and
  // early.js (which loads Material's script then) hears it before engine.mjs does.
  return { ready: engine.timings["worker.engine"], search: started(/workers\/search\.[^/]*\.js$/),
           theme: started(/javascripts\/bundle\.[0-9a-f]+\.min\.js$/),
           // Whether the offline cache's worker answered the page itself (it controls the page
           // from the first visit's end on, once it has taken over).
           controlled: performance.getEntriesByType("navigation")[0].workerStart > 0 };
}"""


def test_material_and_its_search_wait_for_the_engine_on_the_checker_page_and_then_find_pages(browser, server):
    """Material's script and its search worker (which builds the search index) start only once the
    engine is ready (early.js), on a first visit as on a visit the offline cache serves. The search
    box then works as on every other page."""
    context, page, guard = open_page(browser, server, server.base, "periksa/")
    engine_url = server.base + "assets/checker/engine.mjs"
    try:
        first = page.evaluate(THEME_TIMES, engine_url)
        assert not first["controlled"]
        assert len(first["theme"]) == 1 and first["theme"][0] >= first["ready"], first
        assert len(first["search"]) == 1 and first["search"][0] >= first["ready"], first
        page.reload()
        again = page.evaluate(THEME_TIMES, engine_url)
        assert again["controlled"]
        assert len(again["theme"]) == 1 and again["theme"][0] >= again["ready"], again
        assert len(again["search"]) == 1 and again["search"][0] >= again["ready"], again
        # Typed key by key, as a user does: Material searches on each key released.
        page.locator("input[data-md-component='search-query']").press_sequentially("cuti tahunan")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


# Runs before the page's own scripts: what the page looks like when its parsing is done, before
# the engine is ready and so before Material's script has run.
AT_PARSED = """document.addEventListener("DOMContentLoaded", () => {
  window.__atParsed = { material: typeof window.document$, scheme: document.body.dataset.mdColorScheme,
    scripted: document.documentElement.className,
    toggles: [...document.querySelectorAll("input[name='__palette'] + label")].map((l) => !l.hidden),
    search: getComputedStyle(document.querySelector(".md-search")).display };
}, { once: true });"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checker_page_shows_the_system_palette_and_the_search_box_before_material_runs(browser, server, scheme):
    """Material's script runs late on the checker page (once the engine is ready), so csp-palette.js
    picks the palette of the system's setting (Material's script did that before the first paint)
    and early.js switches the page to its scripted look (the search box shows): nothing changes
    when Material's script runs."""
    context = browser.new_context(color_scheme=scheme)
    try:
        context.add_init_script(AT_PARSED)
        page = context.new_page()
        page.goto(server.base + "periksa/")
        page.wait_for_function("() => window.__atParsed !== undefined")
        before = page.evaluate("window.__atParsed")
        page.wait_for_function("() => window.document$ !== undefined", timeout=60_000)
        after = page.evaluate("""() => ({ scheme: document.body.dataset.mdColorScheme,
          toggles: [...document.querySelectorAll("input[name='__palette'] + label")].map((l) => !l.hidden) })""")
        expected = "slate" if scheme == "dark" else "default"
        assert before["material"] == "undefined", before  # Material's script has not run yet
        assert before["scheme"] == after["scheme"] == expected, (before, after)
        assert before["toggles"] == after["toggles"] and before["toggles"].count(True) == 1, (before, after)
        assert "js" in before["scripted"].split() and before["search"] != "none", before
    finally:
        context.close()


def as_json(data: Any) -> Any:
    """What the browser receives: the document with dates as ISO strings."""
    return json.loads(json.dumps(data, default=str))


def browser_check(page: Any, document: Any, name: str, lang: str, **profile: Any) -> tuple[str, Any]:
    """``check`` in the browser: the JSON text Python wrote (raw) and the JS object."""
    return page.evaluate("""async ([document, options]) => {
      %s
      const engine = getEngine();
      const raw = await engine.call("check", { ...options, document }, { raw: true });
      const value = await engine.check(document, options);
      return [raw, value];
    }""" % IMPORT, [document, {"name": name, "lang": lang, **profile}])


def canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def assert_same(raw: str, value: Any, expected: dict[str, Any]) -> None:
    # The engine's own JSON, byte for byte after key sorting (1.0 stays 1.0)...
    assert canonical(json.loads(raw)) == canonical(expected)
    # ...and the object the page gets (JavaScript has one number type, so compare values).
    assert value == json.loads(json.dumps(expected))


# --- start-up ------------------------------------------------------------------------------------


def test_engine_starts_under_sub_path_behind_csp_with_no_outside_request(engine_page, server):
    info = engine_page.start_info
    assert info["state"] == "ready"
    assert info["stateAfterCall"] == "loading"  # the early call started the engine and waited
    # parse reads as the CLI does: "a = 1" is valid TOML but not an arrangement.
    assert info["parsed"]["error"]["issues"][0]["path"] == "a"
    assert info["version"] == PYODIDE_VERSION
    assert info["python"].startswith("3.")
    assert info["profile"] is None  # the default edition has no agency profile
    assert [s["stage"] for s in info["stages"]] == ["manifest", "runtime", "python", "engine", "ready"]
    percents = [s["percent"] for s in info["stages"]]
    assert percents == sorted(percents) and percents[-1] == 100
    assert all(s["message"] for s in info["stages"])
    # Plain words for the user: how far loading has got, no technical terms.
    assert [s["message"] for s in info["stages"][:4]] == [f"Memuat pemeriksa ({i} dari 4)…" for i in range(1, 5)]
    assert not any(re.search(r"Python|Pyodide|runtime|WebAssembly", s["message"]) for s in info["stages"])
    assert info["mode"] == "snapshot" and info["note"] == ""  # restored from the build's snapshot
    # Served by nginx under the sub-path, with the strict CSP.
    response = engine_page.request.get(server.base)
    assert "'wasm-unsafe-eval'" in response.headers["content-security-policy"]
    assert engine_page.guard.seen and all(u.startswith(server.base) for u in engine_page.guard.seen)
    assert not engine_page.guard.blocked
    assert not engine_page.errors


def test_runtime_is_served_from_the_versioned_folder(engine_page, server):
    runtime = f"{server.base}assets/pyodide/{PYODIDE_VERSION}/"
    seen = engine_page.guard.seen
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"):
        assert runtime + name in seen, f"{name} not loaded from {runtime}"
    assert not [u for u in seen if "pyodide" in u and not u.startswith(runtime)]
    assert not [u for u in seen if u.endswith("pyodide-lock.json")]  # booted with lockFileContents
    assert [u for u in seen if "/assets/checker/engine-" in u and u.endswith(".zip")]
    assert [u for u in seen if "/assets/checker/snapshot-" in u and u.endswith(".bin")]


def test_snapshot_path_fetches_no_standard_library(engine_page, built_site):
    """A restored snapshot has every module the engine uses imported: neither the runtime's
    python_stdlib.zip (not even shipped) nor the engine's part of it is fetched. The parity tests
    below run on this path, which is what proves that nothing else is needed."""
    seen = engine_page.guard.seen
    assert not [u for u in seen if "python_stdlib" in u or "/assets/checker/stdlib-" in u]
    assert not (built_site / "assets/pyodide" / PYODIDE_VERSION / "python_stdlib.zip").exists()


def test_on_a_slow_link_the_runtime_starts_before_the_snapshot_has_arrived(browser, server):
    """The snapshot is the largest file, the last to arrive on a slow link: Pyodide gets its
    buffer at once (zeroed, refused until completed), so it compiles and instantiates the runtime
    meanwhile instead of waiting for the file. Before, it asked for instantiation only after."""
    context, page, guard = open_page(browser, server, server.base)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 20,
                                                      "downloadThroughput": 20e6 / 8,
                                                      "uploadThroughput": 20e6 / 8})
        out = page.evaluate("""async () => {
          %s
          const engine = getEngine();
          const parsed = await engine.parse("a = 1", { name: "awal.toml" });
          return { mode: engine.mode, parsed, timings: engine.timings };
        }""" % IMPORT)
        assert out["mode"] == "snapshot" and out["parsed"]["error"]["issues"][0]["path"] == "a"
        steps = out["timings"]
        assert steps["worker.wasm"] < steps["worker.snapshot"] < steps["worker.restored"], steps
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


def test_the_engine_files_are_written_while_pyodide_starts_not_unpacked_after(engine_page):
    """The worker reads the engine zip itself (unzip.mjs) and writes its files into the file
    system before the snapshot is restored, so that Python does not unpack it afterwards (about
    35 ms later on the start). The checks below and the parity tests prove the files are there."""
    steps = engine_page.evaluate("""async () => {
      %s
      return getEngine().timings;
    }""" % IMPORT)
    assert engine_page.start_info["mode"] == "snapshot"
    assert steps["worker.files"] < steps["worker.restored"] <= steps["worker.engine"], steps


def test_engine_is_one_per_tab_even_if_the_module_runs_again(engine_page):
    """Material's instant navigation re-runs page scripts without a reload: the engine (and its
    worker) is kept on globalThis, so a second copy of the module hands out the same engine."""
    out = engine_page.evaluate("""async () => {
      %s
      const again = await import(window.__engineURL + "?nochmal");
      const engine = getEngine();
      engine.start();  // idempotent: no second worker
      return { same: again.getEngine() === engine, state: engine.state,
               parsed: await again.getEngine().parse("b = 2") };
    }""" % IMPORT)
    assert out["same"] is True and out["state"] == "ready"
    assert out["parsed"]["error"]["issues"][0]["path"] == "b"  # answered (b is no arrangement field)


# --- parity with CPython -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_give_the_same_result_as_cpython(engine_page, path: Path, lang: str):
    document = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    raw, value = browser_check(engine_page, document, path.name, lang)
    expected = check_document(document, path.name, lang, None)
    assert expected.get("format") == "asn-fleksibel-hasil/1"
    assert_same(raw, value, expected)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_cases_give_the_same_result_as_cpython(engine_page, case: Case):
    document = as_json(case.arrangement)
    profile = as_json(case.profile)
    raw, value = browser_check(engine_page, document, f"{case.id}.toml", "id", profile=profile)
    assert_same(raw, value, check_document(document, f"{case.id}.toml", "id", profile))
    for rule, status in case.expect.items():
        assert {r["rule"]: r["status"] for r in value["results"]}[rule] == status


def test_invalid_document_gives_an_error_not_an_exception(engine_page):
    raw, value = browser_check(engine_page, {"period": "kemarin"}, "rusak.json", "id")
    expected = check_document({"period": "kemarin"}, "rusak.json", "id", None)
    assert "error" in expected
    assert_same(raw, value, expected)


# --- parse, toToml, render -----------------------------------------------------------------------


def test_parse_of_malformed_toml_names_the_line(engine_page):
    text = '[unit]\nname = "Bagian Umum"\nagency = = "Dinas"\n'
    result = engine_page.evaluate("""async (text) => {
      %s
      return getEngine().parse(text, { name: "rusak.toml", lang: "id" });
    }""" % IMPORT, text)
    assert result == parse_document(text, "rusak.toml", "id")
    assert "document" not in result
    message = " ".join(result["error"]["messages"])
    assert "baris 3" in message and "rusak.toml" in json.dumps(result)


def test_to_toml_then_parse_round_trips_an_example(engine_page):
    path = EXAMPLES[0]
    out = engine_page.evaluate("""async ([text, name]) => {
      %s
      const engine = getEngine();
      const { document } = await engine.parse(text, { name });
      const toml = await engine.toToml(document);
      const again = await engine.parse(toml, { name });
      return { document, toml, again: again.document };
    }""" % IMPORT, [path.read_text(encoding="utf-8"), path.name])
    assert out["again"] == out["document"]
    assert out["document"] == as_json(read_document(str(path)))
    assert out["toml"] == to_toml(out["document"])


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_render_matches_cpython(engine_page, fmt: str):
    path = EXAMPLES[0]
    document = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    report = check_document(document, path.name, "id", None)
    text = engine_page.evaluate("""async ([report, fmt]) => {
      %s
      return getEngine().render(report, fmt);
    }""" % IMPORT, [report, fmt])
    assert text == render_report(report, fmt)


def test_call_arguments_are_left_untouched(engine_page):
    same = engine_page.evaluate("""async () => {
      %s
      const document = { period: { start: "2025-07-07", end: "2025-07-11" }, employees: [] };
      const copy = JSON.stringify(document);
      await getEngine().check(document, { name: "x.json" });
      return JSON.stringify(document) === copy;
    }""" % IMPORT)
    assert same


def test_a_python_exception_rejects_the_call_and_the_engine_stays_ready(engine_page):
    out = engine_page.evaluate("""async () => {
      %s
      const engine = getEngine();
      const error = await engine.render({}, "text").then(() => null, (err) => err.message);
      return { error, state: engine.state, parsed: await engine.parse("d = 4") };
    }""" % IMPORT)
    assert out["error"].startswith("Galat di mesin pemeriksa: KeyError")
    # parse reads as the CLI does: "d = 4" is valid TOML but not an arrangement.
    assert out["state"] == "ready" and out["parsed"]["error"]["issues"][0]["path"] == "d"


# --- failures ------------------------------------------------------------------------------------

FAIL_AND_WAIT = """async (timeoutMs) => {
  %s
  const engine = getEngine();
  const t0 = performance.now();
  const failed = new Promise((resolve) => engine.addEventListener("error", (e) => resolve(e.detail)));
  engine.start();
  const call = engine.check({}).then(() => "resolved", (err) => "rejected: " + err.message);
  const detail = await Promise.race([failed, new Promise((r) => setTimeout(() => r(null), timeoutMs))]);
  return { state: engine.state, detail, seconds: (performance.now() - t0) / 1000,
           call: detail ? await call : null };
}""" % IMPORT


def test_watchdog_reports_a_wasm_mime_type_problem(browser, server):
    """``.wasm`` as application/octet-stream makes Pyodide hang: only the watchdog ends it."""
    context, page, guard = open_page(browser, server, server.bad_base)
    try:
        out = page.evaluate(FAIL_AND_WAIT, 26000)
        assert out["detail"] is not None, f"no error after 26 s (state {out['state']}): no watchdog?"
        assert out["state"] == "error"
        assert 19 <= out["seconds"] <= 25, out["seconds"]  # the watchdog fired, nothing earlier
        message = out["detail"]["message"]
        assert "application/wasm" in message and "'wasm-unsafe-eval'" in message
        assert ".mjs" in message and "file://" in message and "20 detik" in message
        found = out["detail"]["causes"][0]
        assert "pyodide.asm.wasm" in found and "application/octet-stream" in found
        assert out["call"] == "rejected: " + message  # the waiting call failed too
        # retry() starts again from scratch.
        state = page.evaluate("""async () => {
          %s
          const engine = getEngine();
          engine.retry();
          return engine.state;
        }""" % IMPORT)
        assert state == "loading"
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


def test_a_start_slower_than_the_watchdog_still_ends_ready(browser, server):
    """The watchdog reports a slow start as an error but leaves the worker running."""
    context, page, guard = open_page(browser, server, server.base)
    try:
        out = page.evaluate("""async () => {
          %s
          const engine = getEngine();
          const events = [];
          for (const type of ["error", "ready"]) engine.addEventListener(type, () => events.push(type));
          engine.start({ watchdogMs: 50 });
          await new Promise((resolve) => setTimeout(resolve, 200));
          const early = { state: engine.state, message: engine.failure && engine.failure.message };
          await new Promise((resolve) => engine.addEventListener("ready", resolve));
          return { early, events, state: engine.state, failure: engine.failure,
                   parsed: await engine.parse("c = 3") };
        }""" % IMPORT)
        assert out["early"]["state"] == "error" and "application/wasm" in out["early"]["message"]
        assert out["state"] == "ready" and out["failure"] is None
        assert out["events"][-1] == "ready"
        assert out["parsed"]["error"]["issues"][0]["path"] == "c"
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


def without_copies(path: Path, missing_ok: bool = False) -> None:
    """Removes the build's compressed copies of ``path`` (servers would send them instead)."""
    for suffix in (".gz", ".br"):
        path.with_name(path.name + suffix).unlink(missing_ok=missing_ok)


@pytest.fixture(scope="module")
def broken_servers(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    """The site without its snapshot, with a damaged snapshot, with a snapshot made from another
    runtime or cut short, with an engine zip without its data, without snapshot and standard
    library, with an HTML page as manifest.json, and behind a CSP without 'wasm-unsafe-eval'."""
    tmp = tmp_path_factory.mktemp("broken")
    manifest = json.loads((built_site / "assets/checker/manifest.json").read_text(encoding="utf-8"))
    snapshot = Path("assets/checker") / manifest["snapshot"]["url"]
    no_snapshot = tmp / "no-snapshot"
    shutil.copytree(built_site, no_snapshot)
    without_copies(no_snapshot / snapshot)
    (no_snapshot / snapshot).unlink()
    bad_snapshot = tmp / "bad-snapshot"
    shutil.copytree(built_site, bad_snapshot)
    without_copies(bad_snapshot / snapshot)
    data = bytearray((bad_snapshot / snapshot).read_bytes())
    data[len(data) // 2: len(data) // 2 + 64] = bytes(range(64))  # same size, damaged inside
    (bad_snapshot / snapshot).write_bytes(bytes(data))

    def with_file(name: str, key: str, data: bytes) -> Path:
        """The site with ``data`` in place of the file of manifest entry ``key``, the entry
        matching it (so only what the file holds is wrong)."""
        site = tmp / name
        shutil.copytree(built_site, site)
        path = site / "assets/checker" / manifest[key]["url"]
        without_copies(path, missing_ok=True)
        path.write_bytes(data)
        entry = dict(manifest[key], bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
        (site / "assets/checker/manifest.json").write_text(json.dumps(dict(manifest, **{key: entry})),
                                                           encoding="utf-8")
        without_copies(site / "assets/checker/manifest.json", missing_ok=True)
        return site

    packed = (built_site / snapshot).read_bytes()
    # Made from another runtime's data image: the packed header's SHA-256 of it (restore.mjs).
    foreign_image = with_file("foreign-image", "snapshot", packed[:20] + bytes(32) + packed[52:])
    # Its last block cut off: found while it is unpacked into the buffer Pyodide already holds,
    # which must then stay refused.
    cut_snapshot = with_file("cut-snapshot", "snapshot", packed[:-4096])
    # The engine zip without its data folder (a botched upload): a check then fails inside the
    # standard library (pathlib), after the snapshot was restored.
    buf = io.BytesIO()
    with zipfile.ZipFile(built_site / "assets/checker" / manifest["engine"]["url"]) as src, \
            zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            if not item.filename.startswith("checker/data/"):
                dst.writestr(item, src.read(item))
    no_data = with_file("no-data", "engine", buf.getvalue())
    no_stdlib = tmp / "no-stdlib"
    shutil.copytree(no_snapshot, no_stdlib)
    (no_stdlib / "assets/checker" / manifest["stdlib"]["url"]).unlink()
    html_manifest = tmp / "html-manifest"
    shutil.copytree(built_site, html_manifest, ignore=shutil.ignore_patterns("pyodide"))
    (html_manifest / "assets/checker/manifest.json").write_text(
        "<!DOCTYPE html><title>404 Not Found</title>", encoding="utf-8")
    procs = []
    servers = {}
    for key, site, csp in (("no-snapshot", no_snapshot, CSP), ("bad-snapshot", bad_snapshot, CSP),
                           ("foreign-image", foreign_image, CSP),
                           ("cut-snapshot", cut_snapshot, CSP),
                           ("no-data", no_data, CSP),
                           ("no-stdlib", no_stdlib, CSP),
                           ("html-manifest", html_manifest, CSP),
                           ("no-wasm-csp", built_site, CSP.replace(" 'wasm-unsafe-eval'", ""))):
        proc, srv = start_nginx(site, tmp / f"nginx-{key}", csp)
        procs.append(proc)
        servers[key] = srv
    yield servers
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=10)


def fallback_start(browser: Any, srv: Server) -> tuple[dict[str, Any], list[str]]:
    """Starts the engine on ``srv``; returns the start info and the worker's console warnings."""
    context, page, guard = open_page(browser, srv, srv.base)
    warnings: list[str] = []
    page.on("worker", lambda worker: worker.on("console", lambda m: warnings.append(m.text)))
    page.on("console", lambda m: warnings.append(m.text))
    try:
        info = page.evaluate(START)
        assert not page.errors
        return info, warnings
    finally:
        context.close()
        assert not guard.blocked


def test_without_the_snapshot_the_engine_starts_normally_and_says_why(browser, broken_servers):
    info, warnings = fallback_start(browser, broken_servers["no-snapshot"])
    assert info["state"] == "ready" and info["parsed"]["error"]["issues"][0]["path"] == "a"
    assert info["mode"] == "normal"
    assert "snapshot-" in info["note"] and "404" in info["note"]
    assert any("snapshot-" in w and "cara biasa" in w for w in warnings), warnings


@pytest.mark.parametrize("key,why", [
    # The start of the memory is completed from the runtime's own data: when that data is not
    # what the build saw, the snapshot is never restored half-completed.
    ("foreign-image", "data awal runtime tidak sama"),
    # The file is unpacked into the buffer Pyodide was given before it arrived: when it ends too
    # soon, that runtime is not used (whatever Pyodide made of the buffer).
    ("cut-snapshot", "tidak lengkap"),
], ids=["made-from-another-runtime", "cut-short"])
def test_a_snapshot_that_cannot_be_completed_is_refused_and_the_engine_starts_normally(
        browser, broken_servers, key, why):
    info, warnings = fallback_start(browser, broken_servers[key])
    assert info["state"] == "ready" and info["mode"] == "normal"
    assert info["parsed"]["error"]["issues"][0]["path"] == "a"
    assert why in info["note"], info["note"]
    assert any("cara biasa" in w for w in warnings), warnings


def test_an_error_inside_the_standard_library_comes_back_as_the_engines_error_answer(browser, broken_servers):
    """After a snapshot restore the standard library's sources are not in the browser (the engine
    zip is in their place): the traceback is written without source lines. Reading them raised a
    second error, which escaped the dispatcher with a raw Python traceback as its message."""
    srv = broken_servers["no-data"]
    context, page, guard = open_page(browser, srv, srv.base)
    try:
        out = page.evaluate("""async (text) => {
          %s
          const engine = getEngine();
          const parsed = await engine.parse(text, { name: "contoh.toml" });
          try {
            await engine.check(parsed.document, { name: "contoh.toml", lang: "id" });
            return { mode: engine.mode, answer: null };
          } catch (err) {
            return { mode: engine.mode, answer: { error: err.message, traceback: err.traceback || "" } };
          }
        }""" % IMPORT, EXAMPLES[0].read_text(encoding="utf-8"))
        assert out["mode"] == "snapshot"
        answer = out["answer"]
        assert answer and answer["error"].startswith("Galat di mesin pemeriksa: FileNotFoundError"), answer
        assert answer["traceback"].startswith("Traceback (most recent call last):")
        assert "pathlib" in answer["traceback"] and "EOFError" not in answer["traceback"]
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


def test_a_damaged_snapshot_is_never_restored_and_every_check_still_matches(browser, broken_servers):
    """Parity once on the fallback path: every example and rule case, against CPython."""
    srv = broken_servers["bad-snapshot"]
    context, page, guard = open_page(browser, srv, srv.base)
    warnings: list[str] = []
    page.on("worker", lambda worker: worker.on("console", lambda m: warnings.append(m.text)))
    try:
        info = page.evaluate(START)
        assert info["state"] == "ready" and info["mode"] == "normal"
        assert "SHA-256" in info["note"]
        assert any("tidak dapat dipakai" in w for w in warnings), warnings
        inputs = [(as_json(tomllib.loads(p.read_text(encoding="utf-8"))), p.name, lang, None)
                  for p in EXAMPLES for lang in ("id", "en")]
        inputs += [(as_json(c.arrangement), f"{c.id}.toml", "id", as_json(c.profile)) for c in CASES]
        raws = page.evaluate("""async (inputs) => {
          %s
          const engine = getEngine();
          const out = [];
          for (const [document, name, lang, profile] of inputs) {
            out.push(await engine.call("check", { document, name, lang, profile }, { raw: true }));
          }
          return out;
        }""" % IMPORT, inputs)
        for raw, (document, name, lang, profile) in zip(raws, inputs):
            assert canonical(json.loads(raw)) == canonical(check_document(document, name, lang, profile)), name
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


def test_missing_stdlib_zip_is_named(browser, broken_servers):
    """Without the snapshot, the normal start needs the engine's part of the standard library."""
    srv = broken_servers["no-stdlib"]
    stdlib = json.loads((srv.site / "assets/checker/manifest.json").read_text())["stdlib"]["url"]
    context, page, guard = open_page(browser, srv, srv.base)
    try:
        out = page.evaluate(FAIL_AND_WAIT, 15000)
        assert out["detail"] is not None and out["state"] == "error"
        assert out["seconds"] < 15
        assert f"assets/checker/{stdlib}" in out["detail"]["message"]
        assert "[object Object]" not in json.dumps(out["detail"])
        assert any(stdlib in c and "404" in c for c in out["detail"]["causes"])
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


def test_an_html_page_instead_of_the_manifest_is_named(browser, broken_servers):
    srv = broken_servers["html-manifest"]
    context, page, guard = open_page(browser, srv, srv.base)
    try:
        out = page.evaluate(FAIL_AND_WAIT, 15000)
        assert out["detail"] is not None and out["state"] == "error"
        message = out["detail"]["message"]
        assert "assets/checker/manifest.json" in message and "HTML" in message
        assert "Unexpected token" not in message
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


def test_csp_without_wasm_unsafe_eval_fails_fast_and_says_so(browser, broken_servers):
    srv = broken_servers["no-wasm-csp"]
    context, page, guard = open_page(browser, srv, srv.base)
    try:
        out = page.evaluate(FAIL_AND_WAIT, 15000)
        assert out["detail"] is not None and out["state"] == "error"
        assert out["seconds"] < 15  # no need to wait for the watchdog
        assert "'wasm-unsafe-eval'" in out["detail"]["message"]
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


# --- agency edition ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def agency_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("agency")
    site = build_site(tmp / "site", PROFILE)
    proc, srv = start_nginx(site, tmp / "nginx")
    yield srv
    proc.terminate()
    proc.wait(timeout=10)


def test_agency_edition_checks_with_the_built_profile(browser, agency_server):
    profile = as_json(tomllib.loads(PROFILE.read_text(encoding="utf-8")))
    path = EXAMPLES[0]
    document = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    context, page, guard = open_page(browser, agency_server, agency_server.base)
    try:
        info = page.evaluate(START)
        assert info["state"] == "ready" and info["profile"] == profile
        raw, value = browser_check(page, document, path.name, "id")  # profile omitted: the build's
        assert_same(raw, value, check_document(document, path.name, "id", profile))
        raw, value = browser_check(page, document, path.name, "id", profile=None)  # null: none
        assert_same(raw, value, check_document(document, path.name, "id", None))
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


# --- the hosting guide's nginx configuration -----------------------------------------------------

def test_guide_gives_the_tested_csp_everywhere():
    text = GUIDE.read_text(encoding="utf-8")
    assert CSP in text
    for lang in ("nginx", "apache"):
        policies = re.findall(r'Content-Security-Policy "([^"]*)"', guide_block(lang))
        assert policies and all(p == CSP for p in policies), lang


@pytest.fixture(scope="module")
def guide_server(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """nginx running the hosting guide's own configuration, unchanged but for port and folder."""
    proc, srv = start_guide_nginx(built_site, tmp_path_factory.mktemp("guide-nginx"))
    yield srv
    proc.terminate()
    proc.wait(timeout=10)


def head(url: str) -> Any:
    request = urllib.request.Request(url, method="HEAD", headers={"Accept-Encoding": "gzip"})
    try:
        return urllib.request.urlopen(request, timeout=5)
    except urllib.error.HTTPError as exc:
        return exc


def test_guide_nginx_config_sends_the_right_headers(guide_server):
    base = guide_server.base
    runtime = f"{base}assets/pyodide/{PYODIDE_VERSION}/"
    manifest = json.loads(urllib.request.urlopen(base + "assets/checker/manifest.json").read())
    page = (guide_server.site / "periksa/index.html").read_text(encoding="utf-8")
    version = re.search(r'assets/checker/app\.mjs\?v=([0-9a-f]{16})"', page).group(1)
    bundle = re.search(r'"\.\./(assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', page).group(1)
    expected = {
        base: ("text/html", "no-cache"),
        base + "assets/checker/engine.mjs": ("text/javascript", "no-cache"),
        base + "assets/checker/worker.mjs": ("text/javascript", "no-cache"),
        base + "assets/checker/manifest.json": ("application/json", "no-cache"),
        base + "assets/checker/" + manifest["engine"]["url"]: ("application/zip", "immutable"),
        base + "assets/checker/" + manifest["stdlib"]["url"]: ("application/zip", "immutable"),
        base + "assets/checker/" + manifest["snapshot"]["url"]: ("application/octet-stream", "immutable"),
        base + "sw.js": ("application/javascript", "no-cache"),
        runtime + "pyodide.mjs": ("text/javascript", "immutable"),
        runtime + "pyodide.asm.mjs": ("text/javascript", "immutable"),
        runtime + "pyodide.asm.wasm": ("application/wasm", "immutable"),
        # The same files as the pages and modules ask for them (sitegen/versioned.py), and Material's.
        f"{base}assets/checker/engine.mjs?v={version}": ("text/javascript", "immutable"),
        f"{base}assets/checker/manifest.json?v={version}": ("application/json", "immutable"),
        f"{base}assets/stylesheets/handbook.css?v={version}": ("text/css", "immutable"),
        base + bundle: ("application/javascript", "immutable"),
        base + "periksa/?v=0123456789abcdef": ("text/html", "no-cache"),  # never a page
    }
    for url, (mime, cache) in expected.items():
        response = head(url)
        assert response.status == 200, url
        assert response.headers["Content-Type"].startswith(mime), (url, response.headers["Content-Type"])
        assert cache in response.headers["Cache-Control"], (url, response.headers["Cache-Control"])
        assert response.headers["Content-Security-Policy"] == CSP, url
        assert response.headers["X-Content-Type-Options"] == "nosniff", url
    assert head(base + "assets/tidak-ada.mjs").status == 404
    assert head(runtime + "tidak-ada.wasm").status == 404
    assert head(runtime + "python_stdlib.zip").status == 404  # not shipped: the engine never reads it


def test_guide_nginx_config_sends_the_gzip_copies_that_decompress_to_the_originals(guide_server):
    """gzip_static: the build's .gz copy, with Content-Encoding and the original's type."""
    base = guide_server.base
    manifest = json.loads(urllib.request.urlopen(base + "assets/checker/manifest.json").read())
    for name, mime in ((f"assets/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm", "application/wasm"),
                       ("assets/checker/" + manifest["snapshot"]["url"], "application/octet-stream"),
                       ("assets/checker/worker.mjs", "text/javascript"),
                       ("periksa/", "text/html")):
        request = urllib.request.Request(base + name, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip", name
            assert response.headers["Content-Type"].startswith(mime), name
            assert "Accept-Encoding" in response.headers.get("Vary", ""), name
        original = guide_server.site / (name + "index.html" if name.endswith("/") else name)
        assert gzip.decompress(body) == original.read_bytes(), name
        with urllib.request.urlopen(base + name, timeout=30) as plain:  # no Accept-Encoding: as is
            assert plain.headers.get("Content-Encoding") is None and plain.read() == original.read_bytes()


def test_guide_nginx_config_with_its_brotli_line_sends_the_brotli_copies(guide_server):
    """brotli_static (the guide's optional line, with Debian's module): the build's .br copy, with
    Content-Encoding and the original's type; a client without br still gets gzip."""
    from unbrotli import unbrotli

    if not guide_server.extra["brotli"]:
        _missing("the nginx Brotli module (libnginx-mod-http-brotli-static)")
    base = guide_server.base
    manifest = json.loads(urllib.request.urlopen(base + "assets/checker/manifest.json").read())
    for name, mime in ((f"assets/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm", "application/wasm"),
                       ("assets/checker/" + manifest["snapshot"]["url"], "application/octet-stream"),
                       ("periksa/", "text/html")):
        request = urllib.request.Request(base + name, headers={"Accept-Encoding": "gzip, deflate, br"})
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "br", name
            assert response.headers["Content-Type"].startswith(mime), name
            assert "immutable" in response.headers["Cache-Control"] or name == "periksa/", name
        original = guide_server.site / (name + "index.html" if name.endswith("/") else name)
        assert unbrotli(body) == original.read_bytes(), name
        request = urllib.request.Request(base + name, headers={"Accept-Encoding": "gzip, deflate"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Content-Encoding"] == "gzip", name


def test_guide_nginx_config_runs_the_engine(browser, guide_server):
    context, page, guard = open_page(browser, guide_server, guide_server.base)
    try:
        info = page.evaluate(START)
        assert info["state"] == "ready" and info["version"] == PYODIDE_VERSION
        assert not page.errors
    finally:
        context.close()
    assert not guard.blocked


# Runs on the checker page: the engine, a check of an example, and what comes after ready.
PLAIN_HTTP_VISIT = """async ([document, name]) => {
  const { getEngine } = await import(new URL("../assets/checker/engine.mjs", location.href).href);
  const engine = getEngine();
  await engine.whenReady();
  const report = await engine.check(document, { name, lang: "id" });
  return { secure: isSecureContext, mode: engine.mode, note: engine.note, report,
           offline: await engine.whenOffline(), primed: await engine.whenPrimed() };
}"""


def test_over_plain_http_from_another_computer_the_engine_starts_from_its_snapshot(browser, server, tmp_path):
    """An intranet server reached over plain http:// (not localhost) gives no secure context: no
    crypto.subtle, no service worker. The snapshot is then checked with sha256.mjs (it was refused
    before, and the engine always took the slow normal start), and prime.mjs makes the browser
    keep the compiled code of Pyodide's script with its HTTP cache, for the next visit."""
    port = urlsplit(server.base).port
    base = server.base.replace(f"127.0.0.1:{port}", f"intranet.test:{port}")
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True,
        args=CHROMIUM_ARGS + ["--host-resolver-rules=MAP intranet.test 127.0.0.1"])
    # Requests are watched, not routed: routing turns the browser's HTTP cache off.
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    document = json.loads(json.dumps(tomllib.loads(EXAMPLES[0].read_text(encoding="utf-8")), default=str))
    expected = json.loads(json.dumps(check_document(document, EXAMPLES[0].name, "id", None), default=str))
    errors: list[str] = []
    trace: list[dict[str, Any]] = []
    try:
        cdp = context.new_cdp_session(context.pages[0] if context.pages else context.new_page())
        finished: list[bool] = []
        cdp.on("Tracing.dataCollected", lambda params: trace.extend(params["value"]))
        cdp.on("Tracing.tracingComplete", lambda params: finished.append(True))
        cdp.send("Tracing.start", {"traceConfig": {"includedCategories": ["devtools.timeline", "v8"]},
                                   "transferMode": "ReportEvents"})
        visits = []
        for _ in range(2):
            page = context.new_page()
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            assert page.goto(base + "periksa/").status == 200
            visits.append(page.evaluate(PLAIN_HTTP_VISIT, [document, EXAMPLES[0].name]))
            page.close()
        cdp.send("Tracing.end")
        deadline = time.monotonic() + 20
        while not finished and time.monotonic() < deadline:
            context.pages[0].wait_for_timeout(100)
    finally:
        context.close()
    assert [url for url in requested if "/assets/checker/snapshot-" in url]  # the worker's too
    assert all(url.startswith(f"http://intranet.test:{port}/") for url in requested), requested
    for out in visits:
        assert out["secure"] is False
        assert out["mode"] == "snapshot", out["note"]
        assert out["report"] == expected
        assert out["offline"] is None
    assert [out["primed"] for out in visits] == [True, False]
    assert not errors
    consumed = runtime_script_compiles(trace)
    assert len(consumed) == 3 and consumed[:2] == [0, 0] and consumed[2] > 100_000, consumed
