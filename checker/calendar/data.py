"""Reads the dated calendar files: one ``calendar_YYYY.toml`` per covered year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Optional

from ..data import load
from ..enums import _Str

__all__ = ["DayType", "CalendarDay", "Window", "RamadanSpan", "YearCalendar", "year",
           "covered_years", "DUTIES"]

DUTIES = ("flexible_mix", "essential_services", "vulnerable_groups", "selective_leave",
          "complaint_channels", "announce_changes", "spbe", "attendance", "not_leave",
          "shift_schedules", "no_gratification")
"""What the circulars ask of units on their flexible-work days (message keys ``calendar.duty.*``)."""


class DayType(_Str):
    """Why a date is not an ordinary working day."""

    HOLIDAY = "holiday"  # hari libur nasional (SKB)
    CUTI_BERSAMA = "cuti_bersama"  # cuti bersama (SKB; for ASN, the Keppres)
    AGENCY = "agency"  # the agency's own non-working day: agency policy


@dataclass(frozen=True)
class CalendarDay:
    """A national holiday, a cuti bersama day, or an agency's own non-working day."""

    date: date
    type: DayType
    name: str  # the holiday's name, or the agency's reason
    instrument: Optional[str] = None  # source id (calendar_sources.toml); None for agency days
    asn_instrument: Optional[str] = None  # the Keppres on ASN cuti bersama


@dataclass(frozen=True)
class Window:
    """Days a MenPANRB circular set for flexible work around a holiday, and what it asks."""

    start: date
    end: date
    instrument: str
    duties: tuple[str, ...]

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class RamadanSpan:
    start: date
    end: date
    hijri: str
    status: str  # "confirmed" (isbat decision found) or "estimate"
    instrument: str


@dataclass(frozen=True)
class YearCalendar:
    year: int
    days: dict[date, CalendarDay]
    windows: tuple[Window, ...]
    ramadan: tuple[RamadanSpan, ...]


@lru_cache(maxsize=None)
def year(number: int) -> Optional[YearCalendar]:
    """The calendar of one year, or None when the engine has no data for it."""
    try:
        raw = load(f"calendar_{number}")
    except (FileNotFoundError, OSError):
        return None
    days = {}
    for d in raw.get("days", []):
        days[d["date"]] = CalendarDay(d["date"], DayType(d["kind"]), d["name"], d["instrument"],
                                      d.get("asn_instrument"))
    windows = tuple(Window(w["start"], w["end"], w["instrument"], tuple(w["duties"]))
                    for w in raw.get("windows", []))
    ramadan = tuple(RamadanSpan(r["start"], r["end"], r["hijri"], r["status"], r["instrument"])
                    for r in raw.get("ramadan", []))
    return YearCalendar(raw["year"], dict(sorted(days.items())), windows, ramadan)


def covered_years() -> tuple[int, ...]:
    """Every year with a calendar file (for the handbook and the CLI)."""
    names = [p.name for p in resources.files("checker.data").iterdir()]
    found = []
    for name in names:
        stem = name[:-5] if name.endswith(".toml") else ""
        if stem.startswith("calendar_") and stem[9:].isdigit():
            found.append(int(stem[9:]))
    return tuple(sorted(found))
