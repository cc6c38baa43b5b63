"""The checker page in Chromium, with the real engine (Pyodide) behind the strict CSP.

Most tests share one page (booting Pyodide costs seconds); each starts by importing a known file,
which replaces whatever an earlier test left. Tests that need a reload or a fresh browser profile
(autosave, share links, the gallery link) open their own page.
"""

from __future__ import annotations

import copy
import json
import re
import time
import tomllib
from pathlib import Path
from typing import Any, Iterator

import pytest
from casefile import BASES
from checker_support import (
    RESULTS,
    checker_session,
    cli_statuses,
    cli_statuses_of_file,
    exported,
    finished,
    import_file,
    open_checker,
    shown_statuses,
    wait_results,
    write_json,
)
from conftest import ROOT, new_context

from checker.api import check_document
from checker.loader import parse_text
from sitegen.checker_page import individual_rules

pytestmark = pytest.mark.browser

PATH = re.compile(r"\b(employees\[\d+\]|unit\.|period\.|agency\.|digital\.|monitoring\.|complaints\.)[a-z_]")

EXAMPLES = ROOT / "examples"
INDIVIDUAL = "[data-testid=individual-results]"


def office() -> dict[str, Any]:
    return json.loads(json.dumps(tomllib.loads((BASES / "office.toml").read_text(encoding="utf-8")), default=str))


def example_document(name: str) -> dict[str, Any]:
    return json.loads(json.dumps(parse_text((EXAMPLES / name).read_text(encoding="utf-8"), name), default=str))


@pytest.fixture(scope="module")
def shared(browser: Any, server: Any) -> Iterator[Any]:
    with checker_session(browser, server, accept_downloads=True) as page:
        yield page


def rows(page: Any) -> Any:
    return page.locator("#ck-roster-body tr.ck-row")


def row_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#ck-roster-body tr.ck-row [data-path=id]", "els => els.map(e => e.value)")


def export_json(page: Any) -> dict[str, Any]:
    return json.loads(exported(page, "#ck-export-json"))


# ---- results ---------------------------------------------------------------------------------

def test_results_summary_groups_charts_and_answers(shared: Any, server: Any) -> None:
    path = EXAMPLES / "loket-pelayanan.toml"
    assert import_file(shared, path) == "ready"
    report = check_document(example_document(path.name), path.name)
    summary = shared.locator("#ck-summary")
    assert summary.inner_text() == report["verdict"]["title"]
    assert shared.evaluate("document.activeElement.id") == "ck-summary", "focus moves to the summary heading"
    shared.wait_for_function("t => document.querySelector('#ck-live').textContent.includes(t)",
                             arg=report["verdict"]["title"])
    group_titles = shared.eval_on_selector_all(f"{RESULTS} .ck-group-results h3", "els => els.map(e => e.textContent)")
    assert group_titles == [g["title"] for g in report["groups"]]
    failed = next(r for r in report["results"] if r["status"] == "failed")
    item = shared.locator(f"{RESULTS} [data-rule={failed['rule']}]")
    text = item.inner_text()
    for part in (failed["title"], failed["status_label"], failed["reason"], failed["fix"],
                 failed["evidence"][0]["text"], failed["citations"][0]["provenance_label"]):
        assert part in text
    href = item.locator("a", has_text="panduan").get_attribute("href")
    assert href == f"{server.base}referensi/aturan/#{failed['rule']}"
    charts = shared.locator(f"{RESULTS} svg[role=img]")
    assert charts.count() == 2
    cells = len(report["roster"]["rows"]) * len(report["roster"]["dates"])
    assert cells == 9 * 5, "the heat map is by date: nine employees over 6-10 October 2025"
    assert shared.locator(f"{RESULTS} svg.ck-heat text.ck-k-text").count() == cells, "every cell has a letter"
    assert "Jawaban Anda" in shared.locator(".ck-answers h3").first.inner_text()
    assert shared.locator(".ck-answers").inner_text().count("Ubah") >= 8


def test_charts_mark_holidays_and_cuti_bersama_by_date(shared: Any, tmp_path: Path) -> None:
    doc = example_document("loket-pelayanan.toml")
    doc["period"] = {"start": "2026-05-11", "end": "2026-05-15"}
    doc["employees"][0]["dates"] = [{"date": "2026-05-14", "day": "wfo", "note": "Piket"}]
    path = write_json(doc, tmp_path / "mei-2026.json")
    assert import_file(shared, path) == "ready"
    report = check_document(json.loads(json.dumps(doc)), path.name)
    coverage = shared.locator(f"{RESULTS} svg.ck-chart").first
    marks = coverage.locator("text.ck-mark-text").evaluate_all("els => els.map(e => e.textContent)")
    assert marks == ["L", "C"], "14 May is a national holiday (L), 15 May cuti bersama (C)"
    legend = shared.locator(f"{RESULTS} .ck-legend").first.inner_text()
    assert "Hari libur nasional" in legend and "Cuti bersama" in legend
    heat = shared.locator(f"{RESULTS} svg.ck-heat")
    assert heat.locator("rect.ck-k-duty").count() == 1, "the one duty on the holiday is outlined"
    notes = shared.locator(f"{RESULTS} .ck-calendar-notes").inner_text()
    for line in report["calendar"]["lines"]:
        assert line in notes
    assert "15 Mei 2026: cuti bersama Kenaikan Yesus Kristus" in notes
    table = shared.locator(f"{RESULTS} .ck-figure").first.locator("table").text_content()
    assert "Keterangan kalender" in table and "Keppres 42/2025" in table
    assert export_json(shared)["employees"][0]["dates"] == doc["employees"][0]["dates"], \
        "date entries the form cannot edit yet are kept"


def test_change_link_moves_focus_to_its_form_section(shared: Any) -> None:
    import_file(shared, EXAMPLES / "puskesmas.toml")
    shared.click("[data-change=digital]")
    assert shared.evaluate("document.activeElement.id") == "ck-task-digital-h"
    shared.click("[data-change=employees]")
    assert shared.evaluate("document.activeElement.id") == "ck-task-employees-h"


def test_interpretation_is_marked_on_citations(shared: Any) -> None:
    import_file(shared, EXAMPLES / "puskesmas.toml")
    report = check_document(example_document("puskesmas.toml"), "puskesmas.toml")
    rule = next(r for r in report["results"] if any(c["interpretation"] for c in r["citations"]))
    # Passing rules sit in a folded <details>; the marking is in the DOM either way.
    assert "tafsiran" in shared.locator(f"{RESULTS} [data-rule={rule['rule']}] .ck-cites").text_content()


def test_evidence_shows_twenty_lines_then_all(shared: Any, tmp_path: Path) -> None:
    doc = office()
    template = doc["employees"][0]
    doc["employees"] = [dict(copy.deepcopy(template), id=f"E{i:02}", name=f"Pegawai {i}",
                             week={"mon": "wfh", "tue": "wfh", "wed": "wfh", "thu": "wfo", "fri": "wfo"})
                        for i in range(25)]
    import_file(shared, write_json(doc, tmp_path / "banyak.json"))
    items = shared.locator(f"{RESULTS} [data-rule=location-max-days] .ck-evidence li")
    assert items.count() == 25
    assert sum(items.nth(i).is_visible() for i in range(25)) == 20
    shared.click(f"{RESULTS} [data-rule=location-max-days] button[aria-expanded=false]")
    assert sum(items.nth(i).is_visible() for i in range(25)) == 25


def test_report_downloads_print_and_print_view(shared: Any) -> None:
    import_file(shared, EXAMPLES / "bagian-umum.toml")
    report = json.loads(exported(shared, "[data-report=json]"))
    assert report["format"] == "asn-fleksibel-hasil/1"
    assert {r["rule"]: r["status"] for r in report["results"]} == shown_statuses(shared)
    markdown = exported(shared, "[data-report=markdown]")
    assert markdown.startswith("# Bagian Umum Sekretariat Daerah")
    shared.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    shared.click("[data-report=print]")
    assert shared.evaluate("window.__printed") == 1
    shared.emulate_media(media="print")
    try:
        assert not shared.locator("#ck-form").is_visible()
        assert shared.locator("#ck-summary").is_visible()
    finally:
        shared.emulate_media(media="screen")


# ---- the form ----------------------------------------------------------------------------------

def test_roster_editor_adds_duplicates_and_removes(shared: Any, tmp_path: Path) -> None:
    import_file(shared, write_json(office(), tmp_path / "office.json"))
    assert row_ids(shared) == ["A1", "A2"]
    shared.click("#ck-add")
    assert row_ids(shared) == ["A1", "A2", "P3"]
    assert shared.evaluate("document.activeElement.dataset.path") == "id"
    rows(shared).nth(0).locator("[data-act=duplicate]").click()
    assert row_ids(shared) == ["A1", "A1-salinan", "A2", "P3"]
    rows(shared).nth(1).locator("[data-act=remove]").click()
    assert row_ids(shared) == ["A1", "A2", "P3"]
    assert shared.evaluate("document.activeElement.id") == "ck-undo-btn", "focus goes to undo, not another Hapus"
    # A day of the week and a field in the expandable detail.
    rows(shared).nth(2).locator("[data-path='week.wed']").select_option("wfh")
    rows(shared).nth(0).locator("[data-act=detail]").click()
    assert rows(shared).nth(0).locator("[data-act=detail]").get_attribute("aria-expanded") == "true"
    detail = shared.locator("#ck-roster-body tr.ck-detail")
    detail.locator("fieldset[data-path='tasks.ict'] input[value=false]").check()
    doc = export_json(shared)
    assert [e["id"] for e in doc["employees"]] == ["A1", "A2", "P3"]
    assert doc["employees"][2]["week"] == {"mon": "wfo", "tue": "wfo", "wed": "wfh", "thu": "wfo", "fri": "wfo"}
    assert doc["employees"][0]["tasks"]["ict"] is False
    assert doc["employees"][1] == office()["employees"][1]


def test_not_answered_stays_distinct_and_gives_not_assessable(shared: Any, tmp_path: Path) -> None:
    import_file(shared, write_json(office(), tmp_path / "office.json"))
    assert shown_statuses(shared)["performance-skp"] == "passed"
    rows(shared).nth(0).locator("[data-act=detail]").click()
    skp = shared.locator("#ck-roster-body tr.ck-detail fieldset[data-path=skp_targets]")
    skp.locator("input[value='']").check()
    assert finished(shared, lambda: shared.click("#ck-check")) == "ready"
    assert shown_statuses(shared)["performance-skp"] == "not-assessable"
    assert "skp_targets" not in export_json(shared)["employees"][0]
    skp.locator("input[value=false]").check()
    finished(shared, lambda: shared.click("#ck-check"))
    assert shown_statuses(shared)["performance-skp"] == "failed"


def test_long_rosters_are_paged_and_searchable(shared: Any, tmp_path: Path) -> None:
    doc = office()
    template = doc["employees"][0]
    doc["employees"] = [dict(copy.deepcopy(template), id=f"E-{i:03}", name=f"Pegawai {i}") for i in range(1, 121)]
    assert import_file(shared, write_json(doc, tmp_path / "besar.json")) == "ready"
    assert rows(shared).count() == 50
    assert shared.locator("#ck-page").inner_text() == "Halaman 1 dari 3"
    shared.click("#ck-next")
    assert row_ids(shared)[0] == "E-051"
    shared.fill("#ck-filter", "E-119")
    assert row_ids(shared) == ["E-119"]
    shared.fill("#ck-filter", "")
    assert "100 pegawai pertama dari 120" in shared.locator(f"{RESULTS} .ck-charts").inner_text()


def test_validation_errors_name_the_question_in_page_order_and_show_at_the_field(shared: Any, tmp_path: Path) -> None:
    doc = office()
    import_file(shared, write_json(doc, tmp_path / "office.json"))
    shared.fill("#ck-f-unit-service-hours", "8-15")
    rows(shared).nth(1).locator("[data-path=status]").select_option("")
    rows(shared).nth(0).locator("[data-act=detail]").click()
    shared.fill("#ck-roster-body tr.ck-detail [data-path=years_of_service]", "lima")
    rows(shared).nth(0).locator("[data-act=detail]").click()  # closed again: the error reopens it
    shared.fill("#ck-f-period-start", "")
    assert finished(shared, lambda: shared.click("#ck-check")) == "error"
    summary = shared.locator("#ck-errors")
    assert summary.is_visible() and shared.evaluate("document.activeElement.id") == "ck-errors"
    items = summary.locator("li").all_inner_texts()
    # Page order (unit, then period, then the roster by row and field), the page's own labels.
    assert [i.split(":")[0] for i in items] == [
        "Jam layanan", "Tanggal mulai", "Pegawai 1 (A1), Masa kerja (tahun)", "Pegawai 2 (A2), Status kepegawaian"]
    for text in items + shared.locator(".ck-error-msg:not([hidden])").all_inner_texts():
        assert not PATH.search(text), f"a field path in {text!r}"
    # Every problem has its message at the field.
    assert shared.locator(".ck-error-msg:not([hidden])").count() == len(items)
    assert "formatnya tidak sesuai" in shared.inner_text("#ck-f-unit-service-hours-error").lower()
    assert shared.get_attribute("#ck-f-unit-service-hours", "aria-invalid") == "true"
    assert shared.locator("#ck-ts-unit").get_attribute("data-status") == "attention"
    summary.locator("a", has_text="Jam layanan").click()
    assert shared.evaluate("document.activeElement.id") == "ck-f-unit-service-hours"
    summary.locator("a", has_text="Status kepegawaian").click()
    assert shared.evaluate("[document.activeElement.dataset.path, document.activeElement.closest('tr').querySelector('[data-path=id]').value]") == ["status", "A2"]
    summary.locator("a", has_text="Masa kerja").click()
    assert shared.evaluate("document.activeElement.dataset.path") == "years_of_service"
    assert shared.evaluate("document.activeElement.value") == "lima", "the user's input is kept"
    assert "angka" in shared.evaluate("document.getElementById(document.activeElement.id + '-error').textContent")
    assert shared.locator("[data-testid=results] [data-rule]").count() == 0


def test_malformed_imports_say_what_is_wrong_and_keep_the_data(shared: Any, tmp_path: Path) -> None:
    import_file(shared, EXAMPLES / "puskesmas.toml")
    name = shared.input_value("#ck-f-unit-name")
    before = export_json(shared)
    bad = {
        "rusak.toml": ('[unit]\nname = "tanpa penutup\n', ["rusak.toml", "TOML", "baris 2"]),
        "rusak.json": ('{"period": {"start": "2025-07-07",\n', ["rusak.json", "JSON", "baris"]),
        "daftar.json": ("[1, 2, 3]", ["daftar.json", "tabel"]),
        "salah-tipe.json": (json.dumps(dict(office(), employees=[dict(office()["employees"][0], years_of_service="lima")])),
                            ["salah-tipe.json", "Pegawai 1, Masa kerja (tahun): harus berupa angka."]),
        "kolom-asing.json": (json.dumps(dict(office(), unit=dict(office()["unit"], nama="x"))),
                             ["kolom-asing.json", '"nama": kolom ini tidak dikenal']),
    }
    for file, (content, expected) in bad.items():
        path = tmp_path / file
        path.write_text(content, encoding="utf-8")
        assert import_file(shared, path) == "error", file
        text = shared.locator("#ck-errors").inner_text()
        for part in expected:
            assert part in text, f"{file}: {part!r} not in {text!r}"
        assert "Traceback" not in text
        assert not PATH.search(text), f"{file}: a field path in {text!r}"
        assert shared.input_value("#ck-f-unit-name") == name, f"{file}: the form's data changed"
        assert shared.locator("[data-testid=results] [data-rule]").count() == 0
    assert export_json(shared) == before


def test_export_then_import_gives_the_same_document(shared: Any, tmp_path: Path) -> None:
    source = EXAMPLES / "bagian-umum.toml"
    expected = example_document(source.name)
    import_file(shared, source)
    as_json = export_json(shared)
    assert as_json == expected
    as_toml = exported(shared, "#ck-export-toml")
    assert json.loads(json.dumps(tomllib.loads(as_toml), default=str)) == expected
    shared.click("#ck-add")  # change the form, then import the exports back
    (tmp_path / "kembali.toml").write_text(as_toml, encoding="utf-8")
    assert import_file(shared, tmp_path / "kembali.toml") == "ready"
    assert export_json(shared) == expected
    (tmp_path / "kembali.json").write_text(json.dumps(as_json), encoding="utf-8")
    assert import_file(shared, tmp_path / "kembali.json") == "ready"
    assert export_json(shared) == expected


def test_start_again_clears_only_after_confirming(shared: Any, tmp_path: Path) -> None:
    import_file(shared, write_json(office(), tmp_path / "office.json"))
    shared.click("#ck-reset")
    assert shared.locator("#ck-reset-confirm").is_visible()
    assert shared.input_value("#ck-f-unit-name") == "Bagian Perencanaan"
    shared.click("#ck-reset-no")
    assert not shared.locator("#ck-reset-confirm").is_visible()
    assert shared.input_value("#ck-f-unit-name") == "Bagian Perencanaan"
    assert row_ids(shared) == ["A1", "A2"]
    shared.click("#ck-reset")
    shared.click("#ck-reset-yes")
    assert shared.input_value("#ck-f-unit-name") == ""
    assert row_ids(shared) == ["P1"]
    assert shared.locator("[data-testid=results] [data-rule]").count() == 0
    stored = shared.evaluate("Object.keys(localStorage).filter(k => k.endsWith('asn-fleksibel.pengaturan'))")
    assert stored == []


# ---- the quick individual check ----------------------------------------------------------------

def fill_individual(page: Any, week: dict[str, str]) -> None:
    page.select_option("#ck-i-status", "pns")
    page.fill("#ck-i-period-start", "2025-07-07")
    for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"):
        page.select_option(f"#ck-i-week-{day}", week.get(day, "off"))
    for name in ("tasks-outside-office", "tasks-ict", "tasks-minimal-face-to-face", "skp-targets", "work-plan",
                 "home-is-recorded-domicile", "other-location-set-by-agency"):
        if page.locator(f"#ck-i-{name}-yes").is_visible():  # asked only when it applies
            page.check(f"#ck-i-{name}-yes")
    # Asked as positive questions ("needs special equipment?"): "Tidak" stores true.
    for name in ("tasks-no-special-equipment", "tasks-no-continuous-supervision"):
        page.check(f"#ck-i-{name}-no")
    page.select_option("#ck-i-disciplinary", "none")
    page.select_option("#ck-i-new-in-post", "no")
    page.fill("#ck-i-years-of-service", "5")


def individual_document(week: dict[str, str]) -> dict[str, Any]:
    yes = True
    return {"period": {"start": "2025-07-07", "end": "2025-07-13"}, "unit": {"name": "x", "agency": "y"},
            "employees": [{"id": "saya", "status": "pns", "week": week, "disciplinary": "none", "new_in_post": "no",
                           "skp_targets": yes, "work_plan": yes, "home_is_recorded_domicile": yes,
                           "other_location_set_by_agency": yes, "years_of_service": 5,
                           "tasks": {"outside_office": yes, "no_special_equipment": yes, "ict": yes,
                                     "minimal_face_to_face": yes, "no_continuous_supervision": yes}}]}


@pytest.mark.parametrize("week, verdict", [
    ({"mon": "wfo", "tue": "wfh", "wed": "wfo", "thu": "wfa", "fri": "wfo"}, "passed"),
    ({"mon": "wfh", "tue": "wfh", "wed": "wfh", "thu": "wfo", "fri": "wfo"}, "failed"),
], ids=["passing", "failing"])
def test_individual_mode(shared: Any, week: dict[str, str], verdict: str) -> None:
    shared.locator("#individu").scroll_into_view_if_needed()
    fill_individual(shared, week)
    assert finished(shared, lambda: shared.click("#ck-ind-check"), INDIVIDUAL) == "ready"
    shown = shown_statuses(shared, INDIVIDUAL)
    assert list(shown) == individual_rules(), "only the employee-level rules are shown"
    expected = cli_statuses(individual_document(week))
    assert shown == {rule: expected[rule] for rule in shown}
    worst = "failed" if "failed" in shown.values() else "passed"
    assert worst == verdict
    assert shared.locator("#ck-ind-summary").is_visible()
    assert shared.evaluate("document.activeElement.id") == "ck-ind-summary"
    # The answer comes first, in the second person; the rules are details on demand.
    headline = shared.locator("#ck-ind-summary").inner_text()
    assert not shared.locator(f"{INDIVIDUAL} [data-rule]").first.is_visible()
    if verdict == "failed":
        assert shown["location-max-days"] == "failed"
        assert headline.startswith("Tidak:") and "2 hari" in headline
    else:
        assert headline.startswith("Ya, boleh")


def test_individual_mode_names_a_missing_answer(shared: Any) -> None:
    shared.select_option("#ck-i-status", "")
    assert finished(shared, lambda: shared.click("#ck-ind-check"), INDIVIDUAL) == "error"
    link = shared.locator("#ck-ind-errors a")
    assert link.first.inner_text().startswith("Status kepegawaian:")
    assert not PATH.search(link.first.inner_text())
    link.first.click()
    assert shared.evaluate("document.activeElement.id") == "ck-i-status"


# ---- pages of their own: reload, share links, gallery, engine failure ---------------------------

def test_autosave_survives_a_reload(page: Any, server: Any) -> None:
    open_checker(page, server.base, wait_engine=False)
    page.fill("#ck-f-unit-name", "Unit Uji Simpan")
    page.check("#ck-f-digital-e-kinerja-no")
    page.locator("#ck-roster-body tr.ck-row [data-path='week.tue']").select_option("wfa")
    page.reload()
    page.wait_for_selector("#ck-root[data-ck-ready]")
    assert page.input_value("#ck-f-unit-name") == "Unit Uji Simpan"
    assert page.is_checked("#ck-f-digital-e-kinerja-no")
    assert page.locator("#ck-roster-body tr.ck-row [data-path='week.tue']").input_value() == "wfa"
    assert "dipulihkan" in page.locator("#ck-status").inner_text()


def test_share_link_restores_the_arrangement_and_its_results(browser: Any, server: Any) -> None:
    first, guard1 = new_context(browser, server, accept_downloads=True)
    second, guard2 = new_context(browser, server, accept_downloads=True)  # a fresh browser profile
    try:
        page = first.new_page()
        open_checker(page, server.base, wait_engine=False)  # making a link needs no engine
        page.fill("#ck-f-unit-name", "Unit Dibagikan")
        page.fill("#ck-f-unit-agency", "Dinas Contoh")
        page.fill("#ck-f-period-start", "2025-07-07")
        page.fill("#ck-f-period-end", "2025-07-11")
        page.check("#ck-f-unit-agency-adopted-yes")
        page.locator("#ck-roster-body tr.ck-row [data-path=status]").select_option("pppk")
        page.locator("#ck-roster-body tr.ck-row [data-path='week.fri']").select_option("wfh")
        page.click("#ck-share")
        page.wait_for_function("() => document.querySelector('#ck-share-url').value !== ''")  # compressed asynchronously
        url = page.input_value("#ck-share-url")
        assert url.startswith(server.base + "periksa/#data=")
        shared_doc = export_json(page)
        assert shared_doc["employees"] == [{"id": "P1", "status": "pppk", "week": {
            "mon": "wfo", "tue": "wfo", "wed": "wfo", "thu": "wfo", "fri": "wfh"}}]
        other = second.new_page()
        other.goto(url)
        other.wait_for_selector("#ck-root[data-ck-ready]")
        assert wait_results(other) == "ready"
        assert other.input_value("#ck-f-unit-name") == "Unit Dibagikan"
        assert export_json(other) == shared_doc
        assert shown_statuses(other) == cli_statuses(shared_doc)
        assert "#data=" not in other.url, "the fragment is dropped once read"
    finally:
        first.close()
        second.close()
    assert not guard1.blocked and not guard2.blocked


def test_gallery_link_opens_the_example_with_its_results(page: Any, server: Any) -> None:
    page.goto(server.base + "referensi/contoh/")
    link = page.locator("a", has_text="Buka di alat pemeriksa").first
    href = link.get_attribute("href")
    slug = href.split("#contoh=")[1]
    link.click()  # an ordinary page load here: without SITE_URL, instant navigation stays off
    page.wait_for_selector("#ck-root[data-ck-ready]")
    assert wait_results(page) == "ready"
    path = EXAMPLES / f"{slug}.toml"
    assert shown_statuses(page) == cli_statuses_of_file(path)
    assert page.input_value("#ck-f-unit-name") == example_document(path.name)["unit"]["name"]
    assert not page.errors


def sitemap_with_site_url(server: Any) -> str:
    """The site map the build writes when SITE_URL is set (the test build has none, so its site map
    is empty): every page's address under the server's sub-path. Material's instant navigation
    takes over a link only to a page listed there."""
    pages = sorted(path.parent.relative_to(server.site).as_posix() for path in server.site.rglob("index.html"))
    urls = "".join(f"<url><loc>{server.base}{'' if page == '.' else page + '/'}</loc></url>" for page in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


def test_opened_directly_the_page_follows_material_once_its_script_runs(page: Any, context: Any, server: Any) -> None:
    # On the checker page opened by its address, Material's script runs only once the engine is
    # ready (early.js); from then on the page follows Material's instant navigation as elsewhere
    # (on a site built with SITE_URL: here its site map is served).
    sitemap = sitemap_with_site_url(server)
    context.route(re.compile(r"/sitemap\.xml$"),
                  lambda route: route.fulfill(body=sitemap, content_type="application/xml"))
    open_checker(page, server.base)
    # Material takes over a link only once it has read the site map, which it asks for when its
    # script starts: wait for the answer, then for the page to be idle.
    page.wait_for_function("() => window.document$ !== undefined && performance.getEntriesByType('resource')"
                           ".some((r) => r.name.endsWith('/sitemap.xml'))")
    page.evaluate("new Promise((done) => requestIdleCallback(() => setTimeout(done, 50)))")
    page.fill("#ck-f-unit-name", "Unit Langsung")
    page.evaluate("window.__asnSameWindow = true")
    page.locator("nav.md-nav a", has_text="Tanya jawab").first.click()
    page.wait_for_selector("#ck-root", state="detached")
    assert page.evaluate("window.__asnSameWindow === true")  # no reload: instant navigation
    page.go_back()
    page.wait_for_selector("#ck-root[data-ck-ready]")
    assert page.evaluate("window.__asnSameWindow === true")
    assert page.input_value("#ck-f-unit-name") == "Unit Langsung"
    page.click("#ck-add")
    assert page.locator("#ck-roster-body tr.ck-row").count() == 2
    assert not page.errors


# Once early.js asks for Material's script, adds a style sheet that is still loading when that
# script has run; records when the sheet applied and when Material was sent DOMContentLoaded.
SHEET_PENDING = """(() => {
  window.__asnTimes = {};
  new MutationObserver((changes, observer) => {
    if (!document.querySelector("script[src*='/javascripts/bundle.']")) return;
    observer.disconnect();
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("../assets/stylesheets/handbook.css?slow", location.href).href; // from periksa/
    link.addEventListener("load", () => { window.__asnTimes.sheet = performance.now(); });
    document.head.appendChild(link);
  }).observe(document, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => {
    if (document.querySelector("script[src*='/javascripts/bundle.']")) window.__asnTimes.material = performance.now();
  });
})()"""


def test_material_is_sent_domcontentloaded_only_once_every_style_sheet_applies(page: Any, context: Any, server: Any) -> None:
    # As it starts, Material's script makes every relative address absolute, so the page's style
    # sheets load again, and it sets its sidebars up on DOMContentLoaded from the page as then laid
    # out. Sent while a sheet was still loading, the navigation sidebar never got its height and
    # its last links could not be scrolled to. Here a sheet still loads (0.5 s) when Material has run.
    context.route(re.compile(r"/handbook\.css\?slow$"), lambda route: (time.sleep(0.5), route.fallback()))
    page.add_init_script(SHEET_PENDING)
    open_checker(page, server.base)
    page.wait_for_function("() => window.__asnTimes.material !== undefined")
    times = page.evaluate("window.__asnTimes")
    assert "sheet" in times and times["material"] >= times["sheet"], times
    page.wait_for_function("() => window.document$ !== undefined")
    assert not page.errors


def test_navigating_away_and_back_sets_the_page_up_again(page: Any, server: Any) -> None:
    # Material's instant navigation swaps pages without a reload when it is active (it needs a
    # site_url); either way the page must be set up once per visit and keep working.
    page.goto(server.base)
    page.locator("nav.md-nav a", has_text="Periksa pengaturan").first.click()
    page.wait_for_selector("#ck-root[data-ck-ready]")
    page.fill("#ck-f-unit-name", "Unit Pulang Pergi")
    page.locator("nav.md-nav a", has_text="Tanya jawab").first.click()
    page.wait_for_selector("#ck-root", state="detached")
    page.go_back()
    page.wait_for_selector("#ck-root[data-ck-ready]")
    assert page.input_value("#ck-f-unit-name") == "Unit Pulang Pergi"
    page.click("#ck-add")
    assert page.locator("#ck-roster-body tr.ck-row").count() == 2
    assert page.locator("#ck-roster-body tr.ck-row [data-act=detail]").count() == 2
    assert not page.errors


def test_engine_failure_is_shown_with_retry_and_the_form_stays_usable(page: Any, context: Any, server: Any) -> None:
    context.route("**/assets/checker/worker.mjs*", lambda route: route.abort())  # *: ?v=<hash>
    open_checker(page, server.base, wait_engine=False)
    page.wait_for_selector("#ck-engine-error:not([hidden])", timeout=30_000)
    assert "worker.mjs" in page.locator("#ck-engine-error").inner_text()
    assert page.locator("#ck-engine-causes-list li").count() >= 1
    assert page.get_attribute(RESULTS, "data-state") == "error"
    page.fill("#ck-f-unit-name", "Tetap bisa diisi")
    with page.expect_download() as info:
        page.click("#ck-export-json")
    assert json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["unit"]["name"] == "Tetap bisa diisi"
    context.unroute("**/assets/checker/worker.mjs*")
    page.click("#ck-engine-retry")
    page.wait_for_selector("#ck-engine[data-state=ready]", timeout=60_000)
    assert finished(page, lambda: page.click("#ck-check")) in ("ready", "error")
    assert page.input_value("#ck-f-unit-name") == "Tetap bisa diisi"
