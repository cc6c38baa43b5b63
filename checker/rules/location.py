"""Location: how many days away, who may work away, which duties, and where.

PermenPANRB 4/2025 lets ASN work from another office of the agency, from home or from another
location the organisation needs. As reported in news (the official text was not retrieved): at
most two working days a week away (Pasal 13) unless the duties must be done outside the office or
the employee has special circumstances; not for employees serving or facing a disciplinary penalty
or new in post (Pasal 25); only for duties that meet the task criteria; home means the domicile
recorded in personnel data and other locations are set by the PPK (Pasal 11).
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Optional

from ..calendar.period import DateInfo
from ..calendar.roster import Planned
from ..context import Context, label
from ..enums import (
    LOCATION_FLEXIBLE,
    DayKind,
    Disciplinary,
    Group,
    NewInPost,
    Provenance,
    Severity,
    Weekday,
)
from ..model import Employee
from ..sources import Citation
from .base import Evidence, FieldRef, Outcome, Term, not_applicable, per_employee, rule
from .basis import IN_FORCE
from .dates import WeekCache, missing_calendar

PERMEN = "permenpanrb-4-2025"
WEEK = tuple(Weekday)


def _values(days: tuple[Weekday, ...]) -> tuple[str, ...]:
    return tuple(d.value for d in days)


@rule(id="location-max-days", group=Group.LOCATION, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, "Pasal 13", Provenance.NEWS),
             Citation("se-menpanrb-holidays", None, Provenance.NEWS, interpretation=True)],
      parameters=["max_location_flexible_days"],
      inputs=["employees[].week", "employees[].duties_outside_office",
              "employees[].special_circumstances", "employees[].rotation", "employees[].dates"])
def max_days(ctx: Context) -> Outcome:
    """At most two location-flexible days (WFH or WFA) in each calendar week per employee.

    Exceptions: duties that must be done outside the office, and special circumstances. Legal
    basis: PermenPANRB 4/2025 Pasal 13 (as reported in news). In force from 21 April 2025. Days
    that a MenPANRB circular set for flexible work around a holiday (SE 2/2025, SE 3/2025, the
    year-end 2025 letter, SE 2/2026) are not counted: no source found says whether they count,
    so this is the handbook's interpretation, not a rule found in a text.
    """
    if not ctx.location_flexible:
        return not_applicable("no_location_flexible")
    gap = missing_calendar(ctx)
    if gap is not None:
        return gap
    limit = int(ctx.param("max_location_flexible_days"))
    exempt: list[Evidence] = []  # also the notes on circular days, filled as the test runs
    weeks = ctx.calendar.weeks()

    def week_away(e: Employee, week: list[DateInfo],
                  plan: Callable[[DateInfo], Planned]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """Positions in the week of counted away days, and of away days on circular days."""
        counted, circular = [], []
        for n, info in enumerate(week):
            if plan(info).kind in LOCATION_FLEXIBLE:
                (circular if info.window is not None else counted).append(n)
        return tuple(counted), tuple(circular)

    away = WeekCache(ctx, week_away, lambda i: (i.date.weekday(), i.day is not None,
                                                i.window is not None))

    def test(e: Employee) -> Optional[Evidence]:
        worst: Optional[list[date]] = None
        on_circular: list[date] = []
        for week, (counted, circular) in zip(weeks, away.all_weeks(e)):
            on_circular.extend(week[n].date for n in circular)
            if len(counted) > limit and (worst is None or len(counted) > len(worst)):
                worst = [week[n].date for n in counted]
        if on_circular:
            exempt.append(Evidence("calendar.circular_not_counted",
                                           {"employee": label(e), "days": on_circular},
                                           (e.id,), tuple(d.isoformat() for d in on_circular)))
        if worst is None:
            return None
        shown = _shown(ctx, worst)
        if e.duties_outside_office or e.special_circumstances:
            exempt.append(Evidence("exempt", {"employee": label(e), "actual": len(worst),
                                              "limit": limit, "days": shown},
                                   (e.id,), tuple(d.isoformat() for d in worst), len(worst), limit))
            return None
        return Evidence("too_many", {"employee": label(e), "actual": len(worst), "limit": limit,
                                     "days": shown}, (e.id,), tuple(d.isoformat() for d in worst),
                        len(worst), limit)

    return per_employee(ctx.location_flexible, test, notes=exempt, limit=limit)


def _shown(ctx: Context, days: list[date]) -> list[object]:
    """Dates for a message; within a one-week period, the weekdays as before."""
    if ctx.calendar.one_week:
        return [WEEK[d.weekday()] for d in days]
    return list(days)


@rule(id="location-discipline", group=Group.LOCATION, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, "Pasal 25", Provenance.NEWS)],
      inputs=["employees[].disciplinary", "employees[].week"])
def discipline(ctx: Context) -> Outcome:
    """No location-flexible days for an employee serving, or in process of, a disciplinary penalty.

    Legal basis: PermenPANRB 4/2025 Pasal 25 (as reported in news; confirmed by the Minister at
    Komisi II DPR, 30 June 2025). In force from 21 April 2025.
    """
    if not ctx.location_flexible:
        return not_applicable("no_location_flexible")

    def test(e: Employee) -> Optional[Evidence]:
        if e.disciplinary in (Disciplinary.SERVING, Disciplinary.IN_PROCESS):
            days = ctx.facts(e).away_days
            return Evidence("penalty", {"employee": label(e), "state": e.disciplinary, "days": days},
                            (e.id,), _values(days))
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        if e.disciplinary is None:
            return Evidence("employee_missing", {"employee": label(e), "fields": [FieldRef("employees.disciplinary")]}, (e.id,))
        return None

    return per_employee(ctx.location_flexible, test, missing)


@rule(id="location-new-in-post", group=Group.LOCATION, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, "Pasal 25", Provenance.NEWS)],
      inputs=["employees[].new_in_post", "employees[].week"])
def new_in_post(ctx: Context) -> Outcome:
    """No location-flexible days for an employee new in post.

    "New" means just placed in the position, by recruitment, promotion, transfer or rotation.
    Legal basis: PermenPANRB 4/2025 Pasal 25 (as reported in news). In force from 21 April 2025.
    """
    if not ctx.location_flexible:
        return not_applicable("no_location_flexible")

    def test(e: Employee) -> Optional[Evidence]:
        if e.new_in_post is not None and e.new_in_post is not NewInPost.NO:
            days = ctx.facts(e).away_days
            return Evidence("new", {"employee": label(e), "how": e.new_in_post, "days": days},
                            (e.id,), _values(days))
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        if e.new_in_post is None:
            return Evidence("employee_missing", {"employee": label(e), "fields": [FieldRef("employees.new_in_post")]}, (e.id,))
        return None

    return per_employee(ctx.location_flexible, test, missing)


TASK_CRITERIA = ("outside_office", "no_special_equipment", "ict", "minimal_face_to_face",
                 "no_continuous_supervision")


@rule(id="location-task-criteria", group=Group.LOCATION, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, None, Provenance.NEWS)],
      settings=["extra_criteria"],
      inputs=["employees[].tasks", "employees[].agency_criteria_met", "employees[].week"])
def task_criteria(ctx: Context) -> Outcome:
    """Only duties that meet the task criteria may be done away from the office.

    The duties can be done outside the office, need no special room or equipment, can be done
    with ICT, need minimal face-to-face contact and no continuous supervision; the PPK may add
    criteria (agency policy). Legal basis: PermenPANRB 4/2025, as reported in news (no article
    number reported). In force from 21 April 2025.
    """
    if not ctx.location_flexible:
        return not_applicable("no_location_flexible")
    extra = ctx.settings["extra_criteria"]

    def test(e: Employee) -> Optional[Evidence]:
        t = e.tasks
        if (t.outside_office and t.no_special_equipment and t.ict and t.minimal_face_to_face
                and t.no_continuous_supervision and not extra):
            return None
        unmet = [Term("criterion", c) for c in TASK_CRITERIA if getattr(e.tasks, c) is False]
        met = set(e.agency_criteria_met or ())
        unmet_extra = [c for c in extra if c not in met] if e.agency_criteria_met is not None else []
        if unmet or unmet_extra:
            return Evidence("unmet", {"employee": label(e), "criteria": unmet + unmet_extra},
                            (e.id,), _values(ctx.facts(e).away_days))
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        t = e.tasks
        if (None not in (t.outside_office, t.no_special_equipment, t.ict, t.minimal_face_to_face,
                         t.no_continuous_supervision)
                and not (extra and e.agency_criteria_met is None)):
            return None
        fields = [FieldRef(f"employees.tasks.{c}") for c in TASK_CRITERIA if getattr(e.tasks, c) is None]
        if extra and e.agency_criteria_met is None:
            fields.append(FieldRef("employees.agency_criteria_met"))
        if fields:
            return Evidence("employee_missing", {"employee": label(e), "fields": fields}, (e.id,))
        return None

    return per_employee(ctx.location_flexible, test, missing)


@rule(id="location-place", group=Group.LOCATION, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, "Pasal 11 huruf a", Provenance.NEWS)],
      inputs=["employees[].home_is_recorded_domicile", "employees[].other_location_set_by_agency",
              "employees[].week"])
def place(ctx: Context) -> Outcome:
    """WFH means the domicile recorded in personnel data; other locations are set by the PPK.

    Legal basis: PermenPANRB 4/2025 Pasal 11 huruf a (as reported in news). In force from 21 April
    2025.
    """
    if not ctx.location_flexible:
        return not_applicable("no_location_flexible")

    def kinds(e: Employee) -> frozenset[DayKind]:
        return ctx.facts(e).kinds

    def test(e: Employee) -> Optional[Evidence]:
        k = kinds(e)
        wrong = []
        if DayKind.WFH in k and e.home_is_recorded_domicile is False:
            wrong.append(Term("place", "home"))
        if DayKind.WFA in k and e.other_location_set_by_agency is False:
            wrong.append(Term("place", "other"))
        if wrong:
            return Evidence("wrong_place", {"employee": label(e), "places": wrong}, (e.id,))
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        k = kinds(e)
        fields = []
        if DayKind.WFH in k and e.home_is_recorded_domicile is None:
            fields.append(FieldRef("employees.home_is_recorded_domicile"))
        if DayKind.WFA in k and e.other_location_set_by_agency is None:
            fields.append(FieldRef("employees.other_location_set_by_agency"))
        if fields:
            return Evidence("employee_missing", {"employee": label(e), "fields": fields}, (e.id,))
        return None

    return per_employee(ctx.location_flexible, test, missing)
