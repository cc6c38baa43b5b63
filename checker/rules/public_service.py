"""Principle 2, public services: services stay open, also for the elderly and the disabled.

The holiday-period circulars of MenPANRB (2024 to 2026, as reported) require essential services
(health, transport, security and order, disaster response) to stay available and accessible,
special attention to vulnerable groups, and announced schedule changes. UU 25/2009 Pasal 29
requires special treatment for certain groups. How many staff must be on site is the agency's own
decision (agency policy). The head of agency sets the percentage of staff who may work away from
the office (PermenPANRB 4/2025 Pasal 14, as reported); the number chosen is that decision.
The circulars bind only in their holiday periods, so rules resting on them alone are Anjuran.
"""

from __future__ import annotations

from ..context import Context
from ..enums import Group, Provenance, Severity
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


def _service_days_missing(ctx: Context) -> Outcome:
    return missing_input("unit.service_days", reason="no_service_days")


def _short_days(ctx: Context, needed: int) -> list[Evidence]:
    short = []
    for day in ctx.service_days:
        if not ctx.in_service_days(day):
            continue
        on_site = ctx.day_counts[day].on_site
        if on_site < needed:
            short.append(Evidence("short_day", {"day": day, "actual": on_site, "limit": needed},
                                  (), (day.value,), on_site, needed))
    return short


@rule(id="service-essential-minimum", group=Group.PUBLIC_SERVICE, severity=Severity.WARNING,
      since=IN_FORCE, basis=[HOLIDAY_CIRCULARS], settings=["min_onsite_staff"],
      inputs=["unit.essential_service", "unit.service_days", "employees[].week"])
def essential_minimum(ctx: Context) -> Outcome:
    """An essential service keeps at least the agency's minimum staff on site every service day.

    Legal basis: the MenPANRB circulars on essential services (as reported), which bind only in
    their holiday periods: Anjuran, unless the agency makes it binding. The number is agency
    policy, set in the agency's settings.
    """
    if not ctx.essential:
        return not_applicable("not_essential")
    if not ctx.service_days:
        return _service_days_missing(ctx)
    needed = int(ctx.settings["min_onsite_staff"])
    short = _short_days(ctx, needed)
    if short:
        return breach("failed", short, limit=needed, count=len(short))
    return ok("passed", limit=needed)


@rule(id="service-face-to-face", group=Group.PUBLIC_SERVICE, severity=Severity.WARNING,
      since=IN_FORCE,
      basis=[Citation("uu-25-2009", None, Provenance.NEWS, interpretation=True), HOLIDAY_CIRCULARS],
      inputs=["unit.serves_public_in_person", "unit.service_days", "employees[].week"])
def face_to_face(ctx: Context) -> Outcome:
    """A unit that serves the public in person keeps someone on site every service day.

    Legal basis: the duty to provide public services (UU 25/2009, our reading) and the circulars
    that keep direct services on site (SE MenPANRB 1/2024 set direct-contact services at 100% WFO
    for its period; as reported). Our reading and period-bound circulars: Anjuran.
    """
    in_person = ctx.unit.serves_public_in_person
    if in_person is None:
        return missing_input("unit.serves_public_in_person", reason="in_person_unknown")
    if not in_person:
        return not_applicable("not_in_person")
    if not ctx.service_days:
        return _service_days_missing(ctx)
    short = _short_days(ctx, 1)
    if short:
        return breach("failed", short, count=len(short))
    return ok("passed")


@rule(id="service-away-share", group=Group.PUBLIC_SERVICE, severity=Severity.FAIL,
      since=IN_FORCE,
      basis=[Citation("permenpanrb-4-2025", "Pasal 14", Provenance.NEWS),
             Citation("se-menpanrb-holidays", None, Provenance.OFFICIAL_SUMMARY)],
      settings=["max_away_share"], inputs=["employees[].week"])
def away_share(ctx: Context) -> Outcome:
    """No working day goes over the percentage of staff away that the head of agency has set.

    The head of agency sets the percentage of ASN who may work away from the office (PermenPANRB
    4/2025 Pasal 14, as reported) and sets the proportion in holiday periods (SE MenPANRB 2/2026,
    JDIH summary). The percentage is that decision (agency policy, setting ``max_away_share``);
    without one this rule does not apply, and ``approval-away-share`` asks for it.
    """
    cap = ctx.settings["max_away_share"]
    if cap is None:
        return not_applicable("no_cap")
    total = len(ctx.employees)
    over = []
    for day, counts in ctx.day_counts.items():
        if ctx.occurrences[day] == 0 or counts.working + counts.leave == 0:
            continue
        # Compare head counts rather than ratios, so a share exactly at the cap passes.
        if counts.away > cap * total + 1e-9:
            over.append(Evidence("over_day", {"day": day, "actual": Percent(counts.away / total),
                                              "away": counts.away, "total": total,
                                              "limit": Percent(cap)},
                                 (), (day.value,), round(counts.away / total, 4), cap))
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
              "unit.schedule_changes_announced"])
def schedule_announced(ctx: Context) -> Outcome:
    """Changes to service days or hours are announced to the public.

    The holiday-period circulars ask agencies to announce schedule and service changes (as
    reported): a warning when a serving unit works flexibly and has not.
    """
    if not ctx.flexible:
        return not_applicable("no_flexible")
    if ctx.unit.serves_public_in_person is None and not ctx.essential:
        return missing_input("unit.serves_public_in_person", reason="in_person_unknown")
    if not (ctx.unit.serves_public_in_person or ctx.essential):
        return not_applicable("not_serving")
    return flag(ctx.unit.schedule_changes_announced, "unit.schedule_changes_announced")
