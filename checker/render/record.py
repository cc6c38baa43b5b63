"""What makes a report a record: when it was checked, against which engine and data, and links
to the handbook that still work once the report has left the site.

The time of the check is never read from a clock here: the caller supplies it (the CLI its own
clock, the browser the page's), so the same data always renders to the same bytes on CPython and
in Pyodide, and tests pass a fixed time.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Optional

from ..i18n import Catalogue

__all__ = ["with_record", "checked_at_text", "handbook_reference", "record_lines"]


def _clean_url(value: Any) -> Optional[str]:
    """The site's address with one trailing slash, or None when it is not an http(s) address."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value.lower().startswith(("http://", "https://")) or any(c.isspace() for c in value):
        return None
    return value.rstrip("/") + "/"


def _clean_time(value: Any) -> Optional[str]:
    if isinstance(value, datetime):
        return value.isoformat()
    return value.strip() if isinstance(value, str) and value.strip() else None


def with_record(data: dict[str, Any], meta: Optional[dict[str, Any]]) -> dict[str, Any]:
    """A copy of report data with ``record`` = ``{"checked_at", "site_url"}`` and, when the
    site's address is known, each result's absolute ``handbook_url``. Error answers (no
    ``results``) are returned as they are."""
    if not isinstance(data, dict) or "results" not in data:
        return data
    meta = meta if isinstance(meta, dict) else {}
    site_url = _clean_url(meta.get("site_url"))
    out = dict(data)
    out["record"] = {"checked_at": _clean_time(meta.get("checked_at")), "site_url": site_url}
    if site_url:
        out["results"] = [dict(r, handbook_url=site_url + r["handbook"]) for r in data["results"]]
    return out


def _zone(offset: Optional[timedelta]) -> str:
    if offset is None:
        return ""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return " UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f" UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def checked_at_text(value: Optional[str], cat: Catalogue) -> Optional[str]:
    """"29 November 2026 pukul 11.30 UTC+7" from an ISO 8601 time; an unreadable one as given."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return value
    sep = "." if cat.lang == "id" else ":"
    zone = _zone(moment.utcoffset())
    zone = " " + cat.get(f"report.zones.{zone.strip()}", zone.strip()) if zone else ""
    clock = f"{moment.hour:02d}{sep}{moment.minute:02d}{zone}"
    return cat.text("report.checked_at_value", date=moment.date(), time=clock)


def handbook_reference(result: dict[str, Any], cat: Catalogue) -> tuple[str, Optional[str]]:
    """(text, url): the absolute link when the site's address is known, else the handbook
    section by name, which a reader can find from any copy of the handbook."""
    url = result.get("handbook_url")
    named = cat.text("report.handbook_named", path=cat.text("report.handbook_path"),
                     title=result["title"], anchor=result["rule"])
    return named, url


def record_lines(data: dict[str, Any], cat: Catalogue) -> list[tuple[str, str]]:
    """(label, value) lines of the record: time of the check, engine and data versions."""
    lines = []
    record = data.get("record") or {}
    when = checked_at_text(record.get("checked_at"), cat)
    if when:
        lines.append((cat.text("report.checked_at"), when))
    versions = data.get("versions")
    if versions:
        lines.append((cat.text("report.engine"),
                      cat.text("report.engine_value", version=versions["engine"]["version"],
                               build=versions["engine"]["build"])))
        lines.append((cat.text("report.data"),
                      cat.text("report.data_value", version=versions["data"]["version"],
                               files=", ".join(f"{f['path']} {f['sha256']}"
                                               for f in versions["data"]["files"]))))
    return lines
