"""Dates and citations that many rules share, written once."""

from __future__ import annotations

from datetime import date

from ..enums import Provenance
from ..sources import Citation

__all__ = ["IN_FORCE", "HOLIDAY_CIRCULARS"]

IN_FORCE = date(2025, 4, 21)
"""PermenPANRB 4/2025 was set on 16 April 2025 and promulgated and in force on 21 April 2025."""

HOLIDAY_CIRCULARS = Citation("se-menpanrb-holidays", None, Provenance.NEWS)
"""The MenPANRB holiday-period circulars (2024 to 2026), known from press reports."""
