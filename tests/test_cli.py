"""The command line: exit codes, error messages that name the file and the field, output formats,
the rule catalogue and the schema. In-process through ``checker.cli.main``, plus one real
``python -m checker`` run."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.i18n import catalogue
from checker.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
OFFICE = ROOT / "tests" / "cases" / "_base" / "office.toml"
HAS_EN = (ROOT / "checker" / "messages" / "en.toml").is_file()
needs_en = pytest.mark.skipif(not HAS_EN, reason="checker/messages/en.toml not written yet")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def office_text(**replace: str) -> str:
    text = OFFICE.read_text(encoding="utf-8")
    for old, new in replace.items():
        assert old in text, f"{old!r} not in office.toml"
        text = text.replace(old, new, 1)
    return text


@pytest.fixture
def failing(tmp_path: Path) -> Path:
    """The passing office unit with one employee away three days a week (the limit is two)."""
    path = tmp_path / "three-days-away.toml"
    path.write_text(office_text(**{
        'week = { mon = "wfo", tue = "wfh", wed = "wfo", thu = "wfo", fri = "wfo" }':
        'week = { mon = "wfh", tue = "wfh", wed = "wfa", thu = "wfo", fri = "wfo" }'}),
        encoding="utf-8")
    return path


@pytest.fixture
def bad_toml(tmp_path: Path) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text("[period]\nstart = 2025-07-07\nend = \n", encoding="utf-8")
    return path


@pytest.fixture
def wrong_type(tmp_path: Path) -> Path:
    path = tmp_path / "wrong-type.toml"
    path.write_text(office_text(**{"years_of_service = 5": 'years_of_service = "lima"'}),
                    encoding="utf-8")
    return path


def expected_word(kind: str, lang: str) -> str:
    return catalogue(lang).text(f"expected.{kind}")


def heading(path: Path, lang: str, key: str = "validation.heading") -> str:
    return catalogue(lang).text(key, file=str(path))


# Exit codes -----------------------------------------------------------------------------------

def test_passing_file_exits_0() -> None:
    code, out, err = run("check", str(OFFICE))
    assert code == 0, err
    assert err == ""
    assert "Bagian Perencanaan" in out


def test_failing_file_exits_1(failing: Path) -> None:
    code, out, err = run("check", str(failing), "--format", "json")
    assert code == 1, err
    data = json.loads(out)
    assert data["verdict"]["status"] == "failed"
    failed = [r["rule"] for r in data["results"] if r["status"] == "failed"]
    assert "location-max-days" in failed


def test_invalid_toml_exits_2_and_names_the_file_and_line(bad_toml: Path) -> None:
    code, out, err = run("check", str(bad_toml))
    assert code == 2
    assert heading(bad_toml, "id") in err
    assert "TOML" in err and "3" in err  # the line of the broken value
    assert "Traceback" not in err


def test_wrong_field_type_exits_2_naming_file_field_and_expectation(wrong_type: Path) -> None:
    code, out, err = run("check", str(wrong_type))
    assert code == 2
    assert heading(wrong_type, "id") in err  # Indonesian by default
    line = next(x for x in err.splitlines() if "employees[0].years_of_service" in x)
    assert expected_word("number", "id") in line, line


def test_wrong_choice_lists_the_allowed_values(tmp_path: Path) -> None:
    path = tmp_path / "honorer.toml"
    path.write_text(office_text(**{'status = "pns"': 'status = "honorer"'}), encoding="utf-8")
    code, _, err = run("check", str(path))
    assert code == 2
    line = next(x for x in err.splitlines() if "employees[0].status" in x)
    assert '"pns"' in line and '"pppk"' in line, line


@needs_en
def test_wrong_field_type_in_english(wrong_type: Path) -> None:
    code, _, err = run("check", str(wrong_type), "--lang", "en")
    assert code == 2
    assert heading(wrong_type, "en") in err
    assert heading(wrong_type, "id") not in err
    line = next(x for x in err.splitlines() if "employees[0].years_of_service" in x)
    assert expected_word("number", "en") in line, line


def test_missing_file_exits_2(tmp_path: Path) -> None:
    missing = tmp_path / "tidak-ada.toml"
    code, out, err = run("check", str(missing))
    assert code == 2
    assert str(missing) in err
    assert catalogue("id").text("validation.file_not_found") in err


@needs_en
def test_missing_file_in_english(tmp_path: Path) -> None:
    missing = tmp_path / "absent.toml"
    code, _, err = run("check", str(missing), "--lang", "en")
    assert code == 2
    assert str(missing) in err and catalogue("en").text("validation.file_not_found") in err


@pytest.mark.parametrize("lang", ["id", pytest.param("en", marks=needs_en)])
def test_invalid_profile_exits_2(tmp_path: Path, lang: str) -> None:
    profile = tmp_path / "profil.toml"
    profile.write_text('[agency]\nname = "Dinas Contoh"\nmax_away_share = "separuh"\n', encoding="utf-8")
    code, out, err = run("check", str(OFFICE), "--profile", str(profile), "--lang", lang)
    assert code == 2
    assert out == ""  # nothing is checked with a bad profile
    assert heading(profile, lang, "validation.profile_heading") in err
    line = next(x for x in err.splitlines() if "agency.max_away_share" in x)
    assert expected_word("number", lang) in line, line


def test_missing_profile_exits_2(tmp_path: Path) -> None:
    profile = tmp_path / "tidak-ada-profil.toml"
    code, _, err = run("check", str(OFFICE), "--profile", str(profile))
    assert code == 2
    assert heading(profile, "id", "validation.profile_heading") in err


def test_valid_profile_is_used(tmp_path: Path) -> None:
    profile = tmp_path / "profil.toml"
    profile.write_text('[agency]\nname = "Dinas Contoh"\nmonitoring_frequency = "weekly"\n',
                       encoding="utf-8")
    code, out, err = run("check", str(OFFICE), "--profile", str(profile), "--format", "json")
    assert code == 0, err
    setting = next(s for s in json.loads(out)["settings"] if s["name"] == "monitoring_frequency")
    assert setting["origin"] == "profile" and setting["value"] == "weekly"


# Many files -----------------------------------------------------------------------------------

def _summary(out: str, lang: str = "id") -> list[str]:
    title = catalogue(lang).text("cli.summary")
    lines = out.splitlines()
    assert lines.count(title) == 1, "expected exactly one summary table"
    return lines[lines.index(title):]


def test_many_files_end_with_one_summary(failing: Path) -> None:
    code, out, err = run("check", str(OFFICE), str(failing))
    assert code == 1, err
    table = _summary(out)
    assert out.rstrip("\n").splitlines()[-len(table):] == table  # the table ends the output
    rows = table[3:]  # title, header, rule
    assert len(rows) == 2
    assert rows[0].startswith(str(OFFICE)) and rows[1].startswith(str(failing))
    cat = catalogue("id")
    assert cat.text("status.passed") in rows[0] and cat.text("status.failed") in rows[1]


def test_many_files_with_an_invalid_one_exit_2(failing: Path, bad_toml: Path) -> None:
    code, out, err = run("check", str(OFFICE), str(bad_toml), str(failing))
    assert code == 2
    rows = _summary(out)[3:]
    assert [r.split()[0] for r in rows] == [str(OFFICE), str(bad_toml), str(failing)]
    assert catalogue("id").text("cli.invalid") in rows[1]
    assert heading(bad_toml, "id") in err


@needs_en
def test_summary_in_english(failing: Path) -> None:
    code, out, _ = run("check", str(OFFICE), str(failing), "--lang", "en")
    assert code == 1
    header = _summary(out, "en")[1]
    assert catalogue("en").text("cli.file") in header


# Formats ----------------------------------------------------------------------------------------

def test_json_one_file_is_one_report() -> None:
    code, out, _ = run("check", str(OFFICE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["format"] == "asn-fleksibel-hasil/1"
    assert data["source"] == str(OFFICE)
    assert len(data["results"]) == len(RULES)


def test_json_many_files(failing: Path, bad_toml: Path) -> None:
    code, out, _ = run("check", str(OFFICE), str(failing), str(bad_toml), "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert set(data) == {"reports", "summary"}
    assert len(data["reports"]) == len(data["summary"]) == 3
    assert [r["file"] for r in data["summary"]] == [str(OFFICE), str(failing), str(bad_toml)]
    assert data["reports"][0]["verdict"]["status"] == "passed"
    assert data["reports"][1]["verdict"]["status"] == "failed"
    assert data["reports"][2]["source"] == str(bad_toml) and "error" in data["reports"][2]


def test_markdown_starts_with_a_heading() -> None:
    code, out, _ = run("check", str(OFFICE), "--format", "markdown")
    assert code == 0
    assert out.startswith("# ")


@needs_en
def test_english_report() -> None:
    code, out, _ = run("check", str(OFFICE), "--format", "json", "--lang", "en")
    assert code == 0
    data = json.loads(out)
    assert data["lang"] == "en"
    assert data["verdict"]["title"] == catalogue("en").text("verdict.passed.title")


# Rules and schema -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["id", pytest.param("en", marks=needs_en)])
def test_rules_json_lists_28_rules_with_citations_and_links(lang: str) -> None:
    code, out, _ = run("rules", "--format", "json", "--lang", lang)
    assert code == 0
    rules = json.loads(out)["rules"]
    assert len(rules) == 28 == len(RULES)
    ids = [r["id"] for r in rules]
    assert ids == [r.id for r in RULES] and len(set(ids)) == 28
    for r in rules:
        assert r["title"] and r["citations"], r["id"]
        for c in r["citations"]:
            assert c["text"] and c["provenance"] and c["provenance_label"], (r["id"], c)
        assert r["handbook"].endswith(f"#{r['id']}")


def test_rules_text_lists_every_rule() -> None:
    code, out, _ = run("rules")
    assert code == 0
    for r in RULES:
        assert r.id in out


def test_schema_is_json_schema_with_required_fields() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert "json-schema.org" in schema["$schema"]
    assert {"period", "unit", "employees"} <= set(schema["required"])
    assert schema["type"] == "object"


# The module entry point -------------------------------------------------------------------------

def test_python_dash_m_checker(failing: Path) -> None:
    """A real process: ``python -m checker`` parses arguments and passes the exit code on."""
    proc = subprocess.run([sys.executable, "-m", "checker", "check", str(OFFICE), str(failing),
                           "--format", "json", "--lang", "id"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert [r["verdict"]["status"] for r in data["reports"]] == ["passed", "failed"]
    assert proc.stderr == ""


def test_calendar_lists_every_date_of_a_covered_year_with_its_source() -> None:
    from checker.calendar import year

    out, err = io.StringIO(), io.StringIO()
    assert main(["calendar", "2026"], out=out, err=err) == 0
    text = out.getvalue()
    for day in year(2026).days.values():
        assert day.date.isoformat() in text and day.name in text
    assert "SKB Menag, Menaker, MenPANRB No. 1497/2025" in text and "Keppres 42/2025" in text
    assert "2026-03-25 – 2026-03-27  SE MenPANRB 2/2026" in text
    assert "https://" in text


def test_calendar_for_an_uncovered_year_exits_2_naming_it() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["calendar", "2031"], out=out, err=err) == 2
    assert "2031" in err.getvalue() and "2025" in err.getvalue() and out.getvalue() == ""
    err = io.StringIO()
    assert main(["calendar", "tahun-depan", "--lang", "en"], out=out, err=err) == 2
    assert "calendar YEAR" in err.getvalue()


def test_text_and_markdown_reports_carry_the_calendar_notes(tmp_path: Path) -> None:
    path = tmp_path / "mei.toml"
    path.write_text((ROOT / "examples" / "bagian-umum.toml").read_text(encoding="utf-8").replace(
        "start = 2025-11-03", "start = 2026-05-11").replace("end = 2025-11-14", "end = 2026-05-15"),
        encoding="utf-8")
    for fmt, heading in (("text", "Kalender periode ini"), ("markdown", "## Kalender periode ini")):
        out, err = io.StringIO(), io.StringIO()
        main(["check", str(path), "--format", fmt], out=out, err=err)
        assert err.getvalue() == ""
        assert heading in out.getvalue()
        assert "15 Mei 2026: cuti bersama Kenaikan Yesus Kristus" in out.getvalue()
        assert "Keppres 42/2025" in out.getvalue()
