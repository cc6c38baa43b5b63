"""The calendar part of a localized report: the period's holidays, cuti bersama, agency days,
circular days and Ramadan with their instruments, who is on duty on a day off, and the roster by
date for the page's heat map. Plain data, built once per report (see ``checker.report``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..enums import WORKING, DayKind
from ..i18n import Catalogue
from ..sources import source
from .data import CalendarDay, DayType, covered_years

if TYPE_CHECKING:
    from ..engine import Report

__all__ = ["calendar_dict", "roster_dict", "instrument_dict", "ROSTER_MAX", "KIND_CODES"]

ROSTER_MAX = 100
"""Employees shown in the heat map by date (the page shows the same number)."""
KIND_CODES = {DayKind.WFO: "o", DayKind.WFH: "h", DayKind.WFA: "a", DayKind.LEAVE: "l",
              DayKind.TRAVEL: "t", DayKind.OFF: "-"}


def instrument_dict(key: str, cat: Catalogue) -> dict[str, Any]:
    src = source(key)
    return {"id": key, "short": src.short, "title": src.title,
            "provenance": src.provenance._value_,
            "provenance_label": cat.text(f"provenance.{src.provenance._value_}"),
            "url": src.urls[0] if src.urls else None}


def _day(day: CalendarDay, cat: Catalogue) -> dict[str, Any]:
    return {"date": day.date.isoformat(), "type": day.type._value_,
            "type_label": cat.text(f"calendar.type.{day.type._value_}"), "name": day.name,
            "text": cat.calendar_day(day),
            "instrument": instrument_dict(day.instrument, cat) if day.instrument else None,
            "asn_instrument": instrument_dict(day.asn_instrument, cat) if day.asn_instrument else None}


def calendar_dict(report: "Report", cat: Catalogue) -> dict[str, Any]:
    ctx = report.context
    cal = ctx.calendar
    lines: list[str] = []
    if cal.missing_years:
        lines.append(cat.text("calendar.missing", years=list(cal.missing_years)))
    days = [_day(d, cat) for d in cal.days_off]
    lines.extend(d["text"] for d in days)
    windows = []
    for w in cal.windows:
        duties = [cat.text(f"calendar.duty.{k}") for k in w.duties]
        inst = source(w.instrument).short
        key = "calendar.window_one" if w.start == w.end else "calendar.window"
        text = cat.format(cat.text(key), {"start": w.start, "end": w.end, "instrument": inst,
                                          "duties": "; ".join(duties)})
        windows.append({"start": w.start.isoformat(), "end": w.end.isoformat(),
                        "instrument": instrument_dict(w.instrument, cat), "duties": duties,
                        "text": text})
        lines.append(text)
    ramadan = []
    override = report.arrangement.period.ramadan
    if override is not None:
        lines.append(cat.text("calendar.ramadan_override",
                              value=cat.text("word.yes" if override else "word.no")))
    else:
        for r in cal.ramadan_spans:
            text = cat.format(cat.text("calendar.ramadan"),
                              {"hijri": r.hijri, "start": r.start, "end": r.end,
                               "status": cat.text(f"calendar.status.{r.status}"),
                               "instrument": source(r.instrument).short})
            ramadan.append({"start": r.start.isoformat(), "end": r.end.isoformat(),
                            "hijri": r.hijri, "status": r.status,
                            "instrument": instrument_dict(r.instrument, cat), "text": text})
            lines.append(text)
    if any(d.type is DayType.AGENCY for d in cal.days_off):
        lines.append(cat.text(f"calendar.agency_origin_{ctx.agency_days_origin}"))
    duty = []
    off_infos = [i for i in cal.dates if i.day is not None]
    for e in report.arrangement.employees:
        on = [i.day for i in off_infos if ctx.plan(e, i).kind in WORKING]
        if not on:
            continue
        name = f"{e.id} ({e.name})" if e.name else e.id
        cuti = [d for d in on if d.type is DayType.CUTI_BERSAMA]  # type: ignore[union-attr]
        key = "evidence.calendar.duty_on_cuti_bersama" if cuti else "evidence.calendar.duty_on_holiday"
        text = cat.text(key, employee=name, days=[d.date for d in on])  # type: ignore[union-attr]
        duty.append({"employee": e.id, "dates": [d.date.isoformat() for d in on],  # type: ignore[union-attr]
                     "cuti_bersama": [d.date.isoformat() for d in cuti], "text": text})
        lines.append(text)
    if not lines:
        lines.append(cat.text("calendar.none"))
    return {"covered": not cal.missing_years, "missing_years": list(cal.missing_years),
            "covered_years": list(covered_years()), "ramadan_override": override,
            "days": days, "windows": windows, "ramadan": ramadan, "duty": duty,
            "legend": {k: cat.text(f"calendar.type.{k}") for k in
                       ("holiday", "cuti_bersama", "agency", "circular", "ramadan")},
            "title": cat.text("calendar.title"), "lines": lines}


def roster_dict(report: "Report") -> dict[str, Any]:
    """The first ``ROSTER_MAX`` employees' plan by date, one letter a date (``codes``)."""
    ctx = report.context
    rows = []
    same: dict = {}  # one string per regular pattern
    for e in report.arrangement.employees[:ROSTER_MAX]:
        sig = ctx.signature(e)
        days = same.get(sig) if sig is not None else None
        if days is None:
            days = "".join(KIND_CODES[ctx.plan(e, i).kind] for i in ctx.calendar.dates)
            if sig is not None:
                same[sig] = days
        rows.append({"id": e.id, "name": e.name, "days": days})
    return {"dates": [i.date.isoformat() for i in ctx.calendar.dates],
            "codes": {v: k._value_ for k, v in KIND_CODES.items()},
            "total": len(report.arrangement.employees), "rows": rows}
