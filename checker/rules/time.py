"""Time: weekly hours for everyone, and when shift or dynamic hours fit.

Perpres 21/2023 (official text) sets 37.5 working hours a week, excluding breaks (Pasal 4 ayat
(1)), and 32.5 in Ramadan (ayat (2)); the day starts at 07.30 local time (ayat (3)), 08.00 in
Ramadan (ayat (4)); breaks are 90 minutes on Friday and 60 on other days (ayat (5)), 60 and 30 in
Ramadan (ayat (6)). Its Pasal 9 requires ASN who work flexibly to meet the weekly hours too. PermenPANRB 4/2025 (reported Pasal 17)
has two forms of time flexibility: shift work, for duties longer than 8 hours 30 minutes a day or
on more than 5 days and over 37.5 hours a week; and dynamic hours, for duties not tied to the
agency's office hours. The criteria are known from news reports only.
"""

from __future__ import annotations

from datetime import date
from typing import Optional

from ..context import Context, Facts, label, minutes
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

WEEK = tuple(Weekday)


def _weekly_minutes(e: Employee, facts: Facts, standard_day: int) -> Optional[int]:
    """Minutes worked in the weekly pattern, leave days counted as standard days.

    Normal hours without stated hours count as standard days; shift and dynamic patterns must
    state their hours, or the total is unknown (None).
    """
    if not e.hours:
        if e.daily_hours is not None:
            return minutes(e.daily_hours) * facts.working_days + standard_day * facts.leave_days
        if e.time_pattern is not TimePattern.NORMAL and facts.working_days:
            return None
        return standard_day * (facts.working_days + facts.leave_days)
    total = 0
    for day, kind in e.week.items():
        if kind is DayKind.LEAVE:
            total += standard_day
        elif kind in WORKING:
            hours = e.hours.get(day, e.daily_hours)
            if hours is None:
                if e.time_pattern is not TimePattern.NORMAL:
                    return None
                total += standard_day
            else:
                total += minutes(hours)
    return total


@rule(id="time-weekly-hours", group=Group.TIME, severity=Severity.FAIL,
      since=date(2023, 4, 12),
      basis=[Citation("perpres-21-2023", "Pasal 4 ayat (1) dan ayat (2)", Provenance.OFFICIAL_TEXT),
             Citation("perpres-21-2023", "Pasal 9", Provenance.OFFICIAL_TEXT)],
      parameters=["weekly_hours", "weekly_hours_ramadan"],
      inputs=["period.ramadan", "employees[].week", "employees[].daily_hours", "employees[].hours",
              "employees[].time_pattern"])
def weekly_hours(ctx: Context) -> Outcome:
    """Every employee, flexible or not, works the weekly hours: 37.5, or 32.5 in Ramadan.

    Leave days count as standard days (a fifth of the weekly hours). Legal basis: Perpres 21/2023
    Pasal 4 ayat (1) and (2) (hours) and Pasal 9 (flexible workers too), official text. In force
    from 12 April 2023.
    """
    required = minutes(ctx.param(ctx.weekly_hours_name()))
    standard_day = required // 5
    required_hours = required / 60

    totals: dict[str, Optional[int]] = {}

    def test(e: Employee) -> Optional[Evidence]:
        total = totals[e.id] = _weekly_minutes(e, ctx.facts(e), standard_day)
        if total is not None and total < required:
            return Evidence("short", {"employee": label(e), "actual": total / 60,
                                      "limit": required_hours}, (e.id,), (), total / 60, required_hours)
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        if totals[e.id] is None:
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
