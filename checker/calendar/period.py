"""What the calendar says about each date of one arrangement's period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Optional

from ..model import AgencyDay
from .data import CalendarDay, DayType, RamadanSpan, Window, year

__all__ = ["DateInfo", "PeriodCalendar", "week_start"]


def week_start(day: date) -> date:
    """The Monday of the calendar week (Monday to Sunday) that holds ``day``."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class DateInfo:
    """One date of the period: a day off by the calendar, a circular's day, Ramadan."""

    date: date
    day: Optional[CalendarDay]  # holiday, cuti bersama or agency day; None otherwise
    window: Optional[Window]  # a circular's flexible-work day
    ramadan: bool  # Ramadan hours apply (from the calendar, or the user's override)
    covered: bool  # the calendar covers this date's year

    @property
    def weekend(self) -> bool:
        return self.date.weekday() >= 5

    @property
    def working(self) -> bool:
        """A working day of the standard week: Monday to Friday and not a day off."""
        return not self.weekend and self.day is None


class PeriodCalendar:
    """The calendar for the dates of a period, with the agency's own days and the user's
    Ramadan override (``period.ramadan``: None takes the calendar's Ramadan dates)."""

    def __init__(self, dates: list[date], agency_days: Iterable[AgencyDay] = (),
                 ramadan_override: Optional[bool] = None) -> None:
        years = sorted({d.year for d in dates})
        cals = {y: year(y) for y in years}
        self.missing_years: tuple[int, ...] = tuple(y for y in years if cals[y] is None)
        agency: dict[date, CalendarDay] = {}
        first, last = (dates[0], dates[-1]) if dates else (None, None)
        for a in agency_days:
            end = a.until or a.date
            if first is None or end < first or a.date > last:  # type: ignore[operator]
                continue
            d = max(a.date, first)  # type: ignore[type-var]
            while d <= min(end, last):  # type: ignore[type-var]
                agency.setdefault(d, CalendarDay(d, DayType.AGENCY, a.reason))
                if d == date.max:
                    break
                d += timedelta(days=1)
        self.windows: list[Window] = []
        self.ramadan_spans: list[RamadanSpan] = []
        infos = []
        for d in dates:
            cal = cals[d.year]
            national = cal.days.get(d) if cal is not None else None
            window = None
            ramadan = False
            if cal is not None:
                window = next((w for w in cal.windows if w.covers(d)), None)
                span = next((r for r in cal.ramadan if r.start <= d <= r.end), None)
                ramadan = span is not None
                if span is not None and span not in self.ramadan_spans:
                    self.ramadan_spans.append(span)
                if window is not None and window not in self.windows:
                    self.windows.append(window)
            if ramadan_override is not None:
                ramadan = ramadan_override
            infos.append(DateInfo(d, national or agency.get(d), window, ramadan, cal is not None))
        self.dates = infos
        self.by_date = {i.date: i for i in infos}
        self.days_off = [i.day for i in infos if i.day is not None]
        self._weeks: Optional[list[list[DateInfo]]] = None

    @property
    def covered(self) -> bool:
        return not self.missing_years

    @property
    def any_calendar_day(self) -> bool:
        """Whether a holiday, cuti bersama, agency day or circular day falls in the period."""
        return bool(self.days_off or self.windows)

    @property
    def one_week(self) -> bool:
        """The whole period lies in one calendar week."""
        return len(self.weeks()) == 1

    def weeks(self) -> list[list[DateInfo]]:
        """The period's dates grouped by calendar week (Monday to Sunday), clipped to the period."""
        if self._weeks is not None:
            return self._weeks
        out: list[list[DateInfo]] = []
        current: Optional[date] = None
        for info in self.dates:
            monday = week_start(info.date)
            if monday != current:
                out.append([])
                current = monday
            out[-1].append(info)
        self._weeks = out
        return out
