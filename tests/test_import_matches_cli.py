"""The page's import (``checker.api.parse_document``) accepts and rejects exactly what
``python -m checker check`` does, with the same messages.

Every invalid input of the CLI tests, of the Pyodide parity run and of the property tests goes
through both: the CLI reads the file from disk, the import gets its text. A file the CLI rejects
must never be imported (the page would drop the bad value and report a clean result).
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checker.api import parse_bytes, parse_document
from checker.cli import main
from checker.loader import parse_text

import test_parity_pyodide as parity  # tests/ is on sys.path
import test_properties as props

ROOT = Path(__file__).resolve().parent.parent
OFFICE = (ROOT / "tests" / "cases" / "_base" / "office.toml").read_text(encoding="utf-8")
LANGS = ("id", "en")


def _office(old: str, new: str) -> str:
    assert old in OFFICE
    return OFFICE.replace(old, new, 1)


# The CLI tests' own invalid files (tests/test_cli.py), and the case of the issue: 1e400.
CLI_INVALID: list[tuple[str, str]] = [
    ("broken.toml", "[period]\nstart = 2025-07-07\nend = \n"),
    ("wrong-type.toml", _office("years_of_service = 5", 'years_of_service = "lima"')),
    ("honorer.toml", _office('status = "pns"', 'status = "honorer"')),
    ("huge-number.json", json.dumps({
        "period": {"start": "2025-07-07", "end": "2025-07-11"},
        "unit": {"name": "Unit", "agency": "Dinas"},
        "employees": [{"id": "A", "status": "pns", "week": {"mon": "wfh"}}]}).replace(
            '"status": "pns"', '"status": "pns", "years_of_service": 1e400')),
    ("huge-int.json", '{"period": {"start": "2025-07-07", "end": "2025-07-11"}, "unit": '
                      '{"name": "U", "agency": "D"}, "employees": [{"id": "A", "status": "pns", '
                      '"years_of_service": 1' + "0" * 5000 + "}]}"),
    ("bad-hours.toml", _office("[unit]", '[unit]\nservice_hours = "8-15"')),
    ("bom-inside.json", '{"period": \ufeff{}}'),
]
VALID: list[tuple[str, str]] = [
    ("office.toml", OFFICE),
    ("office-bom.toml", "\ufeff" + OFFICE),
    ("dotted-hours.toml", _office("[unit]", '[unit]\nservice_hours = "08.00-15.00"')),
] + [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples").glob("*.toml"))]


def cli_answer(tmp_path: Path, name: str, text: str, lang: str) -> tuple[int, Any, str]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", str(path), "--format", "json", "--lang", lang], out=out, err=err)
    return code, json.loads(out.getvalue()), str(path)


def assert_same(tmp_path: Path, name: str, text: str, lang: str) -> None:
    code, cli, path = cli_answer(tmp_path, name, text, lang)
    page = parse_document(text, path, lang)
    if code == 2:
        assert "error" in page, f"the CLI rejects {name} but the import accepts it"
        assert page == cli, name
    else:
        assert "document" in page, f"the CLI accepts {name} but the import rejects it: {page}"
        expected = parse_text(text.lstrip("\ufeff"), name)
        assert page["document"] == json.loads(json.dumps(expected, default=str))
    json.dumps(page, allow_nan=False)  # what the browser receives is strict JSON


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name,text", parity.INVALID + parity.FATAL + CLI_INVALID + VALID,
                         ids=[n for n, _ in parity.INVALID + parity.FATAL + CLI_INVALID + VALID])
def test_import_accepts_and_rejects_what_the_cli_does(tmp_path: Path, name: str, text: str,
                                                      lang: str) -> None:
    assert_same(tmp_path, name, text, lang)


def test_huge_number_is_rejected_not_dropped() -> None:
    text = dict(CLI_INVALID)["huge-number.json"]
    answer = parse_document(text, "huge-number.json", "id")
    issue, = answer["error"]["issues"]
    assert (issue["path"], issue["code"]) == ("employees[0].years_of_service", "type")


def test_every_issue_has_a_plain_message_without_field_path() -> None:
    text = dict(parity.INVALID)["wrong-types.json"]
    for lang in LANGS:
        issues = parse_document(text, "w.json", lang)["error"]["issues"]
        assert len(issues) > 10
        for issue in issues:
            assert issue["plain"] and "[" not in issue["plain"].split(":")[0], issue
            if issue["label"]:
                assert issue["plain"].startswith(issue["label"]), issue


def test_file_larger_than_the_cli_limit_is_rejected_alike(tmp_path: Path) -> None:
    text = OFFICE + "#" * (20 * 1024 * 1024)
    code, cli, path = cli_answer(tmp_path, "big.toml", text, "id")
    assert code == 2 and parse_document(text, path, "id") == cli


def test_bytes_that_are_not_utf8_are_rejected_like_the_cli(tmp_path: Path) -> None:
    raw = OFFICE.replace("Bagian", "B\xe9gian").encode("latin-1")
    path = tmp_path / "latin1.toml"
    path.write_bytes(raw)
    out = io.StringIO()
    assert main(["check", str(path), "--format", "json"], out=out, err=io.StringIO()) == 2
    assert parse_bytes(base64.b64encode(raw).decode(), str(path), "id") == json.loads(out.getvalue())


def test_bytes_with_bom_are_read_like_the_cli() -> None:
    raw = b"\xef\xbb\xbf" + OFFICE.encode("utf-8")
    assert "document" in parse_bytes(base64.b64encode(raw).decode(), "office.toml", "id")


FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example,
                                       HealthCheck.function_scoped_fixture])


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no file holds one, and no browser gives one
        return False
    return True


@FUZZ
@given(st.one_of(props.mangled(props.TOML_TEXT).map(lambda t: ("fuzz.toml", t)),
                 props.mangled(props.JSON_TEXT).map(lambda t: ("fuzz.json", t)),
                 props.mutated_arrangements().map(
                     lambda d: ("mutated.json", json.dumps(d, default=props._json_default)))))
def test_import_matches_the_cli_on_malformed_files(tmp_path: Path, item: tuple[str, str]) -> None:
    name, text = item
    assume(_encodable(text))
    assert_same(tmp_path, name, text, "id")


@pytest.mark.parametrize("written", ["08.00-15.00", "08:00-15:00", "08.00 - 15.00", "08.00\u201315.00"])
def test_service_hours_with_dots_or_colons_are_stored_one_way(written: str) -> None:
    from checker.validate import build_arrangement

    text = _office("[unit]", f'[unit]\nservice_hours = "{written}"')
    assert "document" in parse_document(text, "unit.toml", "id")
    assert build_arrangement(parse_text(text, "unit.toml")).unit.service_hours == "08:00-15:00"


def test_a_draft_can_be_restored_with_its_errors_and_nothing_dropped() -> None:
    text = dict(CLI_INVALID)["huge-number.json"]
    answer = parse_document(text, "draft.json", "id", keep_invalid=True)
    assert answer["error"] == parse_document(text, "draft.json", "id")["error"]
    assert answer["document"]["employees"][0]["years_of_service"] == "inf"
    json.dumps(answer, allow_nan=False)
    toml = dict(parity.INVALID)["wrong-types.toml"]
    kept = parse_document(toml, "draft.toml", "id", keep_invalid=True)
    assert kept["document"]["period"]["end"] == "2025-07-06T08:00:00" and "error" in kept
    assert "document" not in parse_document("[period", "x.toml", "id", keep_invalid=True)
