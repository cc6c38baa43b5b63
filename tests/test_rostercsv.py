"""The staff list and weekly pattern as CSV: round trips of every example, files as Excel and
LibreOffice write them, and bad files named by line and column with nothing imported."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from checker.api import (parse_document, roster_csv_template, roster_from_csv, roster_merge,
                         roster_to_csv)
from checker.cli import main
from checker.i18n import catalogue
from checker.loader import read_document
from checker.rostercsv import COLUMNS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
LANGS = ("id", "en")


def document(path: Path) -> dict[str, Any]:
    return json.loads(json.dumps(read_document(str(path)), default=str))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


HEADER_ID = "Kode pegawai;Nama;Status kepegawaian;Jabatan;Pola waktu kerja;Jam kerja per hari kerja;" \
            "Senin;Selasa;Rabu;Kamis;Jumat;Sabtu;Minggu"


# Round trips ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_roster_survives_a_round_trip(path: Path, lang: str) -> None:
    doc = document(path)
    text = roster_to_csv(doc, lang)
    answer = roster_from_csv(text, lang)
    assert "employees" in answer, answer
    merged = roster_merge(doc, answer["employees"])
    assert merged["document"] == doc
    assert merged["added"] == [] and merged["removed"] == []
    assert merged["updated"] == [e["id"] for e in doc["employees"]]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_export_is_read_alike_by_a_standard_csv_reader(path: Path) -> None:
    """Python's csv module stands in for the spreadsheets: the same cells, one row per person."""
    text = roster_to_csv(document(path), "id")
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=";"))
    assert rows[0] == HEADER_ID.split(";")
    assert len(rows) == len(document(path)["employees"]) + 1
    assert all(len(r) == len(COLUMNS) for r in rows)
    assert "WFO (di kantor)" in {cell for r in rows for cell in r}


def test_new_employees_from_a_csv_form_a_valid_roster() -> None:
    doc = document(EXAMPLES[0])
    text = "\ufeff" + HEADER_ID + "\r\nX-1;Baru;PPPK;Staf;Sif;8;WFO;wfh;Dinas luar;Cuti;libur;;\r\n"
    employees = roster_from_csv(text)["employees"]
    assert employees == [{"id": "X-1", "name": "Baru", "status": "pppk", "position": "Staf",
                          "time_pattern": "shift", "daily_hours": 8,
                          "week": {"mon": "wfo", "tue": "wfh", "wed": "travel", "thu": "leave",
                                   "fri": "off"}}]
    merged = roster_merge(doc, employees)
    assert merged["added"] == ["X-1"]
    assert merged["removed"] == [e["id"] for e in doc["employees"]]
    assert "document" in parse_document(json.dumps(merged["document"]), "x.json")


def test_merge_keeps_the_fields_the_csv_does_not_hold() -> None:
    doc = document(ROOT / "examples" / "puskesmas.toml")
    first = doc["employees"][0]
    assert "tasks" in first or "disciplinary" in first
    text = roster_to_csv(doc).replace("dr. Rina Marlina", "dr. Rina M.")
    merged = roster_merge(doc, roster_from_csv(text)["employees"])["document"]
    expected = copy.deepcopy(doc)
    expected["employees"][0]["name"] = "dr. Rina M."
    assert merged == expected


def test_an_emptied_cell_removes_the_value() -> None:
    doc = document(ROOT / "examples" / "puskesmas.toml")
    assert doc["employees"][0].get("daily_hours") == 6.25
    text = roster_to_csv(doc).replace(";6,25;", ";;", 1)
    merged = roster_merge(doc, roster_from_csv(text)["employees"])["document"]
    assert "daily_hours" not in merged["employees"][0]


def test_text_that_looks_like_a_formula_is_kept_as_text() -> None:
    doc = {"employees": [{"id": "=1+1", "status": "pns", "name": "@nama", "position": "-"},
                         {"id": "'=2", "status": "pns", "name": "'Ani", "position": "D'Arc"}]}
    text = roster_to_csv(doc)
    assert "'=1+1" in text and "'@nama" in text
    assert roster_from_csv(text)["employees"] == [
        {"id": "=1+1", "name": "@nama", "status": "pns", "position": "-"},
        {"id": "'=2", "name": "'Ani", "status": "pns", "position": "D'Arc"}]
    assert roster_from_csv("id;status\n'=3;pns\n'x;pns\n")["employees"] == [
        {"id": "=3", "status": "pns"}, {"id": "'x", "status": "pns"}]


def test_quoted_cells_with_separators_quotes_and_line_breaks() -> None:
    doc = {"employees": [{"id": "A", "status": "pns", "name": 'Siti "Iti"; S.E.', "position": "Analis\nData"},
                         {"id": "B", "status": "pppk"}]}
    assert roster_from_csv(roster_to_csv(doc))["employees"] == doc["employees"]


# Files as spreadsheets write them ------------------------------------------------------------

def test_excel_indonesian_semicolons_with_bom_and_decimal_comma() -> None:
    text = "\ufeff" + HEADER_ID + "\r\nA;Ani;PNS;Analis;Jam kerja normal;7,5;WFO (di kantor);;;;;;\r\n;;;;;;;;;;;;\r\n"
    assert roster_from_csv(text)["employees"] == [
        {"id": "A", "name": "Ani", "status": "pns", "position": "Analis", "time_pattern": "normal",
         "daily_hours": 7.5, "week": {"mon": "wfo"}}]


def test_commas_english_headers_short_day_words_and_sep_line() -> None:
    text = 'sep=,\nEmployee code,Employment status,Hours per working day,Monday,Friday\nA,pns,"7,5",wfh,WFA\n'
    assert roster_from_csv(text)["employees"] == [
        {"id": "A", "status": "pns", "daily_hours": 7.5, "week": {"mon": "wfh", "fri": "wfa"}}]


def test_commas_without_sep_line_and_tabs() -> None:
    assert roster_from_csv("id,status\nA,PNS\n")["employees"] == [{"id": "A", "status": "pns"}]
    assert roster_from_csv("id\tstatus\r\nA\tPPPK\r\n")["employees"] == [{"id": "A", "status": "pppk"}]


def test_headers_and_values_in_any_case_and_spacing() -> None:
    text = "KODE  PEGAWAI;status kepegawaian;senin\n A ; pns ; wfo (DI KANTOR) \n"
    assert roster_from_csv(text)["employees"] == [{"id": "A", "status": "pns", "week": {"mon": "wfo"}}]


@pytest.mark.parametrize("lang", LANGS)
def test_template_has_the_headers_and_an_example_that_imports(lang: str) -> None:
    text = roster_csv_template(lang)
    assert text.startswith("\ufeff")
    header = text.lstrip("\ufeff").split("\r\n")[0].split(";")
    assert header[0] == catalogue(lang).text("field.employees.id.label")
    assert header[-1] == catalogue(lang).text("enum.Weekday.sun")
    assert len(roster_from_csv(text, lang)["employees"]) == 1


# Bad files: line and column, nothing imported -------------------------------------------------

BAD = [
    # (name, text, [(line, column, code)])
    ("bad-status", HEADER_ID + "\nA;Ani;honorer;;;;;;;;;;\n", [(2, 3, "choice")]),
    ("bad-day", HEADER_ID + "\nA;Ani;PNS;;;;WFO;rumah;;;;;\n", [(2, 8, "choice")]),
    ("bad-hours", HEADER_ID + "\nA;Ani;PNS;;;tujuh;;;;;;;\nB;;PNS;;;25;;;;;;;\n",
     [(2, 6, "number"), (3, 6, "range")]),
    ("missing-id", HEADER_ID + "\n;Ani;PNS;;;;;;;;;;\n", [(2, 1, "required")]),
    ("duplicate-id", HEADER_ID + "\nA;;PNS\nA;;PPPK\n", [(3, 1, "duplicate_id")]),
    ("unknown-header", "Kode pegawai;Status kepegawaian;Gaji\nA;PNS;1\n", [(1, 3, "unknown_header")]),
    ("duplicate-header", "Kode pegawai;Status kepegawaian;Senin;Monday\nA;PNS;;\n",
     [(1, 4, "duplicate_header")]),
    ("missing-status-column", "Kode pegawai;Nama\nA;Ani\n", [(1, 0, "missing_header")]),
    ("extra-cell", "Kode pegawai;Status kepegawaian\nA;PNS;lebih\n", [(2, 3, "extra_cell")]),
    ("open-quote", 'Kode pegawai;Status kepegawaian;Nama\nA;PNS;"Ani\nB;PPPK;Budi\n',
     [(2, 3, "open_quote")]),
    ("text-after-quote", 'Kode pegawai;Status kepegawaian;Nama\nA;PNS;"Ani" S\n', [(2, 3, "after_quote")]),
    ("after-multiline-cell", 'Kode pegawai;Status kepegawaian;Nama\nA;PNS;"Ani\nSiti"\nB;pegawai;Budi\n',
     [(4, 2, "choice")]),
    ("header-only", HEADER_ID + "\r\n", [(2, 0, "no_rows")]),
    ("empty", "\ufeff\r\n", [(0, 0, "empty")]),
]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name,text,expected", BAD, ids=[b[0] for b in BAD])
def test_a_bad_file_names_line_and_column_and_imports_nothing(name: str, text: str,
                                                              expected: list[tuple[int, int, str]],
                                                              lang: str) -> None:
    answer = roster_from_csv(text, lang, name + ".csv")
    assert "employees" not in answer
    issues = answer["error"]["issues"]
    assert [(i["line"], i["column"], i["code"]) for i in issues] == expected
    cat = catalogue(lang)
    for issue, message in zip(issues, answer["error"]["messages"]):
        assert "{" not in message and "Traceback" not in message
        if issue["line"]:
            assert str(issue["line"]) in message
        if issue["column"]:
            assert f" {issue['column_letter']}" in message
    assert answer["source"] == name + ".csv"
    assert len(answer["error"]["messages"]) == len(issues)
    assert all(m for m in answer["error"]["messages"])
    word = cat.text("roster.at_line", line="", problem="").split()[0]  # "Baris" / "Line"
    for issue, message in zip(issues, answer["error"]["messages"]):
        assert message.startswith(word) == bool(issue["line"]), message


def test_cell_errors_carry_the_field_path_of_the_form() -> None:
    answer = roster_from_csv(HEADER_ID + "\nA;Ani;PNS;;;;WFO;\nB;;x;;;;;rumah\n")
    assert [i["path"] for i in answer["error"]["issues"]] == ["employees[1].status",
                                                             "employees[1].week.tue"]


def test_message_names_the_column_by_letter_and_heading() -> None:
    answer = roster_from_csv(HEADER_ID + "\nA;Ani;honorer\n")
    assert answer["error"]["messages"] == [
        'Baris 2, kolom C (Status kepegawaian): tulis salah satu dari "PNS", "PPPK".']


# Command line --------------------------------------------------------------------------------

def test_cli_export_import_round_trip(tmp_path: Path) -> None:
    unit = ROOT / "examples" / "bagian-umum.toml"
    staff, out = tmp_path / "staff.csv", tmp_path / "out.toml"
    assert run("roster", "export", str(unit), "-o", str(staff))[0] == 0
    assert staff.read_bytes().startswith(b"\xef\xbb\xbf")
    code, _, err = run("roster", "import", str(staff), "--into", str(unit), "-o", str(out))
    assert code == 0, err
    assert read_document(str(out)) == read_document(str(unit))


def test_cli_import_of_a_bad_csv_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    unit = ROOT / "examples" / "bagian-umum.toml"
    staff, out = tmp_path / "staff.csv", tmp_path / "out.toml"
    staff.write_text(HEADER_ID + "\nA;Ani;honorer\n", encoding="utf-8")
    code, stdout, err = run("roster", "import", str(staff), "--into", str(unit), "-o", str(out))
    assert code == 2 and not out.exists() and stdout == ""
    assert "Baris 2, kolom C" in err and "Traceback" not in err


def test_cli_import_of_a_non_utf8_csv_says_how_to_save_it(tmp_path: Path) -> None:
    staff = tmp_path / "ansi.csv"
    staff.write_bytes((HEADER_ID + "\nA;Andr\xe9;PNS\n").encode("cp1252"))
    code, _, err = run("roster", "import", str(staff), "--into", str(ROOT / "examples" / "bagian-umum.toml"))
    assert code == 2 and "CSV UTF-8" in err


def test_cli_import_into_json_writes_json(tmp_path: Path) -> None:
    unit = tmp_path / "unit.json"
    unit.write_text(json.dumps(document(ROOT / "examples" / "unit-riset.toml")), encoding="utf-8")
    staff = tmp_path / "staff.csv"
    assert run("roster", "export", str(unit), "-o", str(staff))[0] == 0
    code, out, _ = run("roster", "import", str(staff), "--into", str(unit))
    assert code == 0 and json.loads(out) == json.loads(unit.read_text(encoding="utf-8"))


def test_cli_template_in_english() -> None:
    code, out, _ = run("roster", "template", "--lang", "en")
    assert code == 0 and out.lstrip("\ufeff").startswith("Employee code;")


# Properties ----------------------------------------------------------------------------------

from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CSV_CHARS = st.sampled_from(list(';,\t"\'\r\n =+-@ ') + ["\ufeff", "PNS", "pppk", "WFO", "wfh",
                                                           "Kode pegawai", "Status kepegawaian",
                                                           "Senin", "7,5", "x", "\u00e9"])
CSV_TEXT = st.lists(CSV_CHARS, max_size=60).map("".join) | st.text(max_size=80)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")


@FUZZ
@given(st.sampled_from(["", HEADER_ID + "\n", "id;status\n"]), CSV_TEXT)
@example("", "{")  # a heading the user typed is quoted back, braces and all
def test_any_text_gives_employees_or_an_error_never_a_crash(head: str, body: str) -> None:
    answer = roster_from_csv(head + body, "id", "x.csv")
    json.dumps(answer, allow_nan=False)
    assert ("employees" in answer) != ("error" in answer)
    if "error" in answer:
        assert answer["error"]["messages"] and len(answer["error"]["messages"]) == len(answer["error"]["issues"])
        # No template field left unfilled; a brace the user typed may be quoted back ("{" as a heading).
        assert all(m and not [f for f in PLACEHOLDER.findall(m) if f not in head + body]
                   for m in answer["error"]["messages"])
    else:
        assert answer["employees"] and all(e["id"] and e["status"] in ("pns", "pppk")
                                           for e in answer["employees"])


NAMES = (st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=15)
         | st.sampled_from(["'=x", "''", "'", "=", "-1", "a;b", '"q"'])).filter(
    lambda s: s.strip() == s and s.strip())
EMPLOYEES = st.lists(st.fixed_dictionaries(
    {"status": st.sampled_from(["pns", "pppk"])},
    optional={"name": NAMES, "position": NAMES,
              "time_pattern": st.sampled_from(["normal", "shift", "dynamic"]),
              "daily_hours": st.integers(0, 24) | st.floats(0, 24).map(lambda f: round(f, 2)),
              "week": st.dictionaries(st.sampled_from(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
                                      st.sampled_from(["wfo", "wfh", "wfa", "leave", "travel", "off"]),
                                      min_size=1)}),
    min_size=1, max_size=5)


@FUZZ
@given(EMPLOYEES, st.sampled_from(LANGS))
def test_any_valid_roster_survives_a_round_trip(employees: list[dict[str, Any]], lang: str) -> None:
    employees = [{"id": f"P{i}\u00e9 {i}", **e} for i, e in enumerate(employees)]
    for e in employees:
        if "week" in e:
            e["week"] = {d: e["week"][d] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                         if d in e["week"]}
    answer = roster_from_csv(roster_to_csv({"employees": employees}, lang), lang)
    order = ("id", "name", "status", "position", "time_pattern", "daily_hours", "week")
    assert answer == {"employees": [{k: e[k] for k in order if k in e} for e in employees]}


def test_cli_output_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    code, _, err = run("roster", "template", "-o", str(tmp_path / "no-such-folder" / "t.csv"))
    assert code == 2 and "no-such-folder" in err and "Traceback" not in err
