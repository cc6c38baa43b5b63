"""The generated pages of the handbook, as ``{path under docs/: Markdown}``.

Each page is rendered from the engine's own data, so a rule or parameter added to ``checker/``
appears here without a hand edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.engine import check_data
from checker.i18n import catalogue
from checker.loader import parse_text
from checker.report import to_dict
from checker.settings import SETTING_NAMES

from .calendar_page import CALENDAR_PAGE, calendar_page
from .format_page import FORMAT_PAGE, format_page
from .render import render
from .site import SiteData, format_setting

__all__ = ["Example", "load_examples", "generated_pages", "CATALOGUE_PAGE", "PARAMETER_PAGE",
           "EXAMPLES_PAGE", "EXAMPLES_DIR"]

CATALOGUE_PAGE = "referensi/aturan.md"
PARAMETER_PAGE = "referensi/parameter.md"
EXAMPLES_PAGE = "referensi/contoh.md"
EXAMPLES_DIR = "contoh"
"""Where example files are published in the site, for download and for the checker page."""

_SETTING_DOCS = {
    name: catalogue("id").text(f"setting.{name}.doc") for name in SETTING_NAMES
}


@dataclass
class Example:
    slug: str
    filename: str
    text: str
    document: Any
    data: dict[str, Any]
    notes: str
    counts_text: str


def load_examples(folder: Path, site: SiteData) -> list[Example]:
    """Check every example file with the site's profile; examples must be valid arrangements."""
    out = []
    for path in sorted(folder.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        document = parse_text(text, path.name)
        data = to_dict(check_data(document, site.profile, path.name), "id")
        c = data["counts"]
        counts_text = (f"{c['passed']} memenuhi, {c['failed']} belum memenuhi, {c['warning']} perlu "
                       f"perhatian, {c['not-assessable']} belum dapat dinilai, "
                       f"{c['not-applicable']} tidak berlaku.")
        out.append(Example(path.stem, path.name, text, document, data,
                           document.get("notes", ""), counts_text))
    return out


def _settings_rows(site: SiteData) -> list[dict[str, Any]]:
    cat = catalogue("id")
    rows = []
    for name, item in site.settings.items.items():
        origin = (f"kebijakan {site.agency_name}" if item.origin == "profile"
                  else "nilai bawaan")
        rows.append({"name": name, "label": cat.text(f"setting.{name}.label"),
                     "value_text": format_setting(site, name), "origin_label": origin,
                     "doc": _SETTING_DOCS[name]})
    return rows


def generated_pages(site: SiteData, examples: list[Example]) -> dict[str, str]:
    settings_text = {name: format_setting(site, name) for name in site.settings.items}
    return {
        CATALOGUE_PAGE: render("aturan.md.j2", catalogue=site.catalogue, site=site,
                               settings_text=settings_text, page=CATALOGUE_PAGE),
        PARAMETER_PAGE: render("parameter.md.j2", parameters=site.parameters, site=site,
                               settings=_settings_rows(site), page=PARAMETER_PAGE),
        EXAMPLES_PAGE: render("contoh.md.j2", examples=examples, page=EXAMPLES_PAGE),
        FORMAT_PAGE: format_page(),
        CALENDAR_PAGE: calendar_page(),
    }
