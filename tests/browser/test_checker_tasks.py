"""The checker page as three new users meet it, on a phone (390x844) and a laptop (1366x768):
a staff member checking their own week, a unit head filling in a six-person unit from nothing
(and fixing an error from the summary), an HR officer importing a file and a spreadsheet. Also
what must never happen to their work (a share link or an example replacing a draft without
asking, a removed person gone for good) and the layout each screen needs.
"""

from __future__ import annotations

import json
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import pytest
from checker_support import (
    ENGINE_TIMEOUT,
    RESULTS,
    cli_statuses,
    cli_statuses_of_file,
    exported,
    finished,
    import_file,
    open_checker,
    shown_statuses,
    wait_results,
)
from conftest import ROOT, new_context

from checker.loader import parse_text

pytestmark = pytest.mark.browser

EXAMPLES = ROOT / "examples"
INDIVIDUAL = "[data-testid=individual-results]"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}
SIZES = [pytest.param(PHONE, id="390x844"), pytest.param(LAPTOP, id="1366x768")]
PATH = re.compile(r"\b(employees\[\d+\]|unit\.|period\.|agency\.|digital\.|monitoring\.|complaints\.)[a-z_]")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@contextmanager
def checker_page(browser: Any, server: Any, viewport: dict[str, int], wait_engine: bool = True,
                 **kwargs: Any) -> Iterator[Any]:
    context, guard = new_context(browser, server, viewport=viewport, accept_downloads=True, **kwargs)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        open_checker(page, server.base, wait_engine=wait_engine)
        yield page
    finally:
        context.close()
    assert not guard.blocked, f"requests left the local origin: {guard.blocked}"
    assert not errors, f"errors on the checker page: {errors}"


def document_of(path: Path) -> dict[str, Any]:
    return json.loads(json.dumps(parse_text(path.read_text(encoding="utf-8"), path.name), default=str))


def export_json(page: Any) -> dict[str, Any]:
    return json.loads(exported(page, "#ck-export-json"))


def rows(page: Any) -> Any:
    return page.locator("#ck-roster-body tr.ck-row")


def row_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#ck-roster-body tr.ck-row [data-path=id]", "els => els.map(e => e.value)")


# ---- the three people's tasks ------------------------------------------------------------------

def answer_individual(page: Any, week: dict[str, str]) -> None:
    page.select_option("#ck-i-status", "pns")
    for day in DAYS:
        page.select_option(f"#ck-i-week-{day}", week.get(day, "off"))
    for name in ("tasks-outside-office", "tasks-ict", "tasks-minimal-face-to-face", "skp-targets", "work-plan",
                 "home-is-recorded-domicile", "other-location-set-by-agency"):
        if page.locator(f"#ck-i-{name}-yes").is_visible():
            page.check(f"#ck-i-{name}-yes")
    for name in ("tasks-no-special-equipment", "tasks-no-continuous-supervision"):
        page.check(f"#ck-i-{name}-no")  # "needs special equipment?" - no
    page.select_option("#ck-i-disciplinary", "none")
    page.select_option("#ck-i-new-in-post", "no")
    page.fill("#ck-i-years-of-service", "5")


@pytest.mark.parametrize("viewport", SIZES)
def test_staff_member_gets_a_yes_or_no_for_their_own_week(browser: Any, server: Any, viewport: dict[str, int]) -> None:
    with checker_page(browser, server, viewport) as page:
        page.click(".ck-skip a[href$='#individu']")
        answer_individual(page, {"mon": "wfh", "tue": "wfh", "wed": "wfh", "thu": "wfo", "fri": "wfo"})
        assert finished(page, lambda: page.click("#ck-ind-check"), INDIVIDUAL) == "ready"
        headline = page.inner_text("#ck-ind-summary")
        assert headline.startswith("Tidak:") and "2 hari" in headline, headline
        answer = page.inner_text(f"{INDIVIDUAL} .ck-panel")
        assert "Anda" in answer and "Ubah" in answer, "the reason and what to change, in the second person"
        assert "pegawai bekerja di luar kantor" not in answer, "not a manager's sentence"
        # Details on demand: the rules are folded, and only rules about one person are there.
        assert not page.locator(f"{INDIVIDUAL} [data-rule]").first.is_visible()
        assert "location-max-days" in shown_statuses(page, INDIVIDUAL)
        assert not any(r.startswith(("service-", "spbe-", "complaints-")) for r in shown_statuses(page, INDIVIDUAL))
        page.select_option("#ck-i-week-wed", "wfo")
        finished(page, lambda: page.click("#ck-ind-check"), INDIVIDUAL)
        assert page.inner_text("#ck-ind-summary").startswith("Ya, boleh")
        page.click(f"{INDIVIDUAL} details > summary")
        assert page.locator(f"{INDIVIDUAL} [data-rule=location-max-days]").is_visible()


@pytest.mark.parametrize("viewport", SIZES)
def test_unit_head_fills_a_six_person_unit_and_fixes_an_error_from_the_summary(
        browser: Any, server: Any, viewport: dict[str, int]) -> None:
    with checker_page(browser, server, viewport) as page:
        assert page.get_attribute("#ck-ts-unit", "data-status") == "not-started"
        page.click("#ck-tasks a[data-goto=unit]")
        assert page.evaluate("document.activeElement.id") == "ck-task-unit-h"
        page.fill("#ck-f-unit-name", "Subbagian Keuangan")
        page.fill("#ck-f-unit-agency", "Dinas Contoh")
        page.check("#ck-f-unit-agency-adopted-yes")
        page.fill("#ck-f-period-start", "2025-07-07")
        page.fill("#ck-f-period-end", "2025-07-11")
        assert page.get_attribute("#ck-ts-unit", "data-status") == "in-progress"
        for _ in range(5):
            page.click("#ck-add")
        assert row_ids(page) == ["P1", "P2", "P3", "P4", "P5", "P6"]
        for i in range(6):
            row = rows(page).nth(i)
            row.locator("[data-path=name]").fill(f"Pegawai Keuangan {i + 1}")
            if i != 3:
                row.locator("[data-path=status]").select_option("pns")
        rows(page).nth(1).locator("[data-path='week.tue']").select_option("wfh")
        assert finished(page, lambda: page.click("#ck-check")) == "error"
        summary = page.locator("#ck-errors")
        assert page.evaluate("document.activeElement.id") == "ck-errors"
        items = summary.locator("li").all_inner_texts()
        assert items == ["Pegawai 4 (P4), Status kepegawaian: wajib diisi."]
        assert page.get_attribute("#ck-ts-employees", "data-status") == "attention"
        assert page.inner_text(f"#{rows(page).nth(3).locator('[data-path=status]').get_attribute('id')}-error") == "Wajib diisi."
        summary.locator("a").first.click()
        focused = page.evaluate("[document.activeElement.dataset.path, document.activeElement.closest('tr').querySelector('[data-path=id]').value]")
        assert focused == ["status", "P4"]
        page.select_option(f"#{page.evaluate('document.activeElement.id')}", "pppk")
        assert finished(page, lambda: page.click("#ck-check")) == "ready"
        assert page.locator("#ck-errors").is_hidden()
        doc = export_json(page)
        assert [e["status"] for e in doc["employees"]] == ["pns", "pns", "pns", "pppk", "pns", "pns"]
        assert shown_statuses(page) == cli_statuses(doc)
        assert page.get_attribute("#ck-ts-employees", "data-status") == "completed"


@pytest.mark.parametrize("viewport", SIZES)
def test_hr_officer_imports_a_file_and_a_staff_spreadsheet(browser: Any, server: Any, viewport: dict[str, int],
                                                            tmp_path: Path) -> None:
    path = EXAMPLES / "bagian-umum.toml"
    with checker_page(browser, server, viewport) as page:
        assert import_file(page, path) == "ready"
        assert shown_statuses(page) == cli_statuses_of_file(path)
        assert page.locator("#ck-summary").is_visible()
        csv = exported(page, "#ck-csv-export")
        lines = csv.lstrip("\ufeff").splitlines()
        assert lines[0].startswith("Kode pegawai;") and len(lines) == 1 + len(document_of(path)["employees"])
        # The officer edits the spreadsheet: one more person, then opens it here.
        (tmp_path / "pegawai.csv").write_text(csv + "BU-99;Pegawai Baru;PNS;;;;WFO (di kantor);WFO (di kantor);"
                                               "WFO (di kantor);WFO (di kantor);WFO (di kantor);;\r\n", encoding="utf-8")
        assert finished(page, lambda: page.set_input_files("[data-testid=csv-file]", str(tmp_path / "pegawai.csv"))) == "ready"
        assert "dimuat" in page.inner_text("#ck-status")
        doc = export_json(page)
        assert doc["employees"][:-1] == document_of(path)["employees"], "everyone else is kept as it was"
        assert doc["employees"][-1]["id"] == "BU-99"


# ---- nothing replaced without asking, nothing dropped --------------------------------------------

def share_url(browser: Any, server: Any) -> str:
    context, guard = new_context(browser, server)
    try:
        page = context.new_page()
        open_checker(page, server.base, wait_engine=False)
        page.fill("#ck-f-unit-name", "Unit Dibagikan")
        page.click("#ck-share")
        page.wait_for_function("() => document.querySelector('#ck-share-url').value.includes('#data=')")
        return page.input_value("#ck-share-url")
    finally:
        context.close()
        assert not guard.blocked


def wait_for_question(page: Any) -> None:
    """Waits for the "replace?" question with its words (they are filled in once the link's
    contents are read)."""
    page.wait_for_function("""() => {
        const box = document.querySelector('#ck-replace');
        return box && !box.hidden && document.querySelector('#ck-replace-text').textContent.trim() !== '';
    }""", timeout=ENGINE_TIMEOUT)


@pytest.mark.parametrize("viewport", SIZES)
def test_share_link_into_a_browser_with_another_draft_asks_and_keeps_it(browser: Any, server: Any,
                                                                         viewport: dict[str, int]) -> None:
    url = share_url(browser, server)
    with checker_page(browser, server, viewport, wait_engine=False) as page:
        page.fill("#ck-f-unit-name", "Draf Saya")
        page.keyboard.press("Tab")  # the draft is saved on change
        page.wait_for_function("() => Object.keys(localStorage).some("
                               "k => (localStorage.getItem(k) || '').includes('Draf Saya'))")
        page.evaluate("() => { document.getElementById('ck-root').dataset.testSame = '1'; }")
        page.goto(url)
        page.wait_for_selector("#ck-root[data-ck-ready]")
        wait_for_question(page)
        page.wait_for_function("() => document.querySelector('#ck-f-unit-name').value === 'Draf Saya'")
        question = page.inner_text("#ck-replace")
        # The same page answers the link: Material does not re-create it (early.js), so the
        # question is asked once.
        assert page.evaluate("() => document.getElementById('ck-root').dataset.testSame") == "1"
        assert "Draf Saya" in question and "tautan berbagi" in question, question
        assert page.input_value("#ck-f-unit-name") == "Draf Saya", "nothing replaced while asking"
        with page.expect_download() as info:
            page.click("#ck-replace-download")
        assert json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["unit"]["name"] == "Draf Saya"
        page.click("#ck-replace-keep")
        assert page.locator("#ck-replace").is_hidden()
        assert page.input_value("#ck-f-unit-name") == "Draf Saya"
        assert "tetap" in page.inner_text("#ck-status")
        assert "#data=" not in page.url
        page.reload()
        page.wait_for_selector("#ck-root[data-ck-ready]")
        assert page.input_value("#ck-f-unit-name") == "Draf Saya", "the kept draft is still the saved one"
        # Loading an example into the draft asks too; "replace" then loads it.
        page.click("#ck-load-example")
        wait_for_question(page)
        assert finished(page, lambda: page.click("#ck-replace-yes")) == "ready"
        assert page.input_value("#ck-f-unit-name") != "Draf Saya"


@pytest.mark.parametrize("viewport", SIZES)
def test_a_removed_person_comes_back_with_undo(browser: Any, server: Any, viewport: dict[str, int]) -> None:
    with checker_page(browser, server, viewport, wait_engine=False) as page:
        page.click("#ck-add")
        page.click("#ck-add")
        rows(page).nth(1).locator("[data-path=name]").fill("Siti")
        rows(page).nth(1).locator("[data-act=remove]").click()
        assert row_ids(page) == ["P1", "P3"]
        assert page.evaluate("document.activeElement.id") == "ck-undo-btn"
        assert "P2" in page.inner_text("#ck-undo")
        page.keyboard.press("Enter")
        assert row_ids(page) == ["P1", "P2", "P3"]
        assert rows(page).nth(1).locator("[data-path=name]").input_value() == "Siti"
        assert page.locator("#ck-undo").is_hidden()
        assert page.evaluate("document.activeElement.dataset.path") == "id"


def test_a_file_chosen_before_the_script_started_is_read(browser: Any, server: Any) -> None:
    context, guard = new_context(browser, server)
    held: list[Any] = []
    context.route("**/assets/checker/checker.mjs*", lambda route: held.append(route))  # *: ?v=<hash>
    try:
        page = context.new_page()
        page.goto(server.base + "periksa/")
        page.wait_for_selector("#ck-import", state="attached")
        page.set_input_files("#ck-import", str(EXAMPLES / "puskesmas.toml"))
        page.wait_for_timeout(200)
        assert held, "the page's script was held back"
        context.unroute("**/assets/checker/checker.mjs*")
        held[0].continue_()
        page.wait_for_selector("#ck-root[data-ck-ready]")
        assert wait_results(page) == "ready"
        assert shown_statuses(page) == cli_statuses_of_file(EXAMPLES / "puskesmas.toml")
    finally:
        context.close()
    assert not guard.blocked


def test_results_stay_loading_until_a_queued_check_has_finished(browser: Any, server: Any) -> None:
    context, guard = new_context(browser, server, viewport=LAPTOP)
    held: list[Any] = []
    context.route("**/assets/checker/engine-*.zip", lambda route: held.append(route))  # a slow start
    try:
        page = context.new_page()
        open_checker(page, server.base, wait_engine=False)
        page.evaluate("""() => {
            window.__states = [];
            const el = document.querySelector('[data-testid=results]');
            new MutationObserver(() => window.__states.push([el.dataset.state,
                el.querySelectorAll('[data-rule]').length + document.querySelectorAll('#ck-errors:not([hidden])').length]))
              .observe(el, {attributes: true, attributeFilter: ['data-state']});
        }""")
        page.click("#ck-check")  # queued: the engine is still starting
        page.wait_for_timeout(300)
        assert page.get_attribute(RESULTS, "data-state") == "loading"
        assert held, "the engine's start was held back"
        context.unroute("**/assets/checker/engine-*.zip")
        for route in held:  # the snapshot path asks for the engine zip twice (file system, stdlib)
            route.continue_()
        page.wait_for_function("() => window.__states.some(([s]) => s !== 'loading')", timeout=ENGINE_TIMEOUT)
        states = page.evaluate("window.__states")
        first_done = next(s for s in states if s[0] != "loading")
        assert first_done[0] == "error" and first_done[1] > 0, f"finished without the check's answer: {states}"
    finally:
        context.close()
    assert not guard.blocked


# ---- layout ---------------------------------------------------------------------------------------

def six_people(tmp_path: Path) -> Path:
    doc = document_of(EXAMPLES / "bagian-umum.toml")
    doc["employees"] = doc["employees"][:6]
    for i, e in enumerate(doc["employees"]):
        e["name"] = f"Nama Pegawai Cukup Panjang {i + 1}"
    path = tmp_path / "enam.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_laptop_roster_shows_every_day_and_each_name_without_scrolling_sideways(browser: Any, server: Any,
                                                                                 tmp_path: Path) -> None:
    with checker_page(browser, server, LAPTOP) as page:
        import_file(page, six_people(tmp_path))
        page.locator("#ck-roster").scroll_into_view_if_needed()
        box = page.evaluate("""() => {
            const wrap = document.querySelector('.ck-table-wrap');
            const r = (el) => { const b = el.getBoundingClientRect(); return [b.left, b.right, b.width]; };
            return {scroll: wrap.scrollWidth, client: wrap.clientWidth, page: document.documentElement.scrollWidth,
                    wrap: r(wrap), days: [...document.querySelectorAll('th.ck-col-day')].map(r),
                    names: [...document.querySelectorAll('#ck-roster-body [data-path=name]')].map(r),
                    actions: [...document.querySelectorAll('#ck-roster-body .ck-actions')].map(r)};
        }""")
        assert box["scroll"] <= box["client"] and box["page"] <= LAPTOP["width"], box
        left, right = box["wrap"][0], box["wrap"][1]
        assert len(box["days"]) == 7 and len(box["names"]) == 6
        for l, r, w in box["days"] + box["names"] + box["actions"]:
            assert w > 0 and l >= left - 0.5 and r <= right + 0.5, box


def test_phone_shows_one_card_per_person_and_cuts_off_no_control(browser: Any, server: Any, tmp_path: Path) -> None:
    with checker_page(browser, server, PHONE) as page:
        import_file(page, six_people(tmp_path))
        rows(page).nth(0).locator("[data-act=detail]").click()
        assert page.evaluate("getComputedStyle(document.querySelector('#ck-roster-body tr.ck-row')).display") == "grid"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        cut = page.evaluate("""() => [...document.querySelectorAll(
                '#ck-root input:not([type=hidden]), #ck-root select, #ck-root textarea, #ck-root button, #ck-root a[href], #ck-root summary')]
            .filter((el) => el.checkVisibility())
            .map((el) => [el.id || el.textContent.trim().slice(0, 30), el.getBoundingClientRect()])
            .filter(([, b]) => b.width > 0 && (b.left < -0.5 || b.right > innerWidth + 0.5))
            .map(([name, b]) => `${name}: ${Math.round(b.left)}..${Math.round(b.right)}`)""")
        assert not cut, f"controls cut off at 390 px: {cut}"


# ---- keyboard and focus -----------------------------------------------------------------------------

def tabs_to(page: Any, element_id: str, limit: int = 250) -> int:
    """Tab presses from the top of a freshly opened page (the form is restored from autosave)."""
    page.reload()
    page.wait_for_selector("#ck-root[data-ck-ready]")
    for n in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == element_id:
            return n
    raise AssertionError(f"{element_id} not reached in {limit} Tab presses")


def test_tab_count_to_the_check_button_does_not_grow_with_the_roster(browser: Any, server: Any, tmp_path: Path) -> None:
    doc = document_of(EXAMPLES / "bagian-umum.toml")
    big = dict(doc, employees=[dict(doc["employees"][0], id=f"E{i}") for i in range(60)])
    (tmp_path / "besar.json").write_text(json.dumps(big), encoding="utf-8")
    with checker_page(browser, server, LAPTOP) as page:
        small = tabs_to(page, "ck-check")
        import_file(page, tmp_path / "besar.json")
        assert tabs_to(page, "ck-check") == small
        assert small <= 60


@pytest.mark.parametrize("viewport", SIZES)
def test_skip_links_reach_the_sections_and_the_check_button(browser: Any, server: Any, viewport: dict[str, int]) -> None:
    with checker_page(browser, server, viewport, wait_engine=False) as page:
        for link, target in (("check", "ck-check"), ("tasks", "ck-tasks-h"), ("individual", "individu-h")):
            page.locator(f".ck-skip a[data-goto={link}]").focus()
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == target


@pytest.mark.parametrize("viewport", SIZES)
def test_every_focusable_element_is_visible_when_focused(browser: Any, server: Any, viewport: dict[str, int]) -> None:
    with checker_page(browser, server, viewport, wait_engine=False) as page:
        page.focus("body")
        unseen = []
        for _ in range(70):
            page.keyboard.press("Tab")
            page.wait_for_timeout(30)
            info = page.evaluate("""() => {
                let el = document.activeElement;
                // The theme's switches are hidden radio buttons shown by their label.
                if (el.matches('input.md-option')) el = el.nextElementSibling;
                const b = el.getBoundingClientRect();
                const seen = el.checkVisibility({opacityProperty: false, visibilityProperty: true}) &&
                    b.width > 0 && b.height > 0 && b.right > 0 && b.bottom > 0 && b.left < innerWidth && b.top < innerHeight;
                return [seen, el.tagName + '.' + el.className + '#' + el.id];
            }""")
            if not info[0]:
                unseen.append(info[1])
        assert not unseen, f"focused but not visible: {unseen}"


def contrast(a: list[float], b: list[float]) -> float:
    def lum(c: list[float]) -> float:
        v = [x / 255 for x in c[:3]]
        v = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in v]
        return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]
    hi, lo = sorted([lum(a), lum(b)], reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_focus_ring_has_three_to_one_contrast_against_the_page(browser: Any, server: Any, scheme: str) -> None:
    with checker_page(browser, server, LAPTOP, wait_engine=False, color_scheme=scheme) as page:
        for selector in ("#ck-check", "#ck-f-unit-name", "#ck-f-unit-institution", "#ck-add",
                         ".ck-task-item a", "#ck-roster-body [data-path='week.mon']", "#ck-f-digital-e-kinerja-yes"):
            page.locator(selector).first.focus()
            page.keyboard.press("Shift+Tab")
            page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
            ring, page_bg = page.evaluate("""() => {
                const el = document.activeElement, cs = getComputedStyle(el);
                const rgb = (s) => s.match(/[\\d.]+/g).map(Number);
                let bg = null;
                for (let n = el.parentElement; n && !bg; n = n.parentElement) {
                    const c = getComputedStyle(n).backgroundColor;
                    if (!/rgba\\(0, 0, 0, 0\\)|transparent/.test(c)) bg = c;
                }
                bg = bg || getComputedStyle(document.body).backgroundColor;
                return [cs.outlineStyle === 'none' ? null : rgb(cs.outlineColor).concat([parseFloat(cs.outlineWidth)]), rgb(bg)];
            }""")
            assert ring is not None and ring[3] >= 3, f"{selector}: no focus ring"
            assert contrast(ring, page_bg) >= 3, f"{selector}: focus ring {ring} on {page_bg} ({scheme})"


# ---- print and records ------------------------------------------------------------------------------

def test_print_shows_every_rule_with_the_date_versions_and_approval(browser: Any, server: Any) -> None:
    from checker.version import versions

    with checker_page(browser, server, LAPTOP) as page:
        import_file(page, EXAMPLES / "puskesmas.toml")
        rules = len(shown_statuses(page))
        page.emulate_media(media="print")
        visible = page.eval_on_selector_all(f"{RESULTS} [data-rule]", "els => els.filter(e => e.checkVisibility()).length")
        assert visible == rules, "passed and not-applicable rules are printed too"
        record = page.inner_text("[data-testid=record]")
        assert "Diperiksa pada" in record and re.search(r"\d{1,2} \w+ 20\d\d pukul \d\d\.\d\d", record)
        v = versions()
        assert v["engine"]["version"] in record and v["data"]["version"] in record
        assert "Puskesmas" in record
        assert page.locator(".ck-approval").is_visible()
        assert "Tanda tangan" in page.inner_text(".ck-approval")
        assert not page.locator("#ck-form").is_visible()


def test_reports_carry_the_date_versions_and_links_that_work_elsewhere(browser: Any, server: Any) -> None:
    with checker_page(browser, server, LAPTOP) as page:
        import_file(page, EXAMPLES / "bagian-umum.toml")
        markdown = exported(page, "[data-report=markdown]")
        assert server.base + "referensi/aturan/#" in markdown, "absolute links to the handbook"
        assert "](../" not in markdown and "](referensi" not in markdown
        report = json.loads(exported(page, "[data-report=json]"))
        assert report["versions"]["engine"]["version"] and report["record"]["checked_at"]
        assert page.inner_text("[data-report=markdown]") == "Unduh laporan (Markdown)"
        assert page.inner_text("#ck-export-json") == "Simpan data isian (JSON)"
        link = page.locator(f"{RESULTS} .ck-rule-meta a").first
        assert link.get_attribute("target") == "_blank" and "tab baru" in link.text_content()


# ---- the roster as a spreadsheet -------------------------------------------------------------------

@pytest.fixture(scope="module")
def laptop(browser: Any, server: Any) -> Iterator[Any]:
    with checker_page(browser, server, LAPTOP) as page:
        yield page


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_csv_round_trip_keeps_every_examples_roster(laptop: Any, example: str, tmp_path: Path) -> None:
    page = laptop
    import_file(page, EXAMPLES / example)
    before = export_json(page)
    csv = exported(page, "#ck-csv-export")
    page.click("#ck-add")  # a change, then the spreadsheet brings the roster back
    (tmp_path / "pegawai.csv").write_text(csv, encoding="utf-8")
    finished(page, lambda: page.set_input_files("[data-testid=csv-file]", str(tmp_path / "pegawai.csv")))
    if page.locator("#ck-replace").is_visible():  # dropping the added person is asked first
        finished(page, lambda: page.click("#ck-replace-yes"))
    assert export_json(page) == before


def test_malformed_csv_names_line_and_column_and_keeps_the_form(laptop: Any, tmp_path: Path) -> None:
    page = laptop
    import_file(page, EXAMPLES / "unit-riset.toml")
    before = export_json(page)
    template = exported(page, "#ck-csv-template")
    assert template.lstrip("\ufeff").startswith("Kode pegawai;")
    bad = template.rstrip("\r\n") + "\r\nR-2;Budi;Honorer;;;;WFO (di kantor);;;;;;\r\n"
    (tmp_path / "rusak.csv").write_text(bad, encoding="utf-8")
    assert finished(page, lambda: page.set_input_files("[data-testid=csv-file]", str(tmp_path / "rusak.csv"))) == "error"
    text = page.inner_text("#ck-errors")
    assert "rusak.csv" in text and "Baris 3" in text and "kolom C" in text
    assert export_json(page) == before


def test_import_rejects_what_the_cli_rejects_with_its_message(laptop: Any, tmp_path: Path) -> None:
    from checker.api import parse_document

    page = laptop
    import_file(page, EXAMPLES / "puskesmas.toml")
    before = export_json(page)
    doc = document_of(EXAMPLES / "puskesmas.toml")
    doc["employees"][0]["years_of_service"] = 12345
    text = json.dumps(doc).replace("12345", "1e400")
    cli = parse_document(text, "besar.json")["error"]["messages"]
    assert cli == ["employees[0].years_of_service (Masa kerja (tahun)): harus berupa angka."]
    (tmp_path / "besar.json").write_text(text, encoding="utf-8")
    assert import_file(page, tmp_path / "besar.json") == "error"
    shown = page.inner_text("#ck-errors")
    assert "Masa kerja (tahun): harus berupa angka." in shown, "the CLI's own words, with the question's label"
    assert export_json(page) == before


def test_an_unfinished_draft_file_opens_as_a_draft_with_its_problems_marked(laptop: Any, tmp_path: Path) -> None:
    page = laptop
    import_file(page, EXAMPLES / "unit-riset.toml")
    draft = {"period": {"start": "2025-07-07"}, "unit": {"name": "Unit Setengah Jadi"},
             "employees": [{"id": "A1", "week": {"mon": "wfh"}}]}
    (tmp_path / "draf.json").write_text(json.dumps(draft), encoding="utf-8")
    assert import_file(page, tmp_path / "draf.json") == "error"
    assert page.input_value("#ck-f-unit-name") != "Unit Setengah Jadi", "rejected as the CLI rejects it"
    page.wait_for_selector("#ck-load-draft:not([hidden])")
    page.click("#ck-load-draft")
    if page.locator("#ck-replace").is_visible():
        page.click("#ck-replace-yes")
    page.wait_for_function("() => document.querySelector('#ck-f-unit-name').value === 'Unit Setengah Jadi'")
    assert export_json(page) == draft, "nothing dropped"
    marked = page.locator(".ck-error-msg:not([hidden])").all_inner_texts()
    assert len(marked) == page.locator("#ck-errors li").count() >= 3
    assert page.inner_text("#ck-f-unit-agency-error") == "Wajib diisi."


# ---- words, formats and questions that apply -------------------------------------------------------

def test_questions_that_do_not_apply_are_hidden_and_keep_their_answers(laptop: Any, tmp_path: Path) -> None:
    page = laptop
    import_file(page, EXAMPLES / "loket-pelayanan.toml")
    page.check("#ck-f-complaints-lapor-active-yes")
    page.fill("#ck-f-complaints-lapor-officer", "Petugas Pengaduan")
    page.check("#ck-f-complaints-lapor-active-no")
    assert page.locator("[data-field='complaints.lapor_officer']").is_hidden()
    assert export_json(page)["complaints"]["lapor_officer"] == "Petugas Pengaduan", "the answer is kept"
    page.check("#ck-f-complaints-lapor-active-yes")
    assert page.input_value("#ck-f-complaints-lapor-officer") == "Petugas Pengaduan"
    # A person's questions follow their week: the WFA place is asked only with a WFA day.
    rows(page).nth(0).locator("[data-act=detail]").click()
    detail = page.locator("#ck-roster-body tr.ck-detail").first
    for day in DAYS:
        rows(page).nth(0).locator(f"[data-path='week.{day}']").select_option("wfo" if day in DAYS[:5] else "off")
    assert detail.locator("[data-field='other_location_set_by_agency']").is_hidden()
    rows(page).nth(0).locator("[data-path='week.fri']").select_option("wfa")
    assert detail.locator("[data-field='other_location_set_by_agency']").is_visible()


def test_positive_questions_a_percentage_and_dotted_hours(laptop: Any) -> None:
    page = laptop
    import_file(page, EXAMPLES / "loket-pelayanan.toml")
    page.fill("#ck-f-agency-max-away-share", "50")
    page.fill("#ck-f-unit-service-hours", "08.00-15.00")
    rows(page).nth(0).locator("[data-act=detail]").click()
    detail = page.locator("#ck-roster-body tr.ck-detail").first
    legend = detail.locator("fieldset[data-path='tasks.no_special_equipment'] legend").inner_text()
    assert not legend.lower().startswith(("tidak", "tanpa")), "asked as a positive question"
    detail.locator("fieldset[data-path='tasks.no_special_equipment'] input[value=true]").check()  # "Ya": it needs some
    doc = export_json(page)
    assert doc["agency"]["max_away_share"] == 0.5
    assert doc["employees"][0]["tasks"]["no_special_equipment"] is False
    assert finished(page, lambda: page.click("#ck-check")) == "ready", "08.00 is accepted as 08:00 is"
    assert shown_statuses(page) == cli_statuses(doc)
    labels = page.locator("#ck-form label, #ck-form legend").all_inner_texts()
    assert not any("(0 sampai 1)" in text for text in labels)


def test_a_date_override_and_a_rotation_are_edited_in_the_roster(laptop: Any) -> None:
    page = laptop
    import_file(page, EXAMPLES / "unit-riset.toml")
    rows(page).nth(0).locator("[data-act=detail]").click()
    detail = page.locator("#ck-roster-body tr.ck-detail").first
    detail.locator("fieldset[data-list='dates'] [data-list-add]").click()
    entry = detail.locator("fieldset[data-list='dates'] [data-list-item]").first
    entry.locator("[data-path=date]").fill("2025-07-09")
    entry.locator("[data-path=day]").select_option("leave")
    entry.locator("[data-path=note]").fill("Cuti")
    weeks = detail.locator("fieldset[data-list='rotation.weeks']")
    weeks.locator("[data-list-add]").click()
    weeks.locator("[data-list-add]").click()
    detail.locator("[data-path='rotation.anchor']").fill("2025-07-07")
    first, second = weeks.locator("[data-list-item]").nth(0), weeks.locator("[data-list-item]").nth(1)
    for day in DAYS[:5]:
        first.locator(f"[data-path='week.{day}']").select_option("wfo")
        second.locator(f"[data-path='week.{day}']").select_option("wfh" if day == "mon" else "wfo")
    assert rows(page).nth(0).locator(".ck-row-note").inner_text() == \
        "Pola bergilir (2 minggu); 1 tanggal khusus", "the row says its week is not the whole story"
    employee = export_json(page)["employees"][0]
    assert employee["dates"] == [{"date": "2025-07-09", "day": "leave", "note": "Cuti"}]
    assert employee["rotation"]["anchor"] == "2025-07-07"
    assert [w["week"]["mon"] for w in employee["rotation"]["weeks"]] == ["wfo", "wfh"]
    assert finished(page, lambda: page.click("#ck-check")) == "ready"
    assert shown_statuses(page) == cli_statuses(export_json(page))
    second.locator("[data-list-remove]").click()
    assert len(export_json(page)["employees"][0]["rotation"]["weeks"]) == 1


def _cli_invalid() -> list[tuple[str, str]]:
    from test_import_matches_cli import CLI_INVALID  # tests/ is on sys.path

    return CLI_INVALID


@pytest.mark.parametrize("name, text", _cli_invalid(), ids=[n for n, _ in _cli_invalid()])
def test_import_rejects_every_cli_invalid_input_with_the_cli_words(laptop: Any, name: str, text: str,
                                                                   tmp_path: Path) -> None:
    from checker.api import parse_document
    from errors_words import issue_words

    page = laptop
    import_file(page, EXAMPLES / "unit-riset.toml")
    before = export_json(page)
    cli = parse_document(text, name)
    assert "error" in cli, "the CLI rejects it"
    (tmp_path / name).write_bytes(text.encode("utf-8"))
    assert import_file(page, tmp_path / name) == "error"
    shown = page.inner_text("#ck-errors")
    for message, issue in zip(cli["error"]["messages"], cli["error"]["issues"]):
        assert issue_words(message, issue["path"]) in shown, f"{message!r} not said on the page"
    assert not PATH.search(shown)
    assert export_json(page) == before
