"""The offline cache (service worker ``sw.js``) in Chromium, under the hosting guide's nginx config.

After one visit to the checker page, the checker works with the server stopped; a rebuild with a
changed rule is picked up on the next visit (no stale engine) and replaces the old cache. The site
is served from a folder that is a symbolic link, so a test can swap in another build at once, as an
admin copying a new build would. 127.0.0.1 counts as a secure origin, so service workers run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

from checker.api import check_document
from conftest import OriginGuard, Server, runtime_script_compiles, start_guide_nginx
from sitebuild import ROOT

pytestmark = pytest.mark.browser

EXAMPLE = sorted((ROOT / "examples").glob("*.toml"))[0]
RULE = "scope-institution"
CHANGED = " (aturan diubah)"

# Runs on the checker page: waits for the engine, the offline cache and prime.mjs (whose requests
# come after the offline cache's), then checks the example.
CHECK = """async ([document, name]) => {
  const { getEngine } = await import(new URL("../assets/checker/engine.mjs", location.href).href);
  const engine = getEngine();
  engine.start();
  await engine.whenReady();
  const offline = await engine.whenOffline();
  await engine.whenPrimed();
  const report = await engine.check(document, { name, lang: "id" });
  return { mode: engine.mode, offline, report, controlled: Boolean(navigator.serviceWorker.controller),
           caches: await caches.keys(), fromCache: engine.fromCache.map((url) => url.split("/").pop()),
           version: engine.version };
}"""


def as_json(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


def build_changed_site(dest: Path, work: Path, offline: bool = True) -> Path:
    """A build of a copy of the project in which one rule's title has changed."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, work / name)
    # Uncommitted changes of the working tree are part of what is tested.
    (work / "node_modules").symlink_to(ROOT / "node_modules")
    messages = work / "checker/messages/id.toml"
    text = messages.read_text(encoding="utf-8")
    title = 'title = "Unit termasuk dalam cakupan PermenPANRB 4/2025"'
    assert title in text
    messages.write_text(text.replace(title, title[:-1] + CHANGED + '"', 1), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ASN_PROFILE="", ASN_OFFLINE="1" if offline else "0")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(dest)],
                   cwd=work, env=env, check=True)
    return dest


@pytest.fixture
def live(built_site: Path, tmp_path: Path) -> Iterator[tuple[Any, Server, Path]]:
    """nginx (the guide's config) serving a folder that is a link to the session's build."""
    link = tmp_path / "live"
    link.symlink_to(built_site)
    proc, srv = start_guide_nginx(link, tmp_path / "nginx")
    yield proc, srv, link
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)


def wait_until(page: Any, script: str, arg: Any = None, seconds: float = 20) -> None:
    """Evaluates the async ``script`` until it returns true (``wait_for_function`` would take the
    promise an async function returns as true at once)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(script, arg):
        if time.monotonic() > deadline:
            state = page.evaluate("""async () => { const r = await navigator.serviceWorker.getRegistration();
              return { keys: await caches.keys(), active: r && r.active && r.active.scriptURL,
                       waiting: Boolean(r && r.waiting), installing: Boolean(r && r.installing),
                       sw: await (await fetch(new URL("../sw.js", location.href), {cache: "no-store"})).text() }; }""")
            state["sw"] = [line for line in state["sw"].splitlines() if "BUILD =" in line]
            raise AssertionError(f"still false after {seconds} s: {script}; {state}")
        time.sleep(0.2)


def swap(link: Path, target: Path) -> None:
    new = link.with_name("live.new")
    new.symlink_to(target)
    os.replace(new, link)


def checker_context(browser: Any, srv: Server) -> tuple[Any, Any, list[str]]:
    context = browser.new_context()
    guard = OriginGuard(["{0}://{1}/".format(*urlsplit(srv.base))])
    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    context.guard = guard
    return context, page, errors


def test_after_one_visit_the_checker_works_with_the_server_stopped(browser, live):
    proc, srv, _ = live
    document = as_json(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    expected = check_document(document, EXAMPLE.name, "id", None)
    context, page, errors = checker_context(browser, srv)
    try:
        page.goto(srv.base + "periksa/")
        first = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert first["mode"] == "snapshot" and first["report"] == as_json(expected)
        assert first["offline"] and first["offline"]["kept"] > 10, first["offline"]
        proc.terminate()
        proc.wait(timeout=10)
        with pytest.raises(Exception):  # the server is really gone
            page.request.get(srv.base + "periksa/", timeout=3000)
        assert page.reload().status == 200
        page.wait_for_selector("#ck-root[data-ck-ready]")
        again = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert again["controlled"] and again["mode"] == "snapshot"
        assert again["report"] == as_json(expected)
        assert not errors
    finally:
        context.close()
    assert not context.guard.blocked


# The Date header of the kept copies of network-first files (the checker page, Material's site map
# and search index).
KEPT_DATES = """async (names) => {
  const cache = await caches.open((await caches.keys())[0]);
  const dates = {};
  for (const name of names) {
    const hit = await cache.match(new URL(name, location.href).href);
    dates[name] = hit && hit.headers.get("date");
  }
  return dates;
}"""


def test_a_repeat_visit_does_not_write_the_kept_files_again(browser, live):
    """The same build has the same files: the service worker keeps a page or script once, rather
    than writing it again on every visit (which held its answers back)."""
    _, srv, _ = live
    document = as_json(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    names = ["./", "../sitemap.xml", "../search/search_index.json"]
    context, page, errors = checker_context(browser, srv)
    try:
        page.goto(srv.base + "periksa/")
        first = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert first["offline"] and first["offline"]["kept"] > 10, first["offline"]
        kept = page.evaluate(KEPT_DATES, names)
        assert all(kept.values()), kept
        time.sleep(1.1)  # a copy written again would carry a later Date
        page.reload()
        again = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert again["controlled"] and again["mode"] == "snapshot"
        assert page.evaluate(KEPT_DATES, names) == kept
        assert not errors
    finally:
        context.close()
    assert not context.guard.blocked


def test_a_repeat_visit_reads_the_runtime_and_snapshot_straight_from_the_offline_cache(browser, live):
    """Not through the service worker's fetch handler (kept.mjs): that made a repeat visit slower."""
    _, srv, _ = live
    document = as_json(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    expected = as_json(check_document(document, EXAMPLE.name, "id", None))
    context, page, errors = checker_context(browser, srv)
    try:
        page.goto(srv.base + "periksa/")
        first = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert first["fromCache"] == []  # nothing kept yet
        page.reload()
        again = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert again["mode"] == "snapshot" and again["report"] == expected
        read = sorted(name.split("-")[0] if "-" in name else name for name in again["fromCache"])
        assert read == ["engine", "pyodide.asm.wasm", "snapshot"], again["fromCache"]
        assert not errors
    finally:
        context.close()
    assert not context.guard.blocked


# Run on the checker page: the engine and the offline cache, then prime.mjs (which comes after).
KEPT = """async () => {
  const { getEngine } = await import(new URL("../assets/checker/engine.mjs", location.href).href);
  const engine = getEngine();
  engine.start();
  await engine.whenReady();
  return { mode: engine.mode, offline: await engine.whenOffline() };
}"""
PRIMED = """async () => {
  const { getEngine } = await import(new URL("../assets/checker/engine.mjs", location.href).href);
  return await getEngine().whenPrimed();
}"""


def test_after_one_visit_the_next_visit_compiles_pyodide_s_script_from_the_code_cache(browser, live, tmp_path):
    """Chromium keeps a script's compiled code only from its second run: prime.mjs gives it that run
    on the first visit, once the offline cache holds the runtime, so the next visit does not compile
    the 1.25 MB script again. It downloads nothing, and runs once per build."""
    _, srv, _ = live
    log = tmp_path / "nginx" / "access.log"
    context, page, errors = checker_context(browser, srv)
    browser.start_tracing(categories=["devtools.timeline", "v8"])
    trace = b""
    try:
        page.goto(srv.base + "periksa/")
        first = page.evaluate(KEPT)
        assert first["mode"] == "snapshot" and first["offline"], first
        seen = len(log.read_text().splitlines())
        assert page.evaluate(PRIMED) is True
        asked = server_requests(log, seen)
        # Its own script and the runtime's two scripts at most: no wasm, no standard library.
        assert all(a.endswith(".mjs") or ".mjs?v=" in a for a in asked), asked
        page.reload()
        again = page.evaluate(KEPT)
        assert again["mode"] == "snapshot"
        assert page.evaluate(PRIMED) is False  # once per build
        assert not errors
    finally:
        trace = browser.stop_tracing()
        context.close()
    assert not context.guard.blocked
    consumed = runtime_script_compiles(json.loads(trace)["traceEvents"])
    # The first visit's engine, prime.mjs, the repeat visit's engine.
    assert len(consumed) == 3, consumed
    assert consumed[0] == 0 and consumed[1] == 0
    assert consumed[2] > 100_000, consumed  # Pyodide's set-up too, not only the outer level


def server_requests(log: Path, since: int) -> list[str]:
    """The addresses (path and query) asked of nginx after the first ``since`` lines of its log."""
    return [line.split('"')[1].split()[1] for line in log.read_text().splitlines()[since:]]


def test_a_repeat_visit_takes_the_scripts_and_styles_from_the_offline_cache(browser, live, tmp_path):
    """Their addresses name their content (?v=<hash>, Material's hashed names): the service worker
    answers from its cache without asking the server (sitegen/versioned.py, sw.js)."""
    _, srv, _ = live
    log = tmp_path / "nginx" / "access.log"
    document = as_json(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    context, page, errors = checker_context(browser, srv)
    try:
        page.goto(srv.base + "periksa/")
        first = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert first["offline"] and first["offline"]["kept"] > 10, first["offline"]
        asked = server_requests(log, 0)
        versioned = [a for a in asked if "?v=" in a or ".min." in a]
        assert any("/worker.mjs?v=" in a for a in versioned) and any("manifest.json?v=" in a for a in asked)
        assert any("/bundle." in a for a in versioned), asked
        seen = len(log.read_text().splitlines())
        page.reload()
        again = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert again["controlled"] and again["mode"] == "snapshot"
        asked = server_requests(log, seen)
        assert any(a.endswith("/periksa/") for a in asked), asked  # the page itself is always asked for
        # Material's search worker starts only once the engine is ready (early.js), after the page
        # has told the service worker what to keep: it is kept when first asked for, on this visit.
        assert not [a for a in asked if "?v=" in a or (".min." in a and "/workers/search." not in a)], asked
        assert not errors
    finally:
        context.close()
    assert not context.guard.blocked


def test_a_rebuild_with_a_changed_rule_is_used_on_the_next_visit(browser, live, built_site, tmp_path):
    _, srv, link = live
    changed = build_changed_site(tmp_path / "site-b", tmp_path / "work")
    document = as_json(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    context, page, errors = checker_context(browser, srv)

    def title(report: dict[str, Any]) -> str:
        return next(r["title"] for r in report["results"] if r["rule"] == RULE)

    try:
        page.goto(srv.base + "periksa/")
        first = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert not title(first["report"]).endswith(CHANGED)
        old_caches = first["caches"]
        assert len(old_caches) == 1
        swap(link, changed)
        page.reload()
        second = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert title(second["report"]).endswith(CHANGED)  # the new engine, not the cached one
        assert second["mode"] == "snapshot"
        assert second["offline"]["build"] != first["offline"]["build"]  # kept by the new worker
        # The new build's service worker took over and removed the old cache.
        wait_until(page, "async (old) => { const keys = await caches.keys();"
                   " return keys.length === 1 && keys[0] !== old; }", old_caches[0])
        # The runtime has the same address in both builds: the new cache keeps it too, also when
        # the new worker read it from the old cache.
        wasm = f"../assets/pyodide/{second['version']}/pyodide.asm.wasm"
        assert page.evaluate("async (url) => Boolean(await caches.match(new URL(url, location.href).href))", wasm)
        assert not errors
    finally:
        context.close()
    assert not context.guard.blocked


def test_a_build_with_offline_0_removes_the_offline_cache(browser, live, tmp_path):
    """The hosting guide's way to turn the offline cache off: build with OFFLINE=0. The checker
    page removes the old worker and its cache itself once its engine is ready, and the old worker,
    still answering the open page, does not make its cache again."""
    _, srv, link = live
    plain = build_changed_site(tmp_path / "site-off", tmp_path / "work", offline=False)
    assert "unregister()" in (plain / "sw.js").read_text(encoding="utf-8")
    document = as_json(tomllib.loads(EXAMPLE.read_text(encoding="utf-8")))
    context, page, errors = checker_context(browser, srv)
    try:
        page.goto(srv.base + "periksa/")
        first = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert first["offline"] and len(first["caches"]) == 1
        swap(link, plain)
        page.reload()
        second = page.evaluate(CHECK, [document, EXAMPLE.name])
        assert second["offline"] is None
        # The checker page (or else the build's sw.js, the remover) deletes the cache and the worker.
        wait_until(page, "async () => (await caches.keys()).length === 0 &&"
                   " (await navigator.serviceWorker.getRegistrations()).length === 0")
        # The old worker may still answer this page's requests; it must not make its cache again.
        page.evaluate("async () => { await (await fetch('./')).text(); await (await fetch('../')).text(); }")
        assert page.evaluate("async () => (await caches.keys()).length") == 0
        assert not errors
    finally:
        context.close()
    assert not context.guard.blocked
