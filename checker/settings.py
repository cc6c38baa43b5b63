"""Agency settings: what each agency decides for itself, which is agency policy and not law.

Precedence, weakest first: the documented defaults below, the unit's own ``[agency]`` table in the
arrangement, then an agency profile (``--profile``, or the profile the site was built with). The
profile wins because it is the agency's binding policy; every result says where a value came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional

from .enums import Frequency
from .model import AgencySettingsInput, required
from .validate import build

__all__ = ["DEFAULTS", "Profile", "Setting", "Settings", "load_profile", "parse_profile", "resolve"]


@dataclass(frozen=True)
class Defaults:
    """Documented defaults, used when neither the arrangement nor a profile sets a value."""

    min_onsite_staff: int = 1
    """At least one person on site keeps an essential service open; agencies set their own number."""
    max_away_share: Optional[float] = None
    """No cap on the share of staff away unless the agency sets one."""
    monitoring_frequency: Frequency = Frequency.MONTHLY
    """Monthly unless the agency requires more often; no national frequency was found."""
    extra_criteria: tuple[str, ...] = ()
    """No extra task criteria unless the agency (PPK) sets them."""
    binding_rules: tuple[str, ...] = ()
    """Anjuran rules stay warnings unless the agency makes them binding (see rules/policy.py)."""


DEFAULTS = Defaults()
SETTING_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Defaults))


@dataclass(frozen=True, kw_only=True)
class ProfileAgency(AgencySettingsInput):
    name: str = required("Name of the agency whose policy this profile holds.", min_length=1)


@dataclass(frozen=True)
class Profile:
    """An agency profile file: ``[agency]`` with the agency's name and settings."""

    agency: ProfileAgency = required("The agency and its settings.")


@dataclass(frozen=True)
class Setting:
    name: str
    value: Any
    origin: str  # "default" | "arrangement" | "profile"
    overridden: Any = None  # the arrangement's value, when a profile replaced it


@dataclass(frozen=True)
class Settings:
    """The settings in force for one check, each with its origin."""

    agency_name: Optional[str]
    items: dict[str, Setting] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.items[name].value


def parse_profile(data: Any, source: Optional[str] = None) -> Profile:
    return build(Profile, data, source)


def load_profile(path: str) -> Profile:
    """Read a profile TOML (or JSON) file; bad content raises ``ValidationError`` naming the file."""
    from .loader import read_document  # local: loader imports the validator too

    return parse_profile(read_document(path), path)


def resolve(unit_input: AgencySettingsInput, profile: Optional[Profile]) -> Settings:
    items: dict[str, Setting] = {}
    for name in SETTING_NAMES:
        default = getattr(DEFAULTS, name)
        local = getattr(unit_input, name)
        chosen = Setting(name, default, "default")
        if local is not None:
            chosen = Setting(name, local, "arrangement")
        if profile is not None:
            agency_value = getattr(profile.agency, name)
            if agency_value is not None:
                replaced = local if local is not None and local != agency_value else None
                chosen = Setting(name, agency_value, "profile", replaced)
        if name in ("extra_criteria", "binding_rules"):
            chosen = Setting(name, tuple(chosen.value), chosen.origin, chosen.overridden)
        items[name] = chosen
    return Settings(profile.agency.name if profile else None, items)

