"""Text in, JSON out: the calls that the browser page (through Pyodide) and the CLI share.

Nothing here raises for bad input, and nothing reads a clock: the same arguments give the same
bytes on CPython and in Pyodide (tests/test_parity_pyodide.py). Every error has one shape,
``{"source": name, "error": {"messages": [...], "issues": [{"path", "code", ...}]}}``.

- ``check_text(text, name, lang, profile) -> str``: a report (``"format": "asn-fleksibel-hasil/1"``)
  or an error, as JSON text. ``check_document(document, name, lang, profile) -> dict`` the same
  for parsed data. Every report carries ``versions`` (engine version and code fingerprint; data
  version and each data file's fingerprint).
- ``parse_document(text, name, lang) -> {"document": ...} | error``: the page's import. It reads
  the text exactly as ``python -m checker check`` reads a file (size limit, BOM, syntax, the
  whole validation), so it accepts and rejects the same files with the same messages; the
  document is the data as written, JSON-ready (dates as ISO strings). With ``keep_invalid=True``
  (restoring a draft) an invalid file gives its ``document`` next to the ``error``. ``parse_bytes(base64,
  name, lang)`` does the same from the file's bytes, so a file that is not UTF-8 is refused
  as the CLI refuses it.
- ``render_report(data, fmt, meta=None) -> str``: ``text``, ``markdown`` or ``json``. ``meta`` =
  ``{"checked_at": ISO 8601 time of the check, "site_url": the handbook's address or None}``
  makes the report a record: the time is shown (and kept as ``record`` in JSON); links are
  absolute from ``site_url`` (JSON results gain ``handbook_url``), else handbook sections named
  in words. The caller supplies the time: the page its clock, the CLI its own (or
  ``--checked-at``), tests a fixed one.
- ``personal_answer(document, employee_id, lang, profile, name) -> dict``: one employee's
  answer first, in the second person (see ``checker.personal``).
- ``roster_to_csv(document, lang) -> str``, ``roster_csv_template(lang) -> str``,
  ``roster_from_csv(text, lang, name) -> {"employees": [...]} | error`` (issues with ``line`` and
  ``column``), ``roster_merge(document, employees) -> {"document", "added", "updated",
  "removed"}``: the staff list as a spreadsheet (see ``checker.rostercsv``).
- ``to_toml(document) -> str``: a JSON-shaped document as TOML, for "save as file".
"""

from __future__ import annotations

import base64
import json
import math
from datetime import date, time as dtime
from typing import Any, Optional

from . import personal, rostercsv
from .engine import check_data
from .errors import error_dict
from .i18n import LANGS, catalogue
from .loader import MAX_BYTES, decode, parse_text
from .render import render, render_json
from .report import to_dict
from .settings import Profile, parse_profile
from .tomlwrite import dumps
from .validate import Issue, ValidationError, build_arrangement

__all__ = ["check_text", "check_document", "parse_document", "parse_bytes", "render_report",
           "to_toml", "decode", "roster_to_csv", "roster_from_csv", "roster_csv_template",
           "roster_merge", "personal_answer"]


def _lang(lang: Any) -> str:
    """Callers from JavaScript may pass anything; fall back to Bahasa Indonesia."""
    return lang if lang in LANGS else "id"


def _profile(profile: Any) -> Optional[Profile]:
    if profile is None or isinstance(profile, Profile):
        return profile
    return parse_profile(profile, "profil")


def check_document(document: Any, name: Optional[str] = None, lang: str = "id",
                   profile: Any = None) -> dict[str, Any]:
    """Check already-parsed data; ``profile`` is a Profile or its plain data (``{"agency": ...}``)."""
    lang = _lang(lang)
    try:
        return to_dict(check_data(document, _profile(profile), name), lang)
    except ValidationError as exc:
        return error_dict(exc, lang, name)


def _read_text(text: Any, name: Optional[str]) -> Any:
    """Parse text as the CLI parses a file's bytes: the same size limit, a leading BOM ignored."""
    if isinstance(text, str):
        if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise ValidationError([Issue("", "too_large", {"limit_mb": MAX_BYTES // (1024 * 1024)})], name)
        if text.startswith("\ufeff"):
            text = text[1:]
    return parse_text(text, name)


def _json_ready(value: Any) -> Any:
    """Plain JSON data: dates and times as ISO strings, numbers JSON cannot hold (NaN, infinite)
    as their text, so that nothing the user wrote is silently dropped."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, (date, dtime)):
        return value.isoformat()
    return value


def parse_document(text: str, name: Optional[str] = None, lang: str = "id",
                   keep_invalid: bool = False) -> dict[str, Any]:
    """Read TOML or JSON text as ``python -m checker check`` reads a file, validation included:
    ``{"document": ...}`` or the CLI's own error, ``{"source": ..., "error": ...}``.

    The document is the data as written (not normalised), with dates as ISO strings, so it is
    JSON-ready (the browser keeps the form's state as JSON). A file the CLI rejects, for any
    reason and with the same messages, is rejected here: an import never half-succeeds.

    ``keep_invalid`` is for restoring a saved draft: a file that parses but does not validate
    gives both its ``document`` (numbers JSON cannot hold kept as text, so that the form shows
    what was written) and the ``error``, for the form to mark at the fields.
    """
    lang = _lang(lang)
    try:
        data = _read_text(text, name)
    except ValidationError as exc:
        return error_dict(exc, lang, name)
    try:
        build_arrangement(data, name)
    except ValidationError as exc:
        error = error_dict(exc, lang, name)
        if keep_invalid and isinstance(data, dict):
            error["document"] = _json_ready(data)
        return error
    return {"document": json.loads(json.dumps(data, default=str))}


def parse_bytes(data_base64: str, name: Optional[str] = None, lang: str = "id") -> dict[str, Any]:
    """``parse_document`` for a file's raw bytes (base64): also rejects what is not UTF-8, as the
    CLI does, instead of the browser's silent replacement characters."""
    lang = _lang(lang)
    try:
        raw = base64.b64decode(data_base64 or "", validate=True)
    except (ValueError, TypeError):
        return error_dict(ValidationError([Issue("", "encoding")], name), lang, name)
    try:
        text = decode(raw, name)
    except ValidationError as exc:
        return error_dict(exc, lang, name)
    return parse_document(text, name, lang)


def check_text(text: str, name: Optional[str] = None, lang: str = "id", profile: Any = None) -> str:
    """Parse, validate and check a TOML or JSON text; always returns JSON text."""
    lang = _lang(lang)
    try:
        document = _read_text(text, name)
    except ValidationError as exc:
        return render_json(error_dict(exc, lang, name))
    return render_json(check_document(document, name, lang, profile))


def render_report(data: dict[str, Any], fmt: str, meta: Optional[dict[str, Any]] = None) -> str:
    """Render localized report data as ``text``, ``markdown`` or ``json``.

    ``meta`` makes the report a record: ``{"checked_at": ISO 8601 time of the check (the
    caller's clock: the engine never reads one), "site_url": the handbook's address or None}``.
    Without ``site_url``, links are handbook sections named in words.
    """
    return render(data, fmt, meta)





_DATE_FIELDS = (("period", "start"), ("period", "end"))


def to_toml(document: dict[str, Any]) -> str:
    """Write a (JSON-shaped) document as TOML, with the period's ISO date strings as TOML dates."""
    doc = dict(document)
    for table, key in _DATE_FIELDS:
        section = doc.get(table)
        if isinstance(section, dict) and isinstance(section.get(key), str):
            try:
                section = dict(section)
                section[key] = date.fromisoformat(section[key])
                doc[table] = section
            except ValueError:
                pass
    return dumps(doc)


# Roster as a spreadsheet (see checker.rostercsv) ----------------------------------------------

def roster_to_csv(document: Any, lang: str = "id") -> str:
    """The staff list and weekly pattern of a (JSON-shaped) document as CSV text for Excel and
    LibreOffice: UTF-8 with a BOM (the text starts with U+FEFF), ``;`` between columns, CRLF."""
    return rostercsv.to_csv(document, _lang(lang))


def roster_csv_template(lang: str = "id") -> str:
    """A roster CSV to fill in: the header and one example row."""
    return rostercsv.template(_lang(lang))


def roster_from_csv(text: str, lang: str = "id", name: Optional[str] = None) -> dict[str, Any]:
    """Read a roster CSV: ``{"employees": [...]}`` (arrangement data: id, name, status, position,
    time_pattern, daily_hours, week) or ``{"source", "error": {"messages", "issues"}}`` with every
    problem; each issue has ``path``, ``code``, ``line`` (1 = header), ``column`` (1-based, 0 for
    the whole line) and ``column_letter`` ("C"). Nothing is returned from a file with a problem."""
    lang = _lang(lang)
    try:
        return {"employees": rostercsv.from_csv(text)}
    except rostercsv.RosterError as exc:
        return rostercsv.error_dict(exc, lang, name)


def roster_merge(document: Any, employees: list[dict[str, Any]]) -> dict[str, Any]:
    """Put imported employees into a document: ``{"document", "added", "updated", "removed"}``.

    The CSV's rows become the staff list, in their order; an employee matched by code keeps every
    field the CSV does not hold (tasks, leave, date overrides ...). ``removed`` lists the codes of
    employees not in the CSV, so that a caller can ask before dropping them.
    """
    return rostercsv.merge(document, employees)


# The personal check (see checker.personal) ----------------------------------------------------

def personal_answer(document: Any, employee_id: Optional[str] = None, lang: str = "id",
                    profile: Any = None, name: Optional[str] = None) -> dict[str, Any]:
    """One employee's answer, in the second person, first: ``{"answer": "yes" | "no" | "unsure",
    "headline": "Ya, boleh." | "Tidak: paling banyak 2 hari seminggu di luar kantor." | ...,
    "reasons": [...], "fixes": [...], "employee": {"id", "name"}, "rules": [results of the rules
    about one person, as in a report], "note", "lang"}``, or an error as ``check_document``
    gives one (``{"source", "error"}``), also when no employee has the code ``employee_id``.
    Without ``employee_id``, a document with one employee answers for that employee.
    """
    lang = _lang(lang)
    try:
        arrangement = build_arrangement(document, name)
        return personal.answer(arrangement, employee_id, lang, _profile(profile), name)
    except ValidationError as exc:
        return error_dict(exc, lang, name)
    except personal.NoSuchEmployee as exc:
        message = catalogue(lang).text(f"personal.{exc.code}", **exc.params)
        return {"source": name, "error": {
            "messages": [message],
            "issues": [{"path": "employees", "code": exc.code,
                        "label": catalogue(lang).text("field.employees.label"), "plain": message}]}}
