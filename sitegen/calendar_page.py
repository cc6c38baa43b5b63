"""The handbook's calendar page and the circulars table, both from the engine's calendar data.

``referensi/kalender.md`` lists every date the checker knows (holidays, cuti bersama, Ramadan,
circular days) with its instrument and sources; the marker ``[[calendar:windows]]`` puts the
table of circular flexible-work days into a hand-written page. Nothing here is kept by hand.
"""

from __future__ import annotations

from typing import Any

from checker.calendar import covered_years
from checker.calendar.listing import year_listing

from .render import render

__all__ = ["CALENDAR_PAGE", "calendar_page", "calendar_years", "windows_table"]

CALENDAR_PAGE = "referensi/kalender.md"


def calendar_years() -> list[dict[str, Any]]:
    """The listing of every covered year, oldest first."""
    return [year_listing(y, "id") for y in covered_years()]  # type: ignore[misc]


def calendar_page() -> str:
    return render("kalender.md.j2", years=calendar_years(), page=CALENDAR_PAGE)


def windows_table(page: str) -> str:
    return render("kalender_windows.md.j2", years=calendar_years(), page=page)
