"""Helpers for the checker page's browser tests: open the page, import a file, read the statuses
shown, and what the command-line engine says for the same input."""

from __future__ import annotations

import json
from pathlib import Path
from contextlib import contextmanager
from typing import Any, Iterator, Optional

from conftest import new_context

from checker.api import check_document
from checker.loader import parse_text

CHECKER = "periksa/"
RESULTS = "[data-testid=results]"
ENGINE_TIMEOUT = 60_000


def open_checker(page: Any, base: str, wait_engine: bool = True, suffix: str = "") -> None:
    page.goto(base + CHECKER + suffix)
    page.wait_for_selector("#ck-root[data-ck-ready]")
    if wait_engine:
        page.wait_for_selector("#ck-engine[data-state=ready]", timeout=ENGINE_TIMEOUT)


@contextmanager
def checker_session(browser: Any, server: Any, **context_args: Any) -> Iterator[Any]:
    """One checker page for a whole module, guarded: it must make no outside request and raise no
    script error while the module runs."""
    context, guard = new_context(browser, server, **context_args)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    open_checker(page, server.base)
    yield page
    context.close()
    assert not guard.blocked, f"requests left the local origin: {guard.blocked}"
    assert not errors, f"errors on the checker page: {errors}"


def wait_results(page: Any, container: str = RESULTS) -> str:
    """Waits until the results container has finished; returns its data-state."""
    page.wait_for_selector(f"{container}:not([data-state=loading])", timeout=ENGINE_TIMEOUT)
    return page.get_attribute(container, "data-state")


def import_file(page: Any, path: Path, replace: bool = True) -> str:
    """Imports a file; when the page asks before replacing other work, answers "replace" (or,
    with ``replace=False``, leaves the question open)."""
    page.set_input_files("[data-testid=import-file]", str(path))
    state = wait_results(page)
    if replace and page.locator("#ck-replace").is_visible():
        page.click("#ck-replace-yes")
        state = wait_results(page)
    return state


def shown_statuses(page: Any, container: str = RESULTS) -> dict[str, str]:
    return page.eval_on_selector_all(
        f"{container} [data-rule]",
        "els => Object.fromEntries(els.map(e => [e.dataset.rule, e.dataset.status]))")


def write_json(document: Any, path: Path) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False, default=str, indent=1), encoding="utf-8")
    return path


def cli_statuses(document: Any, profile: Optional[dict[str, Any]] = None, name: Optional[str] = None) -> dict[str, str]:
    """The engine's answer on CPython (what `python -m checker check --format json` prints)."""
    data = json.loads(json.dumps(document, default=str))
    result = check_document(data, name, "id", profile)
    assert "error" not in result, result.get("error")
    return {r["rule"]: r["status"] for r in result["results"]}


def cli_statuses_of_file(path: Path, profile: Optional[dict[str, Any]] = None) -> dict[str, str]:
    return cli_statuses(parse_text(path.read_text(encoding="utf-8"), path.name), profile, path.name)


def exported(page: Any, button: str) -> str:
    """Clicks an export button and returns the downloaded file's text."""
    with page.expect_download() as info:
        page.click(button)
    return Path(info.value.path()).read_text(encoding="utf-8")


def finished(page: Any, action: Any, container: str = RESULTS) -> str:
    """Runs `action` (e.g. a click) and waits for the results container's next finished run."""
    before = page.get_attribute(container, "data-done") or "0"
    action()
    page.wait_for_function(
        "([sel, n]) => { const el = document.querySelector(sel);"
        " return el.dataset.done !== n && el.dataset.state !== 'loading'; }",
        arg=[container, before], timeout=ENGINE_TIMEOUT)
    return page.get_attribute(container, "data-state")
