"""The staff list and weekly pattern as a spreadsheet (CSV), to and from Excel and LibreOffice.

One row per employee: code, name, status, position, working-time pattern, hours per working day,
then Monday to Sunday. Headers and values are the words users read on the page (``Kode pegawai``,
``WFO (di kantor)``, ``Sif``); on import, the words of either language and the file format's own
values (``wfo``, ``pns``) are accepted too, in any case.

File form, chosen for the spreadsheets civil servants use:
- UTF-8 with a byte-order mark: Excel otherwise reads UTF-8 as the Windows code page and garbles
  names with accents; LibreOffice and Google Sheets ignore the mark.
- Written with ``;`` between columns. Indonesian regional settings use the comma as the decimal
  sign, so Excel set up for Indonesia splits columns on ``;`` and would put a ``,``-separated file
  into one column. Numbers are written with a decimal comma in Bahasa Indonesia, a point in
  English. Import accepts ``;``, ``,`` and tab (whichever the header row uses) and a leading
  ``sep=`` line, and both decimal signs.
- Rows end with CRLF, as Excel writes them. Cells with the separator, quotes or line breaks are
  quoted. Text starting with ``= + - @`` is written with a leading apostrophe, so that a
  spreadsheet does not run it as a formula (text starting with an apostrophe gets one more);
  import removes that one apostrophe again.

Spaces around a cell's text are ignored on import, and an empty cell means "not stated" (for a
day: no entry, so the day is off).

Import never half-succeeds: every problem is reported with its line (as a text editor counts
them, the header being line 1) and column (as the spreadsheet letters them, with its header), and
nothing is returned unless the whole file is good. Merging into an arrangement (``merge``) keeps
every field the CSV does not hold (tasks, leave, date overrides ...) of the employees it matches by
code; the CSV's rows become the unit's staff list, in the CSV's order.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from .enums import DayKind, EmploymentStatus, TimePattern, Weekday
from .i18n import LANGS, Catalogue, catalogue
from .loader import MAX_BYTES

__all__ = ["COLUMNS", "DELIMITER", "CsvIssue", "RosterError", "to_csv", "from_csv", "template",
           "merge", "error_dict"]

DELIMITER = ";"
DAYS = tuple(d.value for d in Weekday)
COLUMNS = ("id", "name", "status", "position", "time_pattern", "daily_hours") + DAYS
"""The employee fields a roster CSV holds, in column order."""
REQUIRED = ("id", "status")
ENUMS: dict[str, type] = {"status": EmploymentStatus, "time_pattern": TimePattern,
                          **{day: DayKind for day in DAYS}}
HOURS_RANGE = (0, 24)
MAX_CELL = 1000
MAX_ISSUES = 50
_FORMULA = ("=", "+", "-", "@")
_NUMBER = re.compile(r"^-?[0-9]{1,6}(?:[.,][0-9]{1,6})?$")
_EXAMPLE = {"id": "P-001", "name": "Nama Pegawai", "status": "pns", "position": "Analis",
            "time_pattern": "normal", "daily_hours": 7.5,
            "week": {"mon": "wfo", "tue": "wfo", "wed": "wfh", "thu": "wfo", "fri": "wfo"}}


@dataclass(frozen=True)
class CsvIssue:
    """One problem in a CSV file: where (line, 1-based column or 0 for the whole line) and what."""

    line: int
    column: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    row: Optional[int] = None  # index of the employee, for the field path
    name: Optional[str] = None  # the column's field


class RosterError(Exception):
    def __init__(self, issues: list[CsvIssue]) -> None:
        self.issues = issues
        super().__init__("; ".join(f"{i.line}:{i.column} {i.code}" for i in issues[:5]))


# Words ---------------------------------------------------------------------------------------

def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def header_label(name: str, cat: Catalogue) -> str:
    if name in DAYS:
        return cat.text(f"enum.Weekday.{name}")
    return cat.text(f"field.employees.{name}.label")


def _header_lookup() -> dict[str, str]:
    """Every accepted spelling of every header: field name and labels in each language."""
    found: dict[str, str] = {}
    for name in COLUMNS:
        found[_norm(name)] = name
        for lang in LANGS:
            cat = catalogue(lang)
            found[_norm(header_label(name, cat))] = name
    return found


def _value_lookup(enum: type) -> dict[str, str]:
    """Accepted words of a choice: the value, each language's label and the label's short form
    (``WFO`` for ``WFO (di kantor)``)."""
    found: dict[str, str] = {}
    for member in enum:  # type: ignore[attr-defined]
        found[_norm(member.value)] = member.value
        for lang in LANGS:
            label = catalogue(lang).enum(member)
            found[_norm(label)] = member.value
            short = label.split(" (")[0]
            found.setdefault(_norm(short), member.value)
    return found


def _letters(column: int) -> str:
    """1 -> A, 27 -> AA, as spreadsheets name columns."""
    out = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


# Writing -------------------------------------------------------------------------------------

def _number(value: Any, cat: Catalogue) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    text = repr(value)
    return text.replace(".", ",") if cat.lang == "id" else text


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(_FORMULA + ("'",)) else text


def _choice(enum: type, value: Any, cat: Catalogue) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        for member in enum:  # type: ignore[attr-defined]
            if member.value == value.strip().lower():
                return cat.enum(member)
    return _text(value)


def _quote(cell: str) -> str:
    if any(c in cell for c in (DELIMITER, '"', "\n", "\r")) or cell != cell.strip():
        return '"' + cell.replace('"', '""') + '"'
    return cell


def _line(cells: list[str]) -> str:
    return DELIMITER.join(_quote(c) for c in cells) + "\r\n"


def _row(employee: Any, cat: Catalogue) -> list[str]:
    e = employee if isinstance(employee, dict) else {}
    week = e.get("week") if isinstance(e.get("week"), dict) else {}
    days = {str(k).strip().lower(): v for k, v in week.items()}
    cells = []
    for name in COLUMNS:
        if name in DAYS:
            cells.append(_choice(DayKind, days.get(name), cat))
        elif name in ENUMS:
            cells.append(_choice(ENUMS[name], e.get(name), cat))
        elif name == "daily_hours":
            cells.append(_number(e.get(name), cat))
        else:
            cells.append(_text(e.get(name)))
    return cells


def to_csv(document: Any, lang: str = "id") -> str:
    """The document's staff list and weekly pattern as CSV text (starting with the BOM)."""
    cat = catalogue(lang)
    employees = document.get("employees") if isinstance(document, dict) else None
    out = ["\ufeff", _line([header_label(n, cat) for n in COLUMNS])]
    for e in employees if isinstance(employees, list) else []:
        out.append(_line(_row(e, cat)))
    return "".join(out)


def template(lang: str = "id") -> str:
    """An empty roster to fill in: the header and one example row showing how values are written."""
    return to_csv({"employees": [_EXAMPLE]}, lang)


# Reading -------------------------------------------------------------------------------------

def _delimiter(text: str) -> tuple[str, str, int]:
    """(delimiter, text without a ``sep=`` line, lines skipped)."""
    first = text.split("\n", 1)[0].rstrip("\r")
    if first.lower().startswith("sep=") and len(first) == 5:
        return first[4], text.split("\n", 1)[1] if "\n" in text else "", 1
    counts = {d: 0 for d in (";", ",", "\t")}
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return (best if counts[best] else DELIMITER), text, 0


def _records(text: str, delim: str, first_line: int) -> list[tuple[int, list[str]]]:
    """RFC 4180 records with the line each starts on; a quote left open or text after a closing
    quote is an error that names its line and column."""
    records: list[tuple[int, list[str]]] = []
    line = first_line
    start_line = line
    cells: list[str] = []
    cell: list[str] = []
    i, n = 0, len(text)
    quoted = after_quote = False
    quote_line = line
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    cell.append('"')
                    i += 2
                    continue
                quoted, after_quote = False, True
            else:
                if ch == "\n" or (ch == "\r" and not (i + 1 < n and text[i + 1] == "\n")):
                    line += 1
                cell.append(ch)
            i += 1
            continue
        if ch == delim:
            cells.append("".join(cell))
            cell, after_quote = [], False
        elif ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            cells.append("".join(cell))
            records.append((start_line, cells))
            cells, cell, after_quote = [], [], False
            line += 1
            start_line = line
        elif ch == '"' and not cell and not after_quote:
            quoted, quote_line = True, line
        elif after_quote:
            if not ch.isspace():
                raise RosterError([CsvIssue(line, len(cells) + 1, "after_quote")])
        else:
            cell.append(ch)
        i += 1
    if quoted:
        raise RosterError([CsvIssue(quote_line, len(cells) + 1, "open_quote")])
    if cell or cells:
        cells.append("".join(cell))
        records.append((start_line, cells))
    return records


def _cell_value(name: str, raw: str, lookups: dict[str, dict[str, str]]) -> tuple[Any, Optional[tuple[str, dict[str, Any]]]]:
    """(value, None) or (None, (code, params)) for one non-empty cell."""
    if len(raw) > MAX_CELL:
        return None, ("too_long", {"limit": MAX_CELL})
    if name in ENUMS:
        value = lookups[name].get(_norm(raw))
        return (value, None) if value is not None else (None, ("choice", {"enum": ENUMS[name]}))
    if name == "daily_hours":
        text = raw.replace(" ", "")
        if not _NUMBER.match(text):
            return None, ("number", {})
        number: Any = float(text.replace(",", ".")) if ("," in text or "." in text) else int(text)
        lo, hi = HOURS_RANGE
        if not lo <= number <= hi:
            return None, ("range", {"min": lo, "max": hi})
        return number, None
    if raw.startswith("'") and raw[1:2] and raw[1:2] in _FORMULA + ("'",):
        raw = raw[1:]  # the apostrophe written before text that looks like a formula
    return raw, None


def from_csv(text: str) -> list[dict[str, Any]]:
    """The employees of a roster CSV, as arrangement data; raises ``RosterError``."""
    if not isinstance(text, str):
        raise RosterError([CsvIssue(0, 0, "empty")])
    if len(text) * 4 > MAX_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise RosterError([CsvIssue(0, 0, "too_large", {"limit_mb": MAX_BYTES // (1024 * 1024)})])
    text = text.lstrip("\ufeff")
    delim, body, skipped = _delimiter(text)
    records = [r for r in _records(body, delim, 1 + skipped) if any(c.strip() for c in r[1])]
    if not records:
        raise RosterError([CsvIssue(0, 0, "empty")])
    header_line, header = records[0]
    known = _header_lookup()
    issues: list[CsvIssue] = []
    columns: list[Optional[str]] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(header, 1):
        title = raw.strip()
        name = known.get(_norm(title)) if title else None
        if title and name is None:
            issues.append(CsvIssue(header_line, index, "unknown_header", {"value": title}))
        elif name is not None and name in seen:
            issues.append(CsvIssue(header_line, index, "duplicate_header",
                                   {"other": _letters(seen[name])}))
            name = None
        if name is not None:
            seen[name] = index
        columns.append(name)
    for name in REQUIRED:
        if name not in seen:
            issues.append(CsvIssue(header_line, 0, "missing_header", {"name": name}))
    if issues:
        raise RosterError(issues)
    lookups = {name: _value_lookup(enum) for name, enum in ENUMS.items()}
    employees: list[dict[str, Any]] = []
    ids: dict[str, int] = {}
    for row_index, (line, cells) in enumerate(records[1:]):
        employee: dict[str, Any] = {}
        week: dict[str, str] = {}
        for index, raw in enumerate(cells, 1):
            raw = raw.strip()
            name = columns[index - 1] if index <= len(columns) else None
            if name is None:
                if raw:
                    issues.append(CsvIssue(line, index, "extra_cell", {}, row_index))
                continue
            if not raw:
                continue
            value, problem = _cell_value(name, raw, lookups)
            if problem is not None:
                issues.append(CsvIssue(line, index, problem[0], problem[1], row_index, name))
            elif name in DAYS:
                week[name] = value
            else:
                employee[name] = value
        for name in REQUIRED:
            if name not in employee and not any(i.line == line and i.name == name for i in issues):
                issues.append(CsvIssue(line, seen[name], "required", {}, row_index, name))
        if "id" in employee:
            if employee["id"] in ids:
                issues.append(CsvIssue(line, seen["id"], "duplicate_id",
                                       {"value": employee["id"], "other": ids[employee["id"]]},
                                       row_index, "id"))
            else:
                ids[employee["id"]] = line
        if len(issues) >= MAX_ISSUES:
            break
        ordered = {name: employee[name] for name in COLUMNS if name in employee}
        if week:
            ordered["week"] = {day: week[day] for day in DAYS if day in week}
        employees.append(ordered)
    if not employees and not issues:
        issues.append(CsvIssue(header_line + 1, 0, "no_rows"))
    if issues:
        raise RosterError(issues[:MAX_ISSUES])
    return employees


# Merging -------------------------------------------------------------------------------------

def merge(document: Any, employees: list[dict[str, Any]]) -> dict[str, Any]:
    """The document with its staff list replaced by ``employees`` (from ``from_csv``).

    An employee whose code is already in the document keeps every field the CSV does not hold;
    the CSV's fields are set, or removed where the cell was empty. Returns
    ``{"document", "added", "updated", "removed"}`` (codes), so that a caller can say what
    changed (and ask before removing anyone).
    """
    doc = dict(document) if isinstance(document, dict) else {}
    old = doc.get("employees") if isinstance(doc.get("employees"), list) else []
    by_id = {e["id"]: e for e in old if isinstance(e, dict) and isinstance(e.get("id"), str)}
    result, added, updated = [], [], []
    for new in employees:
        before = by_id.get(new["id"])
        if before is None:
            result.append(dict(new))
            added.append(new["id"])
            continue
        merged = dict(before)
        for name in COLUMNS:
            if name in DAYS:
                continue
            if name in new:
                merged[name] = new[name]
            elif merged.get(name) is not None:
                del merged[name]
        if "week" in new:
            merged["week"] = dict(new["week"])
        elif isinstance(merged.get("week"), dict) and merged["week"]:
            merged["week"] = {}
        result.append(merged)
        updated.append(new["id"])
    kept = {e["id"] for e in employees}
    removed = [e.get("id") for e in old if not (isinstance(e, dict) and e.get("id") in kept)]
    doc["employees"] = result
    return {"document": doc, "added": added, "updated": updated, "removed": removed}


# Messages ------------------------------------------------------------------------------------

def issue_text(issue: CsvIssue, cat: Catalogue, columns: Optional[dict[int, str]] = None) -> str:
    params = dict(issue.params)
    if "enum" in params:
        enum = params.pop("enum")
        params["allowed"] = ", ".join(f'"{cat.enum(m)}"' for m in enum)
    if issue.code == "missing_header":
        params["header"] = header_label(params.pop("name"), cat)
    if issue.code == "unknown_header":
        params["allowed"] = ", ".join(f'"{header_label(n, cat)}"' for n in COLUMNS)
    problem = cat.text(f"roster.problem.{issue.code}", **params)
    if issue.line == 0:
        return problem
    if issue.column == 0:
        return cat.text("roster.at_line", line=issue.line, problem=problem)
    header = (columns or {}).get(issue.column) or (header_label(issue.name, cat) if issue.name else "")
    where = _letters(issue.column) + (f" ({header})" if header else "")
    return cat.text("roster.at_cell", line=issue.line, column=where, problem=problem)


def error_dict(error: RosterError, lang: str, source: Optional[str] = None) -> dict[str, Any]:
    """The shape of the other API errors, each issue also with its line and column."""
    cat = catalogue(lang)
    issues, messages = [], []
    for i in error.issues:
        path = f"employees[{i.row}]" if i.row is not None else ""
        if i.name:
            path += f".week.{i.name}" if i.name in DAYS else f".{i.name}"
        message = issue_text(i, cat)
        messages.append(message)
        issues.append({"path": path, "code": i.code, "line": i.line, "column": i.column,
                       "column_letter": _letters(i.column),
                       "label": header_label(i.name, cat) if i.name else None, "plain": message})
    return {"source": source, "error": {"messages": messages, "issues": issues}}
