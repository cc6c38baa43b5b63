"""The calendar: national holidays, cuti bersama, Ramadan and the circulars' flexible-work days.

Dates are data (``checker/data/calendar_YYYY.toml``, one file per year, each entry naming its
instrument). A year without a file is not covered: rules that depend on the calendar then give
"not assessable" and name the year; the engine never assumes a year has no holidays.
"""

from .data import CalendarDay, DayType, RamadanSpan, Window, YearCalendar, covered_years, year
from .period import DateInfo, PeriodCalendar

__all__ = ["CalendarDay", "DayType", "RamadanSpan", "Window", "YearCalendar", "covered_years",
           "year", "DateInfo", "PeriodCalendar"]
