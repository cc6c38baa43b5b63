"""Property tests of the engine's contract, with Hypothesis.

(a) Bad input never crashes: ``check_data`` raises nothing but ``ValidationError`` (whose issues
    each name a field and have a message in every language), and the text API ``check_text`` (and
    the data API ``check_document``) never raise at all.
(b) Every valid arrangement, built by a strategy derived from ``checker.model``, gives exactly one
    result per rule, each with a known status and a non-empty reason; the localized results are
    JSON; the verdict is ``failed`` exactly when some rule failed.

The default run stays well under a minute; ``PROPERTY_EXAMPLES=1500`` runs ten times as many
examples.
"""

from __future__ import annotations

import json
import math
import os
import string
import tomllib
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Optional

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from checker.api import check_document, check_text
from checker.engine import check_data
from checker.enums import Institution, Status, Weekday
from checker.errors import issue_text
from checker.fieldspec import TypeSpec, fields_of
from checker.i18n import catalogue
from checker.model import AgencyDay, Arrangement, Employee, Period, RotationWeek
from checker.render import render_json
from checker.report import to_dict
from checker.rules import RULES
from checker.settings import Profile, ProfileAgency, parse_profile
from checker.validate import ValidationError

ROOT = Path(__file__).resolve().parent.parent
BASE = tomllib.loads((ROOT / "tests" / "cases" / "_base" / "office.toml").read_text(encoding="utf-8"))
HAS_EN = (ROOT / "checker" / "messages" / "en.toml").is_file()
LANGS = ("id", "en") if HAS_EN else ("id",)
STATUSES = set(Status)
IN_FORCE = date(2025, 4, 21)

# Local settings, not a global profile: other test modules keep Hypothesis' defaults.
# PROPERTY_EXAMPLES=1500 runs ten times as many examples.
EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "150"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


# ---------------------------------------------------------------------------------------------
# Checks shared by the tests
# ---------------------------------------------------------------------------------------------

def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def assert_good_issues(error: ValidationError, document_is_table: bool) -> None:
    """Every issue has a path and a code whose message exists, in every language, with all of
    its placeholders filled."""
    assert error.issues, "a ValidationError without issues"
    for issue in error.issues:
        assert isinstance(issue.path, str)
        assert isinstance(issue.code, str) and issue.code
        if document_is_table:
            # Input that is a table gets issues about its fields, never about "the document".
            assert issue.path, f"issue {issue.code} without a path for a table input"
        for lang in LANGS:
            template = catalogue(lang).get(f"validation.{issue.code}")
            assert isinstance(template, str), f"no {lang} message for validation.{issue.code}"
            missing = _placeholders(template) - set(issue.params) - {"field"}
            assert not missing, f"{lang} validation.{issue.code} lacks values for {missing}"
            text = issue_text(issue, lang)
            assert isinstance(text, str) and text.strip()
            if issue.path:
                assert issue.path in text, f"{lang} message does not name {issue.path}: {text}"


def assert_check_data_contract(data: Any, profile: Optional[Profile] = None) -> None:
    """check_data raises only ValidationError, with good issues; a report renders to JSON."""
    try:
        report = check_data(data, profile)
    except ValidationError as exc:
        assert_good_issues(exc, isinstance(data, dict))
        return
    assert len(report.results) == len(RULES)


def assert_text_contract(text: str, name: Optional[str] = None) -> None:
    """check_text never raises and always answers a report or an error, as JSON text."""
    for lang in LANGS:
        answer = check_text(text, name, lang)
        data = json.loads(answer)
        assert ("error" in data) != ("format" in data), answer[:500]
        if "error" in data:
            assert data["error"]["messages"] and all(data["error"]["messages"])
            assert len(data["error"]["messages"]) == len(data["error"]["issues"])


def assert_document_contract(data: Any) -> None:
    """check_document (the browser's data API) never raises; its answer is strict JSON."""
    for lang in LANGS:
        answer = check_document(data, "doc.json", lang)
        json.dumps(answer, allow_nan=False)
        render_json(answer)


# ---------------------------------------------------------------------------------------------
# Strategies: odd values, random JSON-like data, random and TOML-ish text
# ---------------------------------------------------------------------------------------------

ODD_DATE_STRINGS = st.sampled_from([
    "07/07/2025", "2025/07/07", "2025-7-7", "20250707", "2025-07-07T00:00:00", "2025-07-07 ",
    " 2025-07-07", "2025-07-07\n", "2025-02-30", "2025-13-01", "0000-01-01", "9999-12-31",
    "10000-01-01", "2025-W28-1", "7 Juli 2025", "", "\uff12\uff10\uff12\uff15-07-07",
    "\u0662\u0660\u0662\u0665-\u0660\u0667-\u0660\u0667", "2025-07-07Z", "-2025-07-07",
])
ODD_WEEKDAYS = st.sampled_from(["MON", "Tue", " wed ", "THU\n", "fRi", "sat ", "Sun", "monday",
                                "senin", "", "\u0130", "mon\x00"])
HUGE_INTS = st.sampled_from([2**31, 2**63, -(2**63), 10**9 + 1, 10**18, 10**300, -(10**300)])
FLOATS = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [math.nan, math.inf, -math.inf, -0.0, 5e-324, 1e308, 24.000000000000004, 0.1 + 0.2])
TEXTS = st.text(max_size=30) | st.text(
    st.characters(codec=None, exclude_categories=()), max_size=10) | st.sampled_from(
    ["", " ", "\t\n", "x" * 1001, "Kepegawaian \u00e9\u4e2d\U0001f600", "pns", "PNS", "wfh", "WFH",
     "null", "true", "08:00-15:00", "08:00-15:00\n", "24:00-25:00", "{field}", "{0}", "%s"])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), HUGE_INTS, FLOATS, TEXTS, ODD_DATE_STRINGS,
    ODD_WEEKDAYS, st.dates(), st.datetimes(), st.datetimes(timezones=st.just(timezone.utc)),
    st.times(),
)


def _nested(depth: int) -> Any:
    value: Any = []
    for _ in range(depth):
        value = [value]
    return value


def _nested_tables(depth: int) -> Any:
    value: Any = {}
    for _ in range(depth):
        value = {"employees": value}
    return value


JSON_LIKE = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.text(max_size=12) | st.sampled_from(["period", "unit", "employees", "week", "mon"]),
        children, max_size=4),
    max_leaves=25,
) | st.integers(1, 200).map(_nested)


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    raise TypeError(repr(value))


def _toml_key(key: str) -> str:
    return key if key and all(c.isalnum() or c in "_-" for c in key) else json.dumps(key)


def _toml_value(value: Any) -> str:
    """TOML-ish spelling of a value; not always valid TOML, on purpose (NaN, nulls ...)."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value == math.inf else
                                                "-inf" if value == -math.inf else repr(value))
    if isinstance(value, (int, datetime, date, time)):
        return value.isoformat() if not isinstance(value, int) else str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    return repr(value)


def to_toml(doc: dict[str, Any]) -> str:
    """A small TOML writer: top-level scalars, then tables and arrays of tables."""
    lines, tables = [], []
    for key, value in doc.items():
        if isinstance(value, dict):
            tables.append(f"\n[{_toml_key(str(key))}]")
            tables += [f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                tables.append(f"\n[[{_toml_key(str(key))}]]")
                tables += [f"{_toml_key(str(k))} = {_toml_value(v)}" for k, v in item.items()]
        else:
            lines.append(f"{_toml_key(str(key))} = {_toml_value(value)}")
    return "\n".join(lines + tables) + "\n"


TOML_KEYS = st.sampled_from(sorted({f.name for cls in (Arrangement, Employee, Period)
                                    for f in fields_of(cls)} | {"MON", "x y", ""}))
TOML_LINES = st.one_of(
    st.builds(lambda k, v: f"{k} = {_toml_value(v)}", TOML_KEYS, SCALARS),
    st.builds(lambda k, v: f"{k} = {v}", TOML_KEYS, TEXTS),
    st.builds(lambda k: f"[{k}]", TOML_KEYS | st.sampled_from(["period", "unit", "unit.x", "a.b.c"])),
    st.sampled_from(["[[employees]]", "[employees]", "[[period]]", "week = { mon = \"wfo\" }",
                     "start = 2025-07-07", "end = 2025-07-07T08:00:00+07:00", "x = 1979-05-27",
                     "id = 1", "status = \"PNS\"", "# comment", "", "a.b = 1", "= 1", "[", "]]",
                     "x = [1, \"a\"]", "x = \"\"\"\nmulti\n\"\"\"", "x = 0x_1", "x = 1_000",
                     "x = +inf", "x = 'lit", "\ufeffa = 1", "x = 1" + "0" * 40]),
    TEXTS,
)
TOML_TEXT = st.lists(TOML_LINES, max_size=25).map("\n".join)
JSON_TEXT = JSON_LIKE.map(lambda v: json.dumps(v, default=_json_default))


INSERTED = st.sampled_from(list('{}[]",:=\n\\\'#.\x00\ufeff') + ["\ud800"])


@st.composite
def mangled(draw: st.DrawFn, texts: st.SearchStrategy[str]) -> str:
    """A text cut short, or with a few characters inserted or removed."""
    text = draw(texts)
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["cut", "insert", "delete"]))
        if op == "cut":
            text = text[:i]
        elif op == "insert":
            text = text[:i] + draw(INSERTED) + text[i:]
        else:
            text = text[:i] + text[i + 1:]
    return text


# ---------------------------------------------------------------------------------------------
# Valid arrangements, derived from the model
# ---------------------------------------------------------------------------------------------

WEEKDAY_VALUES = [d.value for d in Weekday]
NONBLANK = st.text(min_size=1, max_size=20).filter(lambda s: s.strip())


def _enum_value(values: list[str]) -> st.SearchStrategy[str]:
    # Exact values mostly; the validator also accepts other case and surrounding spaces.
    exact = st.sampled_from(values)
    return exact | exact.map(str.upper) | exact.map(lambda v: f" {v.title()} ")


def _number(cons: dict[str, Any], integer: bool) -> st.SearchStrategy[Any]:
    lo = cons.get("minimum", -1000)
    hi = cons.get("maximum", lo + 1000)
    ints = st.integers(math.ceil(lo), math.floor(hi))
    if integer:
        return ints | ints.map(float)  # 3.0 is a valid integer
    return ints | st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def for_type(spec: TypeSpec, cons: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind = spec.kind
    if kind == "bool":
        return st.booleans()
    if kind == "int":
        return _number(cons, integer=True)
    if kind == "float":
        return _number(cons, integer=False)
    if kind == "str":
        if "const" in cons:
            return st.just(cons["const"])
        if "pattern" in cons:
            return st.from_regex(cons["pattern"], fullmatch=True)
        return NONBLANK if cons.get("min_length") else st.text(max_size=20)
    if kind == "date":
        return st.dates(IN_FORCE, date(2030, 12, 31))
    if kind == "enum":
        return _enum_value([m.value for m in spec.enum])  # type: ignore[union-attr]
    if kind == "list":
        return st.lists(for_type(spec.item, {}), max_size=4)  # type: ignore[arg-type]
    if kind == "map":
        keys = [m.value for m in spec.key]  # type: ignore[union-attr]
        return st.dictionaries(_enum_value(keys), for_type(spec.item, cons),  # type: ignore[arg-type]
                               max_size=len(keys))
    if kind == "table" and spec.table is AgencyDay:  # until never before date
        return st.builds(lambda d, span, reason: {"date": d, "reason": reason,
                                                  **({"until": d + timedelta(days=span)} if span else {})},
                         st.dates(date(2024, 12, 1), date(2027, 12, 31)), st.integers(0, 3), NONBLANK)
    if kind == "table":
        return for_table(spec.table)  # type: ignore[arg-type]
    raise AssertionError(kind)


def for_table(cls: type, overrides: Optional[dict[str, st.SearchStrategy[Any]]] = None,
              ) -> st.SearchStrategy[dict[str, Any]]:
    """A valid table of ``cls``: required fields always, others present or absent (or null)."""
    overrides = overrides or {}
    required: dict[str, st.SearchStrategy[Any]] = {}
    optional: dict[str, st.SearchStrategy[Any]] = {}
    for f in fields_of(cls):
        strategy = overrides[f.name] if f.name in overrides else for_type(f.type, f.constraints)
        if f.required:
            required[f.name] = strategy
        else:
            optional[f.name] = strategy | st.none() if f.type.kind != "table" else strategy
    return st.fixed_dictionaries(required, optional=optional)


@st.composite
def periods(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(st.dates(IN_FORCE + timedelta(days=1), date(2027, 12, 31)))
    end = start + timedelta(days=draw(st.integers(0, 59)))  # 1 to 60 days
    as_text = draw(st.booleans())  # dates from TOML, or ISO strings from JSON
    period: dict[str, Any] = {"start": start.isoformat() if as_text else start,
                              "end": end.isoformat() if as_text else end}
    if draw(st.booleans()):
        period["ramadan"] = draw(st.booleans())
    return period


WEEK = st.dictionaries(_enum_value(WEEKDAY_VALUES),
                       st.sampled_from(["wfo", "wfo", "wfo", "wfh", "wfa", "leave", "travel", "off"]),
                       max_size=7)


@st.composite
def date_entries(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Valid ``dates`` of one employee: runs in date order that never overlap."""
    day = draw(st.dates(date(2024, 12, 1), date(2027, 12, 31)))
    out: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 4))):
        day += timedelta(days=draw(st.integers(0, 20)))
        span = draw(st.integers(0, 3))
        entry: dict[str, Any] = {"date": day, "day": draw(st.sampled_from(
            ["wfo", "wfh", "wfa", "leave", "travel", "off"]))}
        if span:
            entry["until"] = day + timedelta(days=span)
        if draw(st.booleans()):
            entry["hours"] = draw(st.integers(0, 12))
        out.append(entry)
        day += timedelta(days=span + 1)
    return out


ROTATIONS = st.fixed_dictionaries(
    {"anchor": st.dates(date(2024, 12, 1), date(2027, 12, 31)),
     "weeks": st.lists(for_table(RotationWeek, {"week": WEEK}), max_size=4)})


@st.composite
def employee_lists(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 40))
    ids = draw(st.lists(NONBLANK, min_size=count, max_size=count, unique=True))
    table = for_table(Employee, {"week": WEEK, "id": st.just("-"), "dates": date_entries(),
                                 "rotation": ROTATIONS})
    return [{**draw(table), "id": i} for i in ids]


ARRANGEMENTS = for_table(Arrangement, {"period": periods(), "employees": employee_lists()})
PROFILES = st.none() | st.builds(lambda agency: {"agency": agency}, for_table(ProfileAgency))


# ---------------------------------------------------------------------------------------------
# Mutations of a valid arrangement
# ---------------------------------------------------------------------------------------------

def _containers(value: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every dict and list in ``value`` with its path."""
    found = []
    if isinstance(value, (dict, list)):
        found.append((path, value))
        items = value.items() if isinstance(value, dict) else enumerate(value)
        for key, child in items:
            found += _containers(child, path + (key,))
    return found


def _swap_kind(value: Any) -> Any:
    """A bool for a number, a number for a bool, a string for a date ..."""
    if value is True or value is False:
        return int(value)
    if isinstance(value, (int, float)):
        return bool(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        return [value]
    return str(value)


@st.composite
def mutated_arrangements(draw: st.DrawFn) -> dict[str, Any]:
    doc = draw(st.sampled_from([BASE, None]))
    doc = json.loads(json.dumps(doc, default=_json_default)) if doc else draw(ARRANGEMENTS)
    for _ in range(draw(st.integers(1, 4))):
        path, container = draw(st.sampled_from(_containers(doc)))
        op = draw(st.sampled_from(["replace", "replace", "swap", "delete", "unknown", "case",
                                   "empty", "duplicate"]))
        if isinstance(container, dict):
            keys = list(container)
            if op == "unknown" or not keys:
                container[draw(st.text(max_size=10) | TOML_KEYS)] = draw(JSON_LIKE)
                continue
            key = draw(st.sampled_from(keys))
            if op == "delete":
                del container[key]
            elif op == "case":
                container[draw(st.sampled_from([key.upper(), key.title(), f" {key} "]))] = container.pop(key)
            elif op == "swap":
                container[key] = _swap_kind(container[key])
            elif op == "empty":
                container[key] = draw(st.sampled_from([[], {}, "", None, 0]))
            else:
                container[key] = draw(JSON_LIKE)
        else:
            if op == "empty" or not container:
                container.clear()
            elif op == "duplicate":
                container.append(json.loads(json.dumps(draw(st.sampled_from(container)),
                                                       default=_json_default)))
            elif op in ("swap", "case"):
                i = draw(st.integers(0, len(container) - 1))
                container[i] = _swap_kind(container[i])
            elif op == "delete":
                container.pop(draw(st.integers(0, len(container) - 1)))
            else:
                container.append(draw(JSON_LIKE))
    return doc


def _with(path: str, value: Any) -> dict[str, Any]:
    """The base office document with one dotted path (``employees.0.week``) set; missing
    tables on the way are created."""
    doc = json.loads(json.dumps(BASE, default=_json_default))
    node: Any = doc
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    for key in keys[:-1]:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
    node[keys[-1]] = value
    return doc


# ---------------------------------------------------------------------------------------------
# (a) Bad input never crashes
# ---------------------------------------------------------------------------------------------

# ENGINE BUG: a period ending on the last date there is (9999-12-31) raises OverflowError from
# checker/context.py, which steps one day past the end.
@example(_with("period", {"start": "9999-12-31", "end": "9999-12-31"}))
# Edge cases that are handled:
@example(_with("period", {"start": "0001-01-01", "end": "0001-01-07"}))
@example(_with("employees", []))
@example(_with("employees.0.week", {"MON": "WFO", " tue ": "wfh", "Wed": "Travel"}))
@example(_with("employees.1.id", "A1"))
@example(_with("unit.service_hours", "08:00-24:59"))
@PROPERTY
@given(mutated_arrangements())
def test_check_data_raises_only_validation_error_for_malformed_documents(doc: Any) -> None:
    assert_check_data_contract(doc)


@example([])
@example({"period": None, "unit": [], "employees": {}})
# ENGINE BUG: an empty key (TOML '"" = 1') gets the empty path of the whole document, so the
# message says "(seluruh berkas): kolom ini tidak dikenal" instead of naming the key.
@example({"": None})
@PROPERTY
@given(JSON_LIKE)
def test_check_data_raises_only_validation_error_for_any_value(data: Any) -> None:
    assert_check_data_contract(data)


@pytest.mark.parametrize("path", ["", "employees", "employees.0.week", "unit.service_days",
                                  "agency.extra_criteria", "notes"])
def test_deeply_nested_data(path: str) -> None:
    """Lists and tables nested thousands deep, at the top or in a field (kept out of Hypothesis,
    whose example printer recurses)."""
    for deep in (_nested(5000), _nested_tables(5000)):
        data = deep if not path else _with(path, deep)
        assert_check_data_contract(data)
        assert_document_contract(data)


# ENGINE BUG: an agency minimum too large to print (over 4300 digits, possible in plain data)
# passes validation, then str() raises ValueError in checker/i18n.py while localizing.
@example(_with("agency", {"min_onsite_staff": 10**5000}))
@example(_with("agency", {"max_away_share": 5e-324, "extra_criteria": ["", "x" * 999]}))
@PROPERTY
@given(mutated_arrangements())
def test_check_document_never_raises(doc: Any) -> None:
    assert_document_contract(doc)


# ENGINE BUG: an integer literal of more than 4300 digits makes json.loads / tomllib.loads raise
# ValueError (int max str digits), which checker/loader.py does not catch.
@example('{"period": ' + "1" * 4301 + "}")
@example("x = " + "1" * 4301)
@example('{"a":' * 3000)
@example("a = " + "[" * 3000)
@example("\ufeff" + json.dumps({"unit": {}}))
@example("")
@PROPERTY
@given(TOML_TEXT | JSON_TEXT | mangled(TOML_TEXT | JSON_TEXT) | st.text()
       | st.text(st.characters(codec=None, exclude_categories=())))
def test_check_text_never_raises(text: str) -> None:
    assert_text_contract(text)
    assert_text_contract(text, "berkas.json")
    assert_text_contract(text, "berkas.toml")


@PROPERTY
@given(mutated_arrangements(), st.booleans())
def test_check_text_never_raises_for_malformed_documents(doc: dict[str, Any], as_toml: bool) -> None:
    text = to_toml(doc) if as_toml else json.dumps(doc, default=_json_default)
    assert_text_contract(text, "unit.toml" if as_toml else "unit.json")


def _leaf_paths(value: Any, prefix: str = "") -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaf_paths(v, f"{prefix}{k}.")] or [prefix[:-1]]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaf_paths(v, f"{prefix}{i}.")] or [prefix[:-1]]
    return [prefix[:-1]]


ODD_VALUES = [None, True, False, 0, -1, 1, 2.5, -0.0, 10**9 + 1, 10**30, math.nan, math.inf,
              -math.inf, "", " ", "x" * 1001, "\u00e9\u4e2d\U0001f600", "PNS", "2025/07/07",
              "2025-07-07T08:00:00", date(2025, 7, 7), datetime(2025, 7, 7, 8), time(8), [], [[[]]],
              {}, {"mon": "wfo"}, {"MON": "x"}]


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_wrong_value_at_every_field(value: Any) -> None:
    """Each field of a complete document, in turn, set to an odd value of another type."""
    paths = _leaf_paths(BASE) + ["employees.0", "employees", "period", "unit", "digital"]
    for path in paths:
        doc = _with(path, value)
        assert_check_data_contract(doc)
        assert_document_contract(doc)


# ---------------------------------------------------------------------------------------------
# (b) Valid documents: one result per rule, a known status, a reason, JSON, a consistent verdict
# ---------------------------------------------------------------------------------------------

@settings(PROPERTY, max_examples=max(1, EXAMPLES * 2 // 3))
@given(ARRANGEMENTS, PROFILES)
def test_valid_documents_give_one_result_per_rule(doc: dict[str, Any], profile_data: Any) -> None:
    profile = parse_profile(profile_data) if profile_data is not None else None
    report = check_data(doc, profile)
    assert [r.rule.id for r in report.results] == [r.id for r in RULES]
    for r in report.results:
        assert r.status in STATUSES
        assert r.outcome.reason
    failed = any(r.status is Status.FAILED for r in report.results)
    assert report.failed == failed
    assert (report.verdict is Status.FAILED) == failed
    if report.arrangement.unit.institution is not Institution.CIVIL:
        assert report.verdict is Status.NOT_APPLICABLE
    for lang in LANGS:
        data = to_dict(report, lang)
        text = json.dumps(data, allow_nan=False, ensure_ascii=False)
        assert json.loads(text) == data
        assert [r["rule"] for r in data["results"]] == [r.id for r in RULES]
        assert all(r["reason"].strip() for r in data["results"])
        assert all(r["status"] in {s.value for s in Status} for r in data["results"])
        assert (data["verdict"]["status"] == "failed") == failed
        assert sum(data["counts"].values()) == len(RULES)


def test_strategies_build_valid_documents() -> None:
    """A sanity check of the strategy itself: what it builds passes validation."""
    @settings(PROPERTY, max_examples=10, database=None)
    @given(ARRANGEMENTS)
    def inner(doc: dict[str, Any]) -> None:
        check_data(doc)
        assert 1 <= len(doc["employees"]) <= 40

    inner()
