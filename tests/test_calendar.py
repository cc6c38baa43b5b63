"""The calendar data, its use by the engine, and the handbook pages generated from it."""

from __future__ import annotations

from datetime import date

import pytest

from checker.calendar import DayType, covered_years, year
from checker.calendar.data import DUTIES
from checker.calendar.period import PeriodCalendar
from checker.engine import check_data
from checker.sources import sources
from sitegen.calendar_page import calendar_page, windows_table

YEARS = covered_years()


def test_2025_and_2026_are_covered() -> None:
    assert {2025, 2026} <= set(YEARS)


@pytest.mark.parametrize("number", YEARS)
def test_every_entry_names_a_known_instrument_and_lies_in_its_year(number: int) -> None:
    cal = year(number)
    assert cal is not None and cal.year == number
    known = sources()
    for d in cal.days.values():
        assert d.date.year == number and d.instrument in known, d
        if d.type is DayType.CUTI_BERSAMA:
            assert d.asn_instrument in known, f"{d.date}: cuti bersama without the ASN Keppres"
    for w in cal.windows:
        assert w.start <= w.end and w.start.year == number and w.instrument in known
        assert w.duties and set(w.duties) <= set(DUTIES)
    for r in cal.ramadan:
        assert r.start <= r.end and r.status in ("confirmed", "estimate") and r.instrument in known


def test_2025_holidays_match_the_skb_and_its_august_amendment() -> None:
    cal = year(2025)
    holidays = [d for d in cal.days.values() if d.type is DayType.HOLIDAY]
    cuti = [d for d in cal.days.values() if d.type is DayType.CUTI_BERSAMA]
    assert len(holidays) == 17 and len(cuti) == 11  # 10 in the SKB, plus 18 August 2025
    assert cal.days[date(2025, 8, 18)].instrument == "skb-libur-2025-perubahan"


def test_2026_holidays_match_the_skb() -> None:
    cal = year(2026)
    assert sum(d.type is DayType.HOLIDAY for d in cal.days.values()) == 17
    assert sum(d.type is DayType.CUTI_BERSAMA for d in cal.days.values()) == 8
    assert cal.days[date(2026, 5, 14)].type is DayType.HOLIDAY
    assert cal.days[date(2026, 5, 15)].type is DayType.CUTI_BERSAMA


def test_a_year_without_data_is_missing_not_empty() -> None:
    cal = PeriodCalendar([date(2026, 12, 31), date(2027, 1, 1)])
    assert cal.missing_years == (2027,)
    assert year(2027) is None


def test_calendar_page_lists_every_date_and_its_source() -> None:
    page = calendar_page()
    cat_months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                  "September", "Oktober", "November", "Desember"]
    for number in YEARS:
        cal = year(number)
        for d in cal.days.values():
            text = f"{d.date.day} {cat_months[d.date.month - 1]} {d.date.year}"
            row = next((line for line in page.splitlines() if line.startswith(f"| {text} |")), None)
            assert row is not None, f"{d.date} is not on the calendar page"
            assert d.name in row and sources()[d.instrument].short in row
        for w in cal.windows:
            assert sources()[w.instrument].short in page
        used = {d.instrument for d in cal.days.values()} | {d.asn_instrument for d in cal.days.values()
                                                            if d.asn_instrument}
        used |= {w.instrument for w in cal.windows} | {r.instrument for r in cal.ramadan}
        for key in used:
            assert f"{{ #{key} }}" in page, f"source {key} has no section"
            for url in sources()[key].urls:
                assert f"<{url}>" in page


def test_circulars_table_comes_from_the_same_data() -> None:
    table = windows_table("referensi/surat-edaran.md")
    rows = [line for line in table.splitlines() if line.startswith("| ") and "kalender.md#" in line]
    assert len(rows) == sum(len(year(y).windows) for y in YEARS)
    assert "25 Maret 2026 – 27 Maret 2026" in table and "SE MenPANRB 2/2026" in table


def _office(start: date, end: date, **employee: object) -> dict:
    e = {"id": "A1", "status": "pns", "week": {d: "wfo" for d in ("mon", "tue", "wed", "thu", "fri")}}
    e.update(employee)
    return {"period": {"start": start, "end": end},
            "unit": {"name": "Unit", "agency": "Instansi", "serves_public_in_person": False},
            "employees": [e]}


def _status(report, rule: str) -> str:
    return next(r.status.value for r in report.results if r.rule.id == rule)


def test_agency_day_off_reduces_the_week_and_is_marked_agency_policy() -> None:
    data = _office(date(2025, 7, 7), date(2025, 7, 11),
                   week={"mon": "wfo", "tue": "wfo", "wed": "wfo", "thu": "wfo"})
    assert _status(check_data(data), "time-weekly-hours") == "failed"
    data["agency"] = {"non_working_days": [{"date": date(2025, 7, 11), "reason": "Hari jadi kabupaten"}]}
    report = check_data(data)
    assert _status(report, "time-weekly-hours") == "passed"
    from checker.report import to_dict
    lines = to_dict(report, "id")["calendar"]["lines"]
    assert any("Hari jadi kabupaten" in x and "kebijakan instansi" in x for x in lines)


def test_explicit_ramadan_false_overrides_the_calendar() -> None:
    six_and_a_half = _office(date(2026, 3, 2), date(2026, 3, 6), daily_hours=6.5)
    assert _status(check_data(six_and_a_half), "time-weekly-hours") == "passed"
    six_and_a_half["period"]["ramadan"] = False
    assert _status(check_data(six_and_a_half), "time-weekly-hours") == "failed"


def test_a_date_entry_puts_an_employee_on_duty_on_a_holiday() -> None:
    data = _office(date(2026, 5, 11), date(2026, 5, 15),
                   dates=[{"date": date(2026, 5, 14), "day": "wfo", "note": "Piket"}])
    from checker.report import to_dict
    out = to_dict(check_data(data), "id")
    assert out["roster"]["rows"][0]["days"] == "oooo-"
    assert out["calendar"]["duty"][0]["dates"] == ["2026-05-14"]


def test_regular_periods_without_calendar_days_keep_weekday_results() -> None:
    """Shifting a calendar-free week by whole weeks within covered years changes nothing."""
    base = _office(date(2025, 7, 7), date(2025, 7, 11),
                   week={"mon": "wfo", "tue": "wfh", "wed": "wfh", "thu": "wfh", "fri": "wfo"})
    first = [r.status for r in check_data(base).results]
    moved = dict(base, period={"start": date(2025, 10, 6), "end": date(2025, 10, 10)})
    assert [r.status for r in check_data(moved).results] == first


def test_a_profile_s_days_off_win_over_the_arrangement_s() -> None:
    from checker.report import to_dict
    from checker.settings import parse_profile

    data = _office(date(2025, 7, 7), date(2025, 7, 11),
                   week={"mon": "wfo", "tue": "wfo", "wed": "wfo", "thu": "wfo"})
    data["agency"] = {"non_working_days": [{"date": date(2025, 7, 7), "reason": "Catatan unit"}]}
    profile = parse_profile({"agency": {"name": "Pemkab Contoh", "non_working_days": [
        {"date": date(2025, 7, 11), "reason": "Hari jadi kabupaten"}]}})
    from checker.engine import check
    from checker.validate import build_arrangement
    report = check(build_arrangement(data), profile)
    assert _status(report, "time-weekly-hours") == "passed"  # Friday off: four days needed
    lines = to_dict(report, "id")["calendar"]["lines"]
    assert any("Hari jadi kabupaten" in x for x in lines)
    assert not any("Catatan unit" in x for x in lines)
    assert any("profil instansi" in x for x in lines)


def test_a_rotation_starts_in_the_anchor_s_week_and_cycles() -> None:
    from checker.report import to_dict

    weeks = [{"week": {"mon": "wfo"}}, {"week": {"tue": "wfh"}}, {"week": {"wed": "wfa"}}]
    data = _office(date(2025, 7, 7), date(2025, 8, 3), week={},
                   rotation={"anchor": date(2025, 7, 16), "weeks": weeks})  # a Wednesday
    rows = to_dict(check_data(data), "id")["roster"]["rows"]
    assert rows[0]["days"] == "--a----" "o------" "-h-----" "--a----"


def test_a_period_without_calendar_days_says_so() -> None:
    from checker.report import to_dict

    out = to_dict(check_data(_office(date(2025, 7, 7), date(2025, 7, 11))), "en")
    assert out["calendar"]["covered"] and not out["calendar"]["days"]
    assert out["calendar"]["lines"] == [
        "No national holiday, cuti bersama, agency day off or circular flexible-work day falls in "
        "this period."]


def test_calendar_files_are_package_data() -> None:
    """pyproject ships checker.calendar and every checker/data/*.toml (calendar files included)."""
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(
        encoding="utf-8"))["tool"]["setuptools"]
    assert "checker.calendar" in project["packages"]
    assert "*.toml" in project["package-data"]["checker.data"]
