"""Turns plain data (parsed TOML or JSON) into a checked ``Arrangement``, or says what is wrong.

Every problem is collected with the path of the field (``employees[2].week.mon``), a code and the
expected value, so that messages can name the field in the user's language. Converters are compiled
once per class: checking a 2,000-person unit must stay fast.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Callable, Optional

from .fieldspec import FieldSpec, TypeSpec, fields_of
from .model import AgencyDay, AgencySettingsInput, Arrangement, DateEntry, Employee, Period, Rotation

__all__ = ["Issue", "ValidationError", "build", "build_arrangement", "format_path", "MAX_PERIOD_DAYS"]

MAX_PERIOD_DAYS = 366
MAX_MAGNITUDE = 10**9
"""No number in an arrangement is anywhere near this; larger ones are refused before use."""
MAX_ISSUES = 50


@dataclass(frozen=True)
class Issue:
    """One problem in the input: where, what kind, and what was expected."""

    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class ValidationError(Exception):
    """The input is not a valid arrangement; ``issues`` says where and why."""

    def __init__(self, issues: list[Issue], source: Optional[str] = None) -> None:
        self.issues = issues
        self.source = source
        super().__init__("; ".join(f"{i.path or '(dokumen)'}: {i.code}" for i in issues[:5]))


class _Stop(Exception):
    """Raised when too many issues were found to be worth continuing."""


_INVALID = object()
_TIME = re.compile(r"(\d\d)[:.](\d\d)")


def _time_range(text: str) -> str:
    """One stored form of a time range: "08.00 - 15.00" and "08:00-15:00" are both 08:00-15:00."""
    start, end = _TIME.findall(text)
    return f"{start[0]}:{start[1]}-{end[0]}:{end[1]}"


_NORMALIZERS: dict[str, Callable[[str], str]] = {"time_range": _time_range}
"""Text fields stored in one form whatever way the user wrote them (``normalize`` in the model)."""
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

Path = Optional[tuple]  # (parent_path, key) chains, turned into text only when reporting


def format_path(path: Path) -> str:
    parts: list[Any] = []
    while path is not None:
        path, key = path
        parts.append(key)
    text = ""
    for key in reversed(parts):
        if isinstance(key, int):
            text += f"[{key}]"
        else:
            key = str(key) or '""'  # an empty key must still show where it is
            text += f".{key}" if text else key
    return text


class _Collector:
    __slots__ = ("issues",)

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def add(self, path: Path, code: str, **params: Any) -> object:
        self.issues.append(Issue(format_path(path), code, params))
        if len(self.issues) >= MAX_ISSUES:
            raise _Stop
        return _INVALID


Converter = Callable[[Any, Path, _Collector], Any]


def _type_name(spec: TypeSpec) -> str:
    return {"str": "text", "bool": "boolean", "int": "integer", "float": "number", "date": "date",
            "enum": "choice", "list": "list", "map": "table", "table": "table"}[spec.kind]


def _scalar(spec: TypeSpec, cons: dict[str, Any]) -> Converter:
    kind = spec.kind
    lo, hi = cons.get("minimum"), cons.get("maximum")

    def bounds(value: float, path: Path, out: _Collector) -> Any:
        if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
            return out.add(path, "out_of_range")  # no "actual": a huge int cannot even be printed
        if lo is not None and value < lo:
            return out.add(path, "minimum", limit=lo, actual=value)
        if hi is not None and value > hi:
            return out.add(path, "maximum", limit=hi, actual=value)
        return value

    if kind == "bool":
        def conv(v: Any, path: Path, out: _Collector) -> Any:
            return v if v is True or v is False else out.add(path, "type", expected="boolean")
    elif kind == "int":
        def conv(v: Any, path: Path, out: _Collector) -> Any:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                return out.add(path, "type", expected="integer")
            if isinstance(v, float):
                if not (math.isfinite(v) and v.is_integer()):
                    return out.add(path, "type", expected="integer")
                v = int(v)
            return bounds(v, path, out)
    elif kind == "float":
        def conv(v: Any, path: Path, out: _Collector) -> Any:
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                return out.add(path, "type", expected="number")
            if isinstance(v, int):
                if not -MAX_MAGNITUDE <= v <= MAX_MAGNITUDE:
                    return out.add(path, "out_of_range")
                v = float(v)
            elif not math.isfinite(v):
                return out.add(path, "type", expected="number")
            return bounds(v, path, out)
    elif kind == "str":
        min_length = cons.get("min_length", 0)
        pattern = re.compile(cons["pattern"]) if "pattern" in cons else None
        const = cons.get("const")
        normalize = _NORMALIZERS[cons["normalize"]] if "normalize" in cons else None

        def conv(v: Any, path: Path, out: _Collector) -> Any:
            if not isinstance(v, str):
                return out.add(path, "type", expected="text")
            if len(v) > 1000:
                return out.add(path, "max_length", limit=1000)
            if min_length and len(v.strip()) < min_length:
                return out.add(path, "empty")
            if pattern is not None and not pattern.match(v):
                return out.add(path, "pattern", example="08:00-15:00")
            if const is not None and v != const:
                return out.add(path, "const", expected=const)
            return normalize(v) if normalize is not None else v
    elif kind == "date":
        def conv(v: Any, path: Path, out: _Collector) -> Any:
            if isinstance(v, datetime):
                return out.add(path, "type", expected="date")
            if isinstance(v, date):
                return v
            if isinstance(v, str) and _DATE_RE.match(v):
                try:
                    return date.fromisoformat(v)
                except ValueError:
                    pass
            return out.add(path, "type", expected="date")
    elif kind == "enum":
        lookup = {m.value: m for m in spec.enum}  # type: ignore[union-attr]
        allowed = list(lookup)

        def conv(v: Any, path: Path, out: _Collector) -> Any:
            if isinstance(v, str):
                member = lookup.get(v) or lookup.get(v.strip().lower())
                if member is not None:
                    return member
            return out.add(path, "enum", allowed=allowed)
    else:  # pragma: no cover - guarded by fieldspec
        raise TypeError(kind)
    return conv


def _converter(spec: TypeSpec, cons: dict[str, Any]) -> Converter:
    if spec.kind == "table":
        return _table(spec.table)  # type: ignore[arg-type]
    if spec.kind == "list":
        item = _converter(spec.item, {})  # type: ignore[arg-type]
        min_items = cons.get("min_items", 0)

        def conv(v: Any, path: Path, out: _Collector) -> Any:
            if not isinstance(v, list):
                return out.add(path, "type", expected="list")
            if len(v) < min_items:
                return out.add(path, "min_items", limit=min_items)
            result = [item(x, (path, i), out) for i, x in enumerate(v)]
            return _INVALID if any(x is _INVALID for x in result) else result
        return conv
    if spec.kind == "map":
        keys = {m.value: m for m in spec.key}  # type: ignore[union-attr]
        value = _converter(spec.item, cons)  # type: ignore[arg-type]
        exact = ({m.value: m for m in spec.item.enum}  # type: ignore[union-attr]
                 if spec.item.kind == "enum" else {})  # type: ignore[union-attr]
        numeric = (_number_range(spec.item.kind, cons)  # type: ignore[union-attr]
                   if spec.item.kind in ("int", "float") else None)  # type: ignore[union-attr]

        def conv(v: Any, path: Path, out: _Collector) -> Any:
            if not isinstance(v, dict):
                return out.add(path, "type", expected="table")
            result = {}
            ok = True
            for k, x in v.items():
                key = keys.get(k) or (keys.get(k.strip().lower()) if isinstance(k, str) else None)
                if key is None:
                    out.add((path, str(k)), "enum_key", allowed=list(keys))
                    ok = False
                    continue
                member = exact.get(x) if x.__class__ is str else None
                if member is not None:
                    result[key] = member
                    continue
                if numeric is not None:
                    number = _fast_number(numeric, x)
                    if number is not _INVALID:
                        result[key] = number
                        continue
                converted = value(x, (path, str(k).strip().lower()), out)
                if converted is _INVALID:
                    ok = False
                result[key] = converted
            return result if ok else _INVALID
        return conv
    return _scalar(spec, cons)


_TABLES: dict[type, Converter] = {}


_BOOL = object()
_STR = object()


def _fast(spec: FieldSpec) -> Any:
    """What the table's fast path may accept without the full converter: a marker for booleans
    and plain strings, or the exact-value lookup of an enum."""
    if spec.type.kind == "bool":
        return _BOOL
    if spec.type.kind == "str" and not (spec.constraints.keys() - {"min_length"}):
        return _STR
    if spec.type.kind == "enum":
        return {m.value: m for m in spec.type.enum}  # type: ignore[union-attr]
    if spec.type.kind in ("int", "float"):
        return _number_range(spec.type.kind, spec.constraints)
    return None


def _number_range(kind: str, cons: dict[str, Any]) -> tuple[str, float, float]:
    """(kind, lowest, highest) for the fast path of a number; NaN fails both comparisons."""
    lo = cons.get("minimum", -MAX_MAGNITUDE)
    hi = cons.get("maximum", MAX_MAGNITUDE)
    return (kind, lo, hi)


def _fast_number(fast: tuple[str, float, float], raw: Any) -> Any:
    """The number itself when it is plainly within range, else _INVALID (use the converter)."""
    kind, lo, hi = fast
    cls = raw.__class__
    if cls is int:
        if lo <= raw <= hi:
            return raw if kind == "int" else float(raw)
    elif cls is float and kind == "float" and lo <= raw <= hi:
        return raw
    return _INVALID


def _default_of(spec: FieldSpec) -> tuple[Any, Optional[Callable[[], Any]]]:
    """How to fill an absent field: a shared constant, or a factory for mutable defaults.

    Nested tables share one default instance: validated objects are never changed.
    """
    if spec.type.kind == "table" and not spec.optional and spec.default is None:
        table = spec.type.table
        return _instantiate(table, {f.name: _fresh(f) for f in fields_of(table)}), None  # type: ignore[arg-type]
    if spec.default is list or spec.default is dict:
        return None, spec.default  # type: ignore[return-value]
    return spec.default, None


def _fresh(spec: FieldSpec) -> Any:
    constant, factory = _default_of(spec)
    return factory() if factory is not None else constant


def _instantiate(cls: type, values: dict[str, Any]) -> Any:
    # Validated values need no __init__: filling __dict__ directly is several times faster,
    # which matters for units of thousands of employees.
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


def _table(cls: type) -> Converter:
    if cls in _TABLES:
        return _TABLES[cls]
    plan: dict[str, tuple[Converter, Any]] = {}
    names: frozenset[str] = frozenset()
    required: tuple[str, ...] = ()
    defaults: dict[str, Any] = {}
    factories: tuple[tuple[str, Callable[[], Any]], ...] = ()
    cross_check = None

    def conv(v: Any, path: Path, out: _Collector) -> Any:
        if not isinstance(v, dict):
            return out.add(path, "type", expected="table")
        if not names.issuperset(v):
            for key in v:
                if key not in names:
                    out.add((path, str(key)), "unknown_field", allowed=sorted(names))
        ok = True
        for name in required:
            if v.get(name) is None:
                out.add((path, name), "required")
                ok = False
        values = defaults.copy()  # absent (or null) fields keep their defaults
        for name, factory in factories:
            if v.get(name) is None:
                values[name] = factory()
        for name, raw in v.items():
            entry = plan.get(name)
            if entry is None or raw is None:
                continue
            child, fast = entry
            # Fast paths for the commonest fields; anything unusual goes to the full converter.
            if fast is _BOOL:
                if raw is True or raw is False:
                    values[name] = raw
                    continue
            elif fast is _STR:
                if raw.__class__ is str and len(raw) <= 1000 and raw.strip():
                    values[name] = raw
                    continue
            elif fast.__class__ is tuple:
                number = _fast_number(fast, raw)
                if number is not _INVALID:
                    values[name] = number
                    continue
            elif fast is not None and raw.__class__ is str:
                member = fast.get(raw)
                if member is not None:
                    values[name] = member
                    continue
            value = child(raw, (path, name), out)
            if value is _INVALID:
                ok = False
            values[name] = value
        if not ok or out.issues:
            return _INVALID
        obj = _instantiate(cls, values)
        if cross_check is not None and not cross_check(obj, path, out):
            return _INVALID
        return obj

    _TABLES[cls] = conv
    specs = fields_of(cls)
    names = frozenset(f.name for f in specs)
    required = tuple(f.name for f in specs if f.required)
    made = {f.name: _default_of(f) for f in specs}
    defaults = {name: constant for name, (constant, _) in made.items()}
    factories = tuple((name, factory) for name, (_, factory) in made.items() if factory is not None)
    plan = {f.name: (_converter(f.type, f.constraints), _fast(f)) for f in specs}
    cross_check = next((_CROSS_CHECKS[k] for k in cls.__mro__ if k in _CROSS_CHECKS), None)
    return conv


def _check_span(start: date, end: date, at: Path, before_code: str, out: _Collector) -> bool:
    """A run of dates ends on or after its start and spans at most ``MAX_PERIOD_DAYS`` days."""
    if end < start:
        out.add(at, before_code, start=start.isoformat())
        return False
    if end - start > timedelta(days=MAX_PERIOD_DAYS - 1):
        out.add(at, "period_too_long", limit=MAX_PERIOD_DAYS)
        return False
    return True


def _check_period(p: Period, path: Path, out: _Collector) -> bool:
    return _check_span(p.start, p.end, (path, "end"), "end_before_start", out)


def _check_arrangement(a: Arrangement, path: Path, out: _Collector) -> bool:
    seen: dict[str, int] = {}
    ok = True
    for i, e in enumerate(a.employees):
        if e.id in seen:
            out.add((((path, "employees"), i), "id"), "duplicate_id", other_n=seen[e.id] + 1, value=e.id)
            ok = False
        else:
            seen[e.id] = i
    return ok


def _check_date_entry(d: Any, path: Path, out: _Collector) -> bool:
    return d.until is None or _check_span(d.date, d.until, (path, "until"),
                                          "dates.until_before_date", out)


def _check_rotation(r: Rotation, path: Path, out: _Collector) -> bool:
    if r.weeks and r.anchor is None:
        out.add((path, "anchor"), "dates.rotation_anchor")
        return False
    return True


def _check_employee(e: Employee, path: Path, out: _Collector) -> bool:
    """Two entries of ``dates`` may not both speak for the same date."""
    if len(e.dates) < 2:
        return True
    spans = sorted(((d.date, d.until or d.date, i) for i, d in enumerate(e.dates)))
    ok = True
    for (_, end, i), (start, _, j) in zip(spans, spans[1:]):
        if start <= end:
            first, second = sorted((i, j))
            out.add(((path, "dates"), second), "dates.overlap", other_n=first + 1,
                    value=start.isoformat())
            ok = False
    return ok


def _check_agency(s: AgencySettingsInput, path: Path, out: _Collector) -> bool:
    """``binding_rules`` names advisory rules only: a Wajib rule is binding already."""
    if not s.binding_rules:
        return True
    from .enums import Severity  # local: the rules import this module through the settings
    from .rules import RULES

    advisory = [r.id for r in RULES if r.severity is Severity.WARNING]
    ok = True
    for i, name in enumerate(s.binding_rules):
        if name not in advisory:
            out.add(((path, "binding_rules"), i), "unknown_rule", value=name, allowed=advisory)
            ok = False
    return ok


_CROSS_CHECKS: dict[type, Callable[[Any, Path, _Collector], bool]] = {
    Period: _check_period,
    Arrangement: _check_arrangement,
    DateEntry: _check_date_entry,
    AgencyDay: _check_date_entry,
    Rotation: _check_rotation,
    Employee: _check_employee,
    AgencySettingsInput: _check_agency,
}

def build(cls: type, data: Any, source: Optional[str] = None) -> Any:
    """Validate plain data against a model class; raise ``ValidationError`` if it does not fit."""
    out = _Collector()
    try:
        result = _table(cls)(data, None, out)
    except _Stop:
        result = _INVALID
    except RecursionError:
        out.issues.append(Issue("", "too_deep"))
        result = _INVALID
    if result is _INVALID or out.issues:
        raise ValidationError(out.issues or [Issue("", "invalid")], source)
    return result


def build_arrangement(data: Any, source: Optional[str] = None) -> Arrangement:
    """Validate plain data and return the arrangement; raise ``ValidationError`` otherwise."""
    return build(Arrangement, data, source)

