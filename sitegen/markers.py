"""Replaces the markers of hand-written pages with values and tables from the engine.

``[[param:NAME]]`` a national parameter in force; ``[[setting:NAME]]`` an agency setting, always
labelled as agency policy; ``[[rules:GROUP]]`` the table of a group's rules; ``[[sources]]`` the
list of sources; ``[[calendar:windows]]`` the circulars' flexible-work days from the calendar
data. An unknown marker stops the build: a typo must not reach readers.
"""

from __future__ import annotations

import re

from checker.i18n import catalogue

from .render import render
from .site import SiteData, format_setting

__all__ = ["MARKER", "replace_markers", "MarkerError"]

MARKER = re.compile(r"\[\[(param|setting|rules|sources|calendar)(?::([A-Za-z0-9_-]+))?\]\]")


class MarkerError(ValueError):
    """A marker names something the engine does not have."""


def _param(site: SiteData, name: str) -> str:
    try:
        value = site.param_value(name)
    except KeyError:
        raise MarkerError(f"unknown parameter in [[param:{name}]]") from None
    return catalogue("id").value(float(value)) if isinstance(value, float) else str(value)


def _setting(site: SiteData, name: str) -> str:
    if name not in site.settings.items:
        raise MarkerError(f"unknown setting in [[setting:{name}]]")
    owner = f"kebijakan {site.agency_name}" if site.agency_name else "kebijakan instansi; nilai bawaan"
    return f"**{format_setting(site, name)}** ({owner})"


def replace_markers(markdown: str, site: SiteData, page: str) -> str:
    """``page`` is the Markdown file's path under ``docs/``, for relative links."""
    groups = {g["id"] for g in site.catalogue["groups"]}

    def sub(match: re.Match[str]) -> str:
        kind, name = match.group(1), match.group(2)
        if kind == "param" and name:
            return _param(site, name)
        if kind == "setting" and name:
            return _setting(site, name)
        if kind == "rules" and name in groups:
            rules = [r for r in site.catalogue["rules"] if r["group"] == name]
            return render("rules_table.md.j2", rules=rules, page=page, site=site)
        if kind == "calendar" and name == "windows":
            from .calendar_page import windows_table

            return windows_table(page)
        if kind == "sources" and not name:
            return render("sources.md.j2", sources=site.sources)
        raise MarkerError(f"unknown marker {match.group(0)} in {page}")

    return MARKER.sub(sub, markdown)
