"""Time: weekly hours for everyone, and when shift or dynamic hours fit.

Perpres 21/2023 sets 37.5 working hours a week (32.5 in Ramadan), excluding breaks, and its Pasal 9
requires ASN who work flexibly to meet the weekly hours too. PermenPANRB 4/2025 (reported Pasal 17)
has two forms of time flexibility: shift work, for duties longer than 8 hours 30 minutes a day or
on more than 5 days and over 37.5 hours a week; and dynamic hours, for duties not tied to the
agency's office hours. The criteria are known from news reports only.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Optional

from ..calendar.period import DateInfo
from ..calendar.roster import Planned
from ..context import Context, label, minutes
from ..enums import WORKING, DayKind, Group, Provenance, Severity, TimePattern, Weekday
from ..model import Employee
from ..sources import Citation
from .base import (
    Evidence,
    FieldRef,
    Outcome,
    breach,
    not_applicable,
    ok,
    per_employee,
    rule,
    unknown,
)
from .basis import IN_FORCE
from .dates import WeekCache, missing_calendar

WEEK = tuple(Weekday)


@rule(id="time-weekly-hours", group=Group.TIME, severity=Severity.FAIL,
      since=date(2023, 4, 12),
      basis=[Citation("perpres-21-2023", "Pasal 4", Provenance.OFFICIAL_SUMMARY, Provenance.NEWS),
             Citation("perpres-21-2023", "Pasal 9", Provenance.NEWS),
             Citation("perpres-21-2023", "Pasal 6", Provenance.NEWS)],
      parameters=["weekly_hours", "weekly_hours_ramadan"],
      inputs=["period.ramadan", "employees[].week", "employees[].daily_hours", "employees[].hours",
              "employees[].time_pattern", "employees[].rotation", "employees[].dates",
              "employees[].pattern_on_holidays"])
def weekly_hours(ctx: Context) -> Outcome:
    """Every employee, flexible or not, works the weekly hours: 37.5, or 32.5 in Ramadan.

    Counted per calendar week (Monday to Sunday) and pro rata to that week's working days:
    national holidays, cuti bersama and the agency's own days off are not working days (Perpres
    21/2023 Pasal 6), so a week with two of them needs three fifths of the hours; Ramadan dates
    use the Ramadan hours (Pasal 4 ayat (2)). Leave on a working day counts as a standard day (a
    fifth of the weekly hours). Legal basis: Perpres 21/2023 (hours, reported as Pasal 4; flexible
    workers too, Pasal 9; holidays, Pasal 6). In force from 12 April 2023.
    """
    gap = missing_calendar(ctx)
    if gap is not None:
        return gap
    dates = ctx.calendar.dates
    normal_day = ramadan_day = 0
    if any(not i.ramadan for i in dates):
        normal_day = minutes(ctx.param("weekly_hours")) // 5
    if any(i.ramadan for i in dates):
        ramadan_day = minutes(ctx.param("weekly_hours_ramadan")) // 5
    weekly = (ramadan_day if dates and all(i.ramadan for i in dates) else normal_day) * 5
    required_hours = weekly / 60

    def standard(info: DateInfo) -> int:
        return ramadan_day if info.ramadan else normal_day

    def week_total(e: Employee, week: list[DateInfo],
                   plan: Callable[[DateInfo], Planned]) -> tuple[Optional[int], int]:
        """(minutes worked, or None when shift/dynamic hours are not stated; minutes required)."""
        required = worked = 0
        unknown_hours = False
        for info in week:
            if info.working:
                required += standard(info)
            p = plan(info)
            if p.kind in WORKING:
                if p.minutes is not None:
                    worked += p.minutes
                elif e.time_pattern is TimePattern.NORMAL:
                    worked += standard(info)
                else:
                    unknown_hours = True
            elif p.kind is DayKind.LEAVE and info.working:
                worked += standard(info)
        return (None if unknown_hours else worked), required

    totals = WeekCache(ctx, week_total, lambda i: (i.date.weekday(), i.day is not None,
                                                   i.ramadan))
    weeks = ctx.calendar.weeks()
    unknown_ids: set[str] = set()

    def test(e: Employee) -> Optional[Evidence]:
        short = []
        for week, (worked, required) in zip(weeks, totals.all_weeks(e)):
            if worked is None:
                if required or any(ctx.plan(e, i).kind in WORKING for i in week):
                    unknown_ids.add(e.id)
                continue
            if worked < required:
                short.append((week, worked, required))
        if not short:
            return None
        week, worked, required = short[0]
        off = [i.day for i in week if i.day is not None]
        if len(weeks) == 1 and not off and required == weekly:
            return Evidence("short", {"employee": label(e), "actual": worked / 60,
                                      "limit": required / 60}, (e.id,), (), worked / 60,
                            required / 60)
        return Evidence("calendar.short_week",
                        {"employee": label(e), "actual": worked / 60, "limit": required / 60,
                         "start": week[0].date, "end": week[-1].date, "off": off or None,
                         "weeks": len(short)},
                        (e.id,), tuple(i.date.isoformat() for i in week), worked / 60,
                        required / 60)

    def missing(e: Employee) -> Optional[Evidence]:
        if e.id in unknown_ids:
            return Evidence("employee_missing", {"employee": label(e), "pattern": e.time_pattern},
                            (e.id,))
        return None

    return per_employee(ctx.employees, test, missing, limit=required_hours)


@rule(id="time-shift-criteria", group=Group.TIME, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation("permenpanrb-4-2025", "Pasal 17", Provenance.NEWS)],
      parameters=["shift_daily_hours", "shift_weekly_days", "shift_weekly_hours"],
      inputs=["employees[].time_pattern", "unit.operating_hours_per_day",
              "unit.operating_days_per_week"])
def shift_criteria(ctx: Context) -> Outcome:
    """Shift work only for duties longer than 8.5 hours a day, or on more than 5 days and over
    37.5 hours a week.

    Legal basis: PermenPANRB 4/2025, shift as a form of time flexibility (reported Pasal 17); the
    criteria and examples come from news reports. In force from 21 April 2025.
    """
    shift = [e for e in ctx.employees if e.time_pattern is TimePattern.SHIFT]
    if not shift:
        return not_applicable("no_shift")
    ids = tuple(e.id for e in shift)
    names = [label(e) for e in shift]
    daily = ctx.param("shift_daily_hours")
    week_days = ctx.param("shift_weekly_days")
    week_hours = ctx.param("shift_weekly_hours")
    hours = ctx.unit.operating_hours_per_day
    days = ctx.unit.operating_days_per_week
    if hours is not None and minutes(hours) > minutes(daily):
        return ok("long_day", hours=hours, daily=daily, count=len(shift))
    if hours is None or days is None:
        missing = [FieldRef(f"unit.{f}") for f, v in
                   (("operating_hours_per_day", hours), ("operating_days_per_week", days)) if v is None]
        return unknown("unknown", [Evidence("missing_span", {"fields": missing, "employees": names},
                                            ids)], count=len(shift))
    if days > week_days and minutes(hours) * days > minutes(week_hours):
        return ok("long_week", hours=hours, days=days, week_days=week_days,
                  week_hours=week_hours, count=len(shift))
    return breach("failed", [Evidence("span", {"hours": hours, "days": days, "total": hours * days,
                                               "employees": names}, ids, (), hours * days)],
                  daily=daily, week_days=week_days, week_hours=week_hours, count=len(shift))


@rule(id="time-dynamic-criteria", group=Group.TIME, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation("permenpanrb-4-2025", "Pasal 17", Provenance.NEWS)],
      inputs=["employees[].time_pattern", "employees[].tasks.not_tied_to_office_hours"])
def dynamic_criteria(ctx: Context) -> Outcome:
    """Dynamic hours only for duties not tied to the agency's office hours.

    Examples reported: diplomacy, research, drafting documents. Legal basis: PermenPANRB 4/2025
    (reported Pasal 17), criteria from news reports. In force from 21 April 2025.
    """
    dynamic = [e for e in ctx.employees if e.time_pattern is TimePattern.DYNAMIC]
    if not dynamic:
        return not_applicable("no_dynamic")

    def test(e: Employee) -> Optional[Evidence]:
        if e.tasks.not_tied_to_office_hours is False:
            return Evidence("tied", {"employee": label(e)}, (e.id,))
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        if e.tasks.not_tied_to_office_hours is None:
            return Evidence("employee_missing", {"employee": label(e),
                                        "fields": [FieldRef("employees.tasks.not_tied_to_office_hours")]}, (e.id,))
        return None

    return per_employee(dynamic, test, missing)
