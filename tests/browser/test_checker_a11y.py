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


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checker_page_has_no_violations(browser: Any, server: Any, scheme: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    context, guard = new_context(browser, server, bypass_csp=True, color_scheme=scheme)
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
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async (exclude) => await axe.run({exclude: exclude.map((s) => [s])},"
                               " {resultTypes: ['violations']})", NOTHING_EXCLUDED)
        found = result["violations"]
        detail = json.dumps([{"id": v["id"], "impact": v["impact"], "help": v["help"],
                              "nodes": [n["target"] for n in v["nodes"][:5]]} for v in found], indent=1)
        assert not found, f"axe ({scheme}) found violations:\n{detail}"
    finally:
        context.close()
    assert not guard.blocked


@pytest.mark.parametrize("path", ["", "referensi/aturan/", "prinsip/layanan-publik/", "referensi/contoh/"])
def test_handbook_pages_have_no_serious_violations(browser: Any, server: Any, path: str) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    context, guard = new_context(browser, server, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(server.base + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe found serious or critical violations on /{path}:\n" + \
            json.dumps(serious, indent=1)
    finally:
        context.close()
    assert not guard.blocked
