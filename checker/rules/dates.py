"""Helpers for rules that read the calendar: the missing-year answer and per-week plans.

Shared by the date-based rules (weekly hours, the two-day limit, leave, coverage); the calendar
itself is ``checker.calendar``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Hashable, Optional

from ..calendar import covered_years
from ..calendar.period import DateInfo
from ..calendar.roster import Planned
from ..enums import Weekday
from .base import Evidence, Outcome, unknown

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Employee

__all__ = ["missing_calendar", "WeekCache", "day_list"]

WEEK = tuple(Weekday)


def day_list(ctx: "Context", infos: list[DateInfo]) -> list[object]:
    """How dates are named in evidence: the calendar's note for a holiday or cuti bersama date
    ("15 Mei 2026: cuti bersama ..."), the date otherwise; in a one-week period of ordinary
    days, the weekday as before."""
    if ctx.calendar.one_week and all(i.day is None for i in infos):
        return [WEEK[i.date.weekday()] for i in infos]
    return [i.day if i.day is not None else i.date for i in infos]


def missing_calendar(ctx: "Context") -> Optional[Outcome]:
    """Not assessable when the period reaches a year the calendar does not cover."""
    years = list(ctx.calendar.missing_years)
    if not years:
        return None
    covered = list(covered_years())
    return unknown("calendar.missing_year",
                   [Evidence("calendar.missing_year", {"years": years, "covered": covered})],
                   years=years, covered=covered)


class WeekCache:
    """Computes a per-week value once per (pattern, week shape) for regular employees: a
    2,000-person unit over a year has only a handful of distinct patterns and week shapes."""

    def __init__(self, ctx: "Context", compute: Callable[["Employee", list[DateInfo],
                                                              Callable[[DateInfo], Planned]], object],
                 shape: Callable[[DateInfo], Hashable]) -> None:
        self.ctx = ctx
        self.compute = compute
        self.weeks = ctx.calendar.weeks()
        ids: dict = {}
        self.shapes = [ids.setdefault(tuple(shape(i) for i in week), len(ids))
                       for week in self.weeks]  # small ints: cheap to hash
        self.by_signature: dict = {}

    def all_weeks(self, e: "Employee") -> list:
        """The value for every week of the period, in order; worked out once per distinct week
        shape, and shared by every employee with the same regular pattern."""
        sig = self.ctx.signature(e)
        if sig is not None:
            found = self.by_signature.get(sig)
            if found is not None:
                return found
        on = self.ctx.rosters[e.id].on
        per_shape: dict = {}
        out = []
        for n, week in enumerate(self.weeks):
            if sig is None:
                out.append(self.compute(e, week, on))
                continue
            shape = self.shapes[n]
            if shape not in per_shape:
                per_shape[shape] = self.compute(e, week, on)
            out.append(per_shape[shape])
        if sig is not None:
            self.by_signature[sig] = out
        return out
