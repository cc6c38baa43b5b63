"""What each employee does on each date: the weekly pattern or rotation, the calendar, and the
changes the roster makes on particular dates, in that order of precedence (a date entry wins).

On a holiday, cuti bersama or agency day the employee is off, unless a date entry puts them on
duty or their pattern runs on holidays (``pattern_on_holidays``; by default only shift work).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Optional

from ..enums import DayKind, TimePattern, Weekday
from ..model import DateEntry, Employee
from .period import DateInfo, PeriodCalendar, week_start

__all__ = ["Planned", "EmployeeRoster", "date_counts"]

WEEK = tuple(Weekday)
DAYKINDS = tuple(DayKind)


@dataclass(frozen=True, slots=True)
class Planned:
    kind: DayKind
    minutes: Optional[int]  # hours stated for the date, in minutes; None when not stated
    source: str  # "pattern" | "rotation" | "date" | "calendar" (off because of the calendar)
    note: Optional[str] = None


_MINUTES: dict[float, int] = {}


def _minutes(hours: Optional[float]) -> Optional[int]:
    """Hours to whole minutes (as ``context.minutes``), remembered: a roster repeats few values."""
    if hours is None:
        return None
    found = _MINUTES.get(hours)
    if found is None:
        found = int(round(hours * 60))
        if len(_MINUTES) < 4096:
            _MINUTES[hours] = found
    return found


class EmployeeRoster:
    """One employee's plan, date by date, over a period."""

    def __init__(self, e: Employee, cal: PeriodCalendar) -> None:
        self.employee = e
        on = e.pattern_on_holidays
        self.on_holidays = (e.time_pattern is TimePattern.SHIFT) if on is None else on
        weeks = e.rotation.weeks
        self.rotation = weeks if weeks else None
        self.anchor = week_start(e.rotation.anchor) if weeks and e.rotation.anchor else None
        self.overrides: dict[date, DateEntry] = {}
        if e.dates and cal.dates:
            first, last = cal.dates[0].date, cal.dates[-1].date
            for entry in e.dates:
                d = max(entry.date, first)
                end = min(entry.until or entry.date, last)
                while d <= end:
                    self.overrides[d] = entry
                    if d == date.max:
                        break
                    d += timedelta(days=1)
        self.regular = self.rotation is None and not self.overrides
        """The weekly pattern alone decides every date (holidays aside)."""
        self._memo: dict[tuple[int, bool], Planned] = {}

    def on_date_entry(self, d: date) -> Optional[DayKind]:
        """The kind a date entry sets for ``d``, if any."""
        entry = self.overrides.get(d)
        return entry.day if entry is not None else None

    def _base(self, d: date) -> tuple[dict, dict, Optional[float], str]:
        if self.rotation is not None and self.anchor is not None:
            i = ((week_start(d) - self.anchor).days // 7) % len(self.rotation)
            w = self.rotation[i]
            return w.week, w.hours, w.daily_hours, "rotation"
        e = self.employee
        return e.week, e.hours, e.daily_hours, "pattern"

    def on(self, info: DateInfo) -> Planned:
        if self.regular:  # the answer depends only on the weekday and whether it is a day off
            key = (info.date.weekday(), info.day is not None)
            found = self._memo.get(key)
            if found is None:
                found = self._memo[key] = self._plan(info)
            return found
        return self._plan(info)

    def _plan(self, info: DateInfo) -> Planned:
        d = info.date
        day = WEEK[d.weekday()]
        entry = self.overrides.get(d)
        week, hours, daily, source = self._base(d)
        if entry is not None:
            stated = entry.hours if entry.hours is not None else hours.get(day, daily)
            return Planned(entry.day, _minutes(stated) if entry.day is not DayKind.LEAVE else None,
                           "date", entry.note)
        kind = week.get(day, DayKind.OFF)
        if info.day is not None and not self.on_holidays:
            return Planned(DayKind.OFF, None, "calendar")
        stated = hours.get(day, daily) if kind is not DayKind.LEAVE else None
        return Planned(kind, _minutes(stated), source)


def date_counts(cal: PeriodCalendar, rosters: list[EmployeeRoster]) -> dict[date, Counter]:
    """Head counts by kind of day for every date, without walking every regular employee
    through every date: their weekday tallies are reused (a 2,000-person unit stays fast)."""
    regular = [r for r in rosters if r.regular]
    weekday = Counter((day, kind) for r in regular for day, kind in r.employee.week.items())
    holiday = Counter((day, kind) for r in regular if r.on_holidays
                      for day, kind in r.employee.week.items())
    irregular = [r for r in rosters if not r.regular]
    out: dict[date, Counter] = {}
    for info in cal.dates:
        day = WEEK[info.date.weekday()]
        source = holiday if info.day is not None else weekday
        counts: Counter = Counter({k: source.get((day, k), 0) for k in DAYKINDS})
        for r in irregular:
            counts[r.on(info).kind] += 1
        counts[DayKind.OFF] = len(rosters) - sum(counts[k] for k in DAYKINDS if k is not DayKind.OFF)
        out[info.date] = counts
    return out
