"""Accessibility of the checker page with results, problems and an open employee shown: axe-core
finds no violation of any impact, in the light and the dark palette (handbook pages: none serious). axe is injected from node_modules, so these contexts
bypass the CSP (these tests only)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from checker_support import finished, import_file, open_checker
from conftest import ROOT, new_context

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Parts of the form are skipped by content-visibility while off screen; axe must see them all.
SHOW_ALL = ".ck * { content-visibility: visible !important; }"
NOTHING_EXCLUDED: list[str] = []  # the whole page, theme included (a11y.js names the search dialog)
SERIOUS = ("serious", "critical")


def axe_context(browser: Any, server: Any, **options: Any) -> tuple[Any, Any]:
    """A context that lets axe-core in (it bypasses the CSP); skips when axe is not installed."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    return new_context(browser, server, bypass_csp=True, **options)


def axe_violations(page: Any, scope: str = "document", arg: Any = None,
                   impacts: Any = None) -> list[dict[str, Any]]:
    """Injects axe-core and runs it on ``scope`` (JavaScript, given ``arg``); the violations (of
    ``impacts`` only, when given), each with its id, impact, help and first five nodes."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"async (arg) => await axe.run({scope}, {{resultTypes: ['violations']}})", arg)
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
            for v in result["violations"] if impacts is None or v["impact"] in impacts]


def _calendar_example(tmp_path: Any) -> Any:
    """The counter example moved to 11-15 May 2026 (a holiday and cuti bersama), with a duty."""
    from checker.loader import parse_text

    doc = json.loads(json.dumps(parse_text((ROOT / "examples" / "loket-pelayanan.toml").read_text(
        encoding="utf-8"), "loket"), default=str))
    doc["period"] = {"start": "2026-05-11", "end": "2026-05-15"}
    doc["employees"][0]["dates"] = [{"date": "2026-05-14", "day": "wfo"}]
    path = tmp_path / "loket-mei-2026.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_results_with_calendar_marks_have_no_serious_violations(browser: Any, server: Any, scheme: str,
                                                               tmp_path: Any) -> None:
    context, guard = axe_context(browser, server, color_scheme=scheme)
    try:
        page = context.new_page()
        open_checker(page, server.base)
        assert import_file(page, _calendar_example(tmp_path)) == "ready"
        assert page.locator("[data-testid=results] .ck-calendar-notes li").count() >= 2
        page.add_style_tag(content=SHOW_ALL)
        serious = axe_violations(page, "document.querySelector('[data-testid=results]')", impacts=SERIOUS)
        assert not serious, f"axe ({scheme}) found serious or critical violations:\n{json.dumps(serious, indent=1)}"
    finally:
        context.close()
    assert not guard.blocked


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checker_page_has_no_violations(browser: Any, server: Any, scheme: str) -> None:
    context, guard = axe_context(browser, server, color_scheme=scheme)
    try:
        page = context.new_page()
        open_checker(page, server.base)
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        assert import_file(page, ROOT / "examples" / "loket-pelayanan.toml") == "ready"
        page.locator("#ck-roster-body tr.ck-row [data-act=detail]").first.click()
        page.select_option("#ck-i-status", "pns")
        finished(page, lambda: page.click("#ck-ind-check"), "[data-testid=individual-results]")
        page.click("#ck-roster-body tr.ck-detail [data-list='dates'] [data-list-add]")  # an entry list
        page.fill("#ck-f-period-end", "2000-01-01")  # a problem, marked at its field
        finished(page, lambda: page.click("#ck-check"))
        assert page.locator("#ck-errors").is_visible()
        page.add_style_tag(content=SHOW_ALL)
        found = axe_violations(page, "{exclude: arg.map((s) => [s])}", NOTHING_EXCLUDED)
        assert not found, f"axe ({scheme}) found violations:\n{json.dumps(found, indent=1)}"
    finally:
        context.close()
    assert not guard.blocked


@pytest.mark.parametrize("path", ["", "referensi/aturan/", "prinsip/layanan-publik/", "referensi/contoh/",
                                  "referensi/kalender/"])
def test_handbook_pages_have_no_serious_violations(browser: Any, server: Any, path: str) -> None:
    context, guard = axe_context(browser, server)
    try:
        page = context.new_page()
        page.goto(server.base + path)
        serious = axe_violations(page, impacts=SERIOUS)
        assert not serious, f"axe found serious or critical violations on /{path}:\n" + \
            json.dumps(serious, indent=1)
    finally:
        context.close()
    assert not guard.blocked
