"""Principle 2, public services: services stay open, also for the elderly and the disabled.

The holiday-period circulars of MenPANRB (2024 to 2026, as reported) require essential services
(health, transport, security and order, disaster response) to stay available and accessible,
special attention to vulnerable groups, and announced schedule changes. UU 25/2009 Pasal 29
requires special treatment for certain groups. How many staff must be on site is the agency's own
decision (agency policy), as is any cap on the share of staff away.
"""

from __future__ import annotations

from ..context import Context
from ..enums import DayKind, Group, Provenance, Severity
from ..sources import Citation
from .base import (
    Evidence,
    Outcome,
    Percent,
    breach,
    flag,
    missing_input,
    not_applicable,
    ok,
    rule,
)
from .basis import HOLIDAY_CIRCULARS, IN_FORCE
from .dates import day_list, missing_calendar


def _service_days_missing(ctx: Context) -> Outcome:
    return missing_input("unit.service_days", reason="no_service_days")


def _short_days(ctx: Context, needed: int) -> list[Evidence]:
    """Service dates with fewer than ``needed`` on site, grouped: ordinary dates by weekday and
    head count, each holiday or cuti bersama date on its own (named with its instrument)."""
    counts = ctx.date_counts()
    groups: dict[tuple, list] = {}
    for info in ctx.service_dates():
        on_site = counts[info.date][DayKind.WFO]
        if on_site < needed:
            key = (info.date.weekday(), on_site) if info.day is None else (info.date, on_site)
            groups.setdefault(key, []).append(info)
    short = []
    for (_, on_site), infos in groups.items():
        short.append(Evidence("short_day", {"day": day_list(ctx, infos), "actual": on_site,
                                            "limit": needed},
                              (), tuple(i.date.isoformat() for i in infos), on_site, needed))
    return short


def _short_count(short: list[Evidence]) -> int:
    return sum(len(e.days) for e in short)


@rule(id="service-essential-minimum", group=Group.PUBLIC_SERVICE, severity=Severity.FAIL,
      since=IN_FORCE, basis=[HOLIDAY_CIRCULARS], settings=["min_onsite_staff"],
      inputs=["unit.essential_service", "unit.service_days", "employees[].week"])
def essential_minimum(ctx: Context) -> Outcome:
    """An essential service keeps at least the agency's minimum staff on site every service date.

    Holidays and cuti bersama included: the SKB on holidays asks direct-service units to roster
    staff on those days, and the circulars keep essential services running (as reported); staff
    are on duty there only when the roster says so. Legal basis: the MenPANRB circulars on
    essential services (as reported). The number is agency policy, set in the agency's settings.
    """
    if not ctx.essential:
        return not_applicable("not_essential")
    if not ctx.service_days:
        return _service_days_missing(ctx)
    gap = missing_calendar(ctx)
    if gap is not None:
        return gap
    needed = int(ctx.settings["min_onsite_staff"])
    short = _short_days(ctx, needed)
    if short:
        return breach("failed", short, limit=needed, count=_short_count(short))
    return ok("passed", limit=needed)


@rule(id="service-face-to-face", group=Group.PUBLIC_SERVICE, severity=Severity.FAIL,
      since=IN_FORCE,
      basis=[Citation("uu-25-2009", None, Provenance.NEWS, interpretation=True), HOLIDAY_CIRCULARS],
      inputs=["unit.serves_public_in_person", "unit.service_days", "employees[].week"])
def face_to_face(ctx: Context) -> Outcome:
    """A unit that serves the public in person keeps someone on site every service date.

    An ordinary counter is taken to be closed on national holidays and cuti bersama (they are not
    its service dates); an essential service is not (see service-essential-minimum).

    Legal basis: the duty to provide public services (UU 25/2009, our reading) and the circulars
    that keep direct services on site (SE MenPANRB 1/2024 set direct-contact services at 100% WFO
    for its period; as reported).
    """
    in_person = ctx.unit.serves_public_in_person
    if in_person is None:
        return missing_input("unit.serves_public_in_person", reason="in_person_unknown")
    if not in_person:
        return not_applicable("not_in_person")
    if not ctx.service_days:
        return _service_days_missing(ctx)
    gap = missing_calendar(ctx)
    if gap is not None:
        return gap
    short = _short_days(ctx, 1)
    if short:
        return breach("failed", short, count=_short_count(short))
    return ok("passed")


@rule(id="service-away-share", group=Group.PUBLIC_SERVICE, severity=Severity.FAIL,
      since=IN_FORCE,
      basis=[Citation("permenpanrb-4-2025", None, Provenance.NEWS),
             Citation("se-menpanrb-holidays", None, Provenance.OFFICIAL_SUMMARY)],
      settings=["max_away_share"], inputs=["employees[].week"])
def away_share(ctx: Context) -> Outcome:
    """If the agency caps the share of staff away on a day, no working day goes over it.

    The head of agency decides how many staff may work away (PermenPANRB 4/2025, as reported) and
    sets the proportion in holiday periods (SE MenPANRB 2/2026, JDIH summary). The cap itself is
    agency policy; without one this rule does not apply. Checked on every date of the period
    (nobody is away on a day off unless the roster says so).
    """
    cap = ctx.settings["max_away_share"]
    if cap is None:
        return not_applicable("no_cap")
    gap = missing_calendar(ctx)
    if gap is not None:
        return gap
    total = len(ctx.employees)
    groups: dict[tuple, list] = {}
    for info in ctx.calendar.dates:
        c = ctx.date_counts()[info.date]
        working = c[DayKind.WFO] + c[DayKind.WFH] + c[DayKind.WFA] + c[DayKind.TRAVEL]
        if working + c[DayKind.LEAVE] == 0:
            continue
        away = c[DayKind.WFH] + c[DayKind.WFA]
        # Compare head counts rather than ratios, so a share exactly at the cap passes.
        if away > cap * total + 1e-9:
            key = (info.date.weekday(), away) if info.day is None else (info.date, away)
            groups.setdefault(key, []).append(info)
    over = []
    for (_, away), infos in groups.items():
        over.append(Evidence("over_day", {"day": day_list(ctx, infos),
                                          "actual": Percent(away / total), "away": away,
                                          "total": total, "limit": Percent(cap)},
                             (), tuple(i.date.isoformat() for i in infos), round(away / total, 4),
                             cap))
    if over:
        return breach("failed", over, limit=Percent(cap), count=len(over))
    return ok("passed", limit=Percent(cap))


@rule(id="service-priority-access", group=Group.PUBLIC_SERVICE, severity=Severity.FAIL,
      since=IN_FORCE,
      basis=[Citation("uu-25-2009", "Pasal 29", Provenance.NEWS),
             Citation("uu-8-2016", None, Provenance.OFFICIAL_SUMMARY), HOLIDAY_CIRCULARS],
      inputs=["unit.serves_public_in_person", "accessibility.priority_service"])
def priority_access(ctx: Context) -> Outcome:
    """Priority service and assistance for vulnerable groups stay available every service day.

    UU 25/2009 Pasal 29 (special treatment for persons with disabilities, the elderly, pregnant
    women, children and disaster victims; as reported), UU 8/2016 on accessible public services,
    and the holiday-period circulars.
    """
    in_person = ctx.unit.serves_public_in_person
    if in_person is None:
        return missing_input("unit.serves_public_in_person", reason="in_person_unknown")
    if not in_person:
        return not_applicable("not_in_person")
    return flag(ctx.arrangement.accessibility.priority_service, "accessibility.priority_service")


@rule(id="service-schedule-announced", group=Group.PUBLIC_SERVICE, severity=Severity.WARNING,
      since=IN_FORCE, basis=[HOLIDAY_CIRCULARS],
      inputs=["unit.serves_public_in_person", "unit.essential_service",
              "unit.schedule_changes_announced", "period.start", "period.end"])
def schedule_announced(ctx: Context) -> Outcome:
    """Changes to service days or hours are announced to the public.

    The holiday-period circulars ask agencies to announce schedule and service changes (as
    reported): a warning when a serving unit works flexibly and has not. The duty also applies
    when the period holds days a circular set for flexible work (SE 2/2025, SE 3/2025, the
    year-end 2025 letter, SE 2/2026), whoever works flexibly on them.
    """
    if not ctx.flexible and not ctx.calendar.windows:
        return not_applicable("no_flexible")
    if ctx.unit.serves_public_in_person is None and not ctx.essential:
        return missing_input("unit.serves_public_in_person", reason="in_person_unknown")
    if not (ctx.unit.serves_public_in_person or ctx.essential):
        return not_applicable("not_serving")
    return flag(ctx.unit.schedule_changes_announced, "unit.schedule_changes_announced")
