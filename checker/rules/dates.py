"""Helpers for rules that read the calendar: the missing-year answer and per-week plans.

Shared by the date-based rules (weekly hours, the two-day limit, leave, coverage); the calendar
itself is ``checker.calendar``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Hashable, Optional

from ..calendar import covered_years
from ..calendar.period import DateInfo
from ..calendar.roster import Planned
from .base import Evidence, Outcome, unknown

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Employee

__all__ = ["missing_calendar", "signature", "WeekCache", "day_list"]


def day_list(ctx: "Context", infos: list[DateInfo]) -> list[object]:
    """How dates are named in evidence: the calendar's note for a holiday or cuti bersama date
    ("15 Mei 2026: cuti bersama ..."), the date otherwise; in a one-week period of ordinary
    days, the weekday as before."""
    if len(ctx.calendar.weeks()) == 1 and all(i.day is None for i in infos):
        from ..enums import Weekday
        week = tuple(Weekday)
        return [week[i.date.weekday()] for i in infos]
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


def signature(ctx: "Context", e: "Employee") -> Optional[Hashable]:
    """A key shared by employees whose plan is the same on every date (regular patterns only)."""
    roster = ctx.rosters[e.id]
    if not roster.regular:
        return None
    return (tuple(sorted((d.value, k.value) for d, k in e.week.items())),
            tuple(sorted((d.value, h) for d, h in e.hours.items())), e.daily_hours,
            e.time_pattern, roster.on_holidays)


class WeekCache:
    """Computes a per-week value once per (pattern, week shape) for regular employees: a
    2,000-person unit over a year has only a handful of distinct patterns and week shapes."""

    def __init__(self, ctx: "Context", compute: Callable[["Employee", list[DateInfo],
                                                              Callable[[DateInfo], Planned]], object],
                 shape: Callable[[DateInfo], Hashable]) -> None:
        self.ctx = ctx
        self.compute = compute
        self.shape = shape
        self.cache: dict = {}

    def __call__(self, e: "Employee", week: list[DateInfo]) -> object:
        sig = signature(self.ctx, e)
        roster = self.ctx.rosters[e.id]
        if sig is None:
            return self.compute(e, week, roster.on)
        key = (sig, tuple(self.shape(i) for i in week))
        found = self.cache.get(key, self)
        if found is self:
            found = self.cache[key] = self.compute(e, week, roster.on)
        return found
