"""Principle 3, annual leave: granted with the workload in mind.

PNS (PP 11/2017 as amended by PP 17/2020; Peraturan BKN 24/2017 as amended): 12 working days a
year after one year of continuous service; unused leave carries over up to 18 days in a year
including the current year's, or 24 after two or more unused years. A PNS request cannot be
refused, only postponed for urgent service needs, for at most one year. PPPK (Peraturan BKN 7/2022):
annual leave after one year of service, and the request can be approved, changed, postponed or
refused; PPPK carry-over rules were not found. The holiday-period circulars ask leaders to grant
leave selectively, with the workload in mind.
"""

from __future__ import annotations

from typing import Optional

from ..context import Context, label
from ..enums import DayKind, EmploymentStatus, Group, Provenance, Severity
from ..model import Employee
from ..sources import Citation
from .base import (
    Evidence,
    FieldRef,
    Outcome,
    breach,
    missing_input,
    not_applicable,
    ok,
    per_employee,
    rule,
)
from .basis import HOLIDAY_CIRCULARS, IN_FORCE
from .dates import day_list, missing_calendar

PNS_LEAVE = Citation("leave-pns", None, Provenance.SECONDARY)
PPPK_LEAVE = Citation("leave-pppk", None, Provenance.SECONDARY)


def planned_leave(ctx: Context, e: Employee) -> int:
    """Leave days planned over the period: dates of leave that are not a holiday, cuti bersama
    or agency day off (those use no annual leave)."""
    if ctx.rosters[e.id].regular:  # count by weekday: dates of the period that are not days off
        ordinary = ctx.__dict__.get("_ordinary_by_weekday")
        if ordinary is None:
            ordinary = [0] * 7
            for info in ctx.calendar.dates:
                if info.day is None:
                    ordinary[info.date.weekday()] += 1
            ctx.__dict__["_ordinary_by_weekday"] = ordinary
        return sum(ordinary[day.index] for day, kind in e.week.items() if kind is DayKind.LEAVE)
    return sum(1 for info in ctx.calendar.dates
               if info.day is None and ctx.plan(e, info).kind is DayKind.LEAVE)


def leave_on_days_off(ctx: Context, e: Employee) -> list[object]:
    """Calendar days off on which the roster says leave: they are not counted."""
    roster = ctx.rosters[e.id]
    if not roster.overrides:
        return []
    return [info.day for info in ctx.calendar.dates
            if info.day is not None and roster.on_date_entry(info.date) is DayKind.LEAVE]


def entitlement(ctx: Context, e: Employee) -> int:
    """Annual leave days available this year (the carry-over rules apply to PNS only)."""
    if e.years_of_service is None or e.years_of_service < ctx.param("leave_min_service_years"):
        return 0
    if e.status is EmploymentStatus.PPPK:
        return int(ctx.param("annual_leave_days_pppk"))
    base = int(ctx.param("annual_leave_days"))
    long_unused = e.leave.unused_years >= ctx.param("leave_unused_years")
    cap = int(ctx.param("leave_cap_after_unused" if long_unused else "leave_cap_carryover"))
    return base + min(e.leave.carried_over, cap - base)


@rule(id="leave-entitlement", group=Group.LEAVE, severity=Severity.FAIL, since=IN_FORCE,
      basis=[PNS_LEAVE, PPPK_LEAVE],
      parameters=["annual_leave_days", "annual_leave_days_pppk", "leave_cap_carryover",
                  "leave_cap_after_unused", "leave_unused_years", "leave_min_service_years"],
      inputs=["employees[].week", "employees[].status", "employees[].years_of_service",
              "employees[].leave"])
def within_entitlement(ctx: Context) -> Outcome:
    """Planned leave stays within what is left of the employee's entitlement.

    No annual leave before one year of continuous service. Leave days in the roster are counted
    on every date of the period, added to leave already taken this year; leave on a national
    holiday or cuti bersama date is not counted (a holiday is not a leave day, and for ASN cuti
    bersama does not reduce annual leave: the Keppres on ASN cuti bersama, as reported).
    """
    planners = [e for e in ctx.employees if DayKind.LEAVE in ctx.facts(e).kinds]
    if not planners:
        return not_applicable("no_leave")
    gap = missing_calendar(ctx)
    if gap is not None:
        return gap
    notes: list[Evidence] = []
    for e in ctx.employees:
        off = leave_on_days_off(ctx, e)
        if off:
            notes.append(Evidence("calendar.leave_on_day_off", {"employee": label(e), "days": off},
                                  (e.id,), tuple(d.date.isoformat() for d in off)))  # type: ignore[attr-defined]

    def test(e: Employee) -> Optional[Evidence]:
        if e.years_of_service is None:
            return None
        planned = planned_leave(ctx, e)
        available = entitlement(ctx, e)
        used = planned + e.leave.taken_this_year
        if e.status is EmploymentStatus.PPPK and e.leave.carried_over:
            notes.append(Evidence("pppk_carryover", {"employee": label(e),
                                                     "days": e.leave.carried_over}, (e.id,)))
        if used > available:
            key = "no_entitlement_yet" if available == 0 else "over"
            return Evidence(key, {"employee": label(e), "planned": planned,
                                  "taken": e.leave.taken_this_year, "actual": used,
                                  "limit": available}, (e.id,), (), used, available)
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        if e.years_of_service is None:
            return Evidence("employee_missing", {"employee": label(e),
                                        "fields": [FieldRef("employees.years_of_service")]}, (e.id,))
        return None

    return per_employee(planners, test, missing, notes=notes)


@rule(id="leave-coverage", group=Group.LEAVE, severity=Severity.FAIL, since=IN_FORCE,
      basis=[HOLIDAY_CIRCULARS, PNS_LEAVE, PPPK_LEAVE],
      settings=["min_onsite_staff"],
      inputs=["employees[].week", "employees[].status", "unit.service_days",
              "unit.essential_service", "unit.serves_public_in_person"])
def coverage(ctx: Context) -> Outcome:
    """Leave does not take on-site staff below the minimum on any service date.

    The minimum is the agency's for essential services and one person for other face-to-face
    services. A PNS's leave can then be postponed (at most one year), not refused; a PPPK's leave
    can be postponed or refused.
    """
    counts = ctx.date_counts()
    if not any(c[DayKind.LEAVE] for c in counts.values()) and not any(
            DayKind.LEAVE in ctx.facts(e).kinds for e in ctx.employees):
        return not_applicable("no_leave")
    needed = ctx.required_on_site()
    if needed is None:
        if ctx.unit.serves_public_in_person is None and not ctx.essential:
            return missing_input("unit.serves_public_in_person", reason="in_person_unknown")
        return not_applicable("no_minimum")
    if not ctx.service_days:
        return missing_input("unit.service_days", reason="no_service_days")
    gap = missing_calendar(ctx)
    if gap is not None:
        return gap
    groups: dict[tuple, list] = {}
    leave_on_service_days = False
    for info in ctx.service_dates():
        c = counts[info.date]
        if c[DayKind.LEAVE] == 0:
            continue
        leave_on_service_days = True
        if c[DayKind.WFO] >= needed:
            continue
        away = [e for e in ctx.employees if ctx.plan(e, info).kind is DayKind.LEAVE]
        key = (info.day is not None, info.date.weekday() if info.day is None else info.date,
               c[DayKind.WFO], tuple(e.id for e in away))
        groups.setdefault(key, []).append((info, away, c))
    if not leave_on_service_days:
        return not_applicable("no_leave_on_service_days")
    short = []
    for items in groups.values():
        info, away, c = items[0]
        shown = day_list(ctx, [i for i, _, _ in items])
        pns = [label(e) for e in away if e.status is EmploymentStatus.PNS]
        pppk = [label(e) for e in away if e.status is EmploymentStatus.PPPK]
        short.append(Evidence("short_day", {"day": shown, "actual": c[DayKind.WFO],
                                            "limit": needed, "leave": c[DayKind.LEAVE],
                                            "pns": pns, "pppk": pppk},
                              tuple(e.id for e in away),
                              tuple(i.date.isoformat() for i, _, _ in items), c[DayKind.WFO],
                              needed))
    if short:
        return breach("failed", short, limit=needed, count=sum(len(g) for g in groups.values()))
    return ok("passed", limit=needed)
