"""What the site build knows: the catalogue, the parameters in force, and the agency settings.

One ``SiteData`` per build. Without a profile the documented defaults apply; with one, every
setting shown is marked as that agency's policy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Optional

from checker.catalogue import catalogue_data
from checker.i18n import catalogue
from checker.model import AgencySettingsInput
from checker.parameters import parameters
from checker.rules.base import Percent
from checker.settings import Profile, Settings, load_profile, resolve
from checker.sources import sources

__all__ = ["SiteData", "site_data", "format_setting"]


@dataclass
class SiteData:
    catalogue: dict[str, Any]
    parameters: list[dict[str, Any]]
    settings: Settings
    profile: Optional[Profile]
    profile_path: Optional[str]
    sources: list[dict[str, Any]]
    today: date

    @property
    def agency_name(self) -> Optional[str]:
        return self.profile.agency.name if self.profile else None

    def param_value(self, name: str) -> Any:
        for p in self.parameters:
            if p["name"] == name:
                return p["current"]
        raise KeyError(name)


def _parameters(today: date) -> list[dict[str, Any]]:
    cat = catalogue("id")
    out = []
    for name, p in parameters().items():
        current = p.at(today) or p.values[-1]
        out.append({
            "name": name, "label": cat.text(f"parameter.{name}"), "unit": p.unit,
            "unit_label": cat.text(f"unit_name.{p.unit}"), "doc": p.doc,
            "current": current.value,
            "values": [{"start": v.start, "value": v.value, "citation": v.citation,
                        "uncertain": v.uncertain} for v in p.values],
        })
    return out


def _sources() -> list[dict[str, Any]]:
    cat = catalogue("id")
    return [{"id": s.id, "short": s.short, "title": s.title, "dates": s.dates,
             "provenance": s.provenance.value,
             "provenance_label": cat.text(f"provenance.{s.provenance.value}"),
             "note": s.note["id"], "urls": list(s.urls)} for s in sources().values()]


def site_data(profile_path: Optional[str] = None, today: Optional[date] = None) -> SiteData:
    """Everything generated pages need; ``profile_path`` names an agency profile file, if any."""
    profile = load_profile(profile_path) if profile_path else None
    settings = resolve(AgencySettingsInput(), profile)
    return SiteData(catalogue_data("id"), _parameters(today or date.today()), settings, profile,
                    str(Path(profile_path)) if profile_path else None, _sources(),
                    today or date.today())


def format_setting(site: SiteData, name: str) -> str:
    """A setting's value in Indonesian, e.g. ``50%`` or ``setiap bulan`` or ``tidak ada``."""
    cat = catalogue("id")
    value = site.settings[name]
    if value is None or value == ():
        return cat.text("word.none")
    if name == "max_away_share":
        return cat.value(Percent(value))
    return cat.value(list(value) if isinstance(value, tuple) else value)
