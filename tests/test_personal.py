"""The personal check answers one employee first, in the second person: yes, no with the reason
and what to change, or unsure; only the rules about one person are shown."""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from checker.api import check_document, personal_answer
from checker.engine import check_data
from checker.enums import Status
from checker.i18n import catalogue
from checker.personal import personal_rules
from checker.enums import Severity
from checker.rules import RULES

import casefile  # tests/ is on sys.path

ROOT = Path(__file__).resolve().parent.parent
BASE = tomllib.loads((ROOT / "tests" / "cases" / "_base" / "office.toml").read_text(encoding="utf-8"))
PERSONAL = set(personal_rules())
LANGS = ("id", "en")


def office(**employee: Any) -> dict[str, Any]:
    """The passing office unit with its first employee changed."""
    doc = copy.deepcopy(BASE)
    doc["employees"][0].update(employee)
    return doc


def first_id(doc: dict[str, Any]) -> str:
    return doc["employees"][0]["id"]


def test_personal_rules_are_the_one_person_rules_of_the_page() -> None:
    from sitegen.checker_page import individual_rules

    assert personal_rules() == individual_rules()
    assert "location-max-days" in PERSONAL and "service-away-share" not in PERSONAL


@pytest.mark.parametrize("lang", LANGS)
def test_a_pattern_within_the_rules_is_answered_yes(lang: str) -> None:
    doc = office()
    answer = personal_answer(doc, first_id(doc), lang)
    assert answer["answer"] == "yes"
    assert answer["headline"] == catalogue(lang).text("personal.yes")
    assert answer["fixes"] == []
    assert {r["rule"] for r in answer["rules"]} == PERSONAL


@pytest.mark.parametrize("lang", LANGS)
def test_three_days_away_is_no_with_the_limit_first(lang: str) -> None:
    doc = office(week={"mon": "wfh", "tue": "wfh", "wed": "wfa", "thu": "wfo", "fri": "wfo"})
    answer = personal_answer(doc, first_id(doc), lang)
    assert answer["answer"] == "no"
    assert answer["headline"] == catalogue(lang).text(
        "personal.rule.location-max-days.headline.too_many", limit=2)
    assert "3" in answer["reasons"][0] and "2" in answer["reasons"][0]
    assert answer["fixes"] and "WFO" in answer["fixes"][0]
    assert "Anda" in answer["headline"] + answer["reasons"][0] or lang == "en"


def test_a_missing_answer_is_unsure_and_names_the_field() -> None:
    doc = office(week={"mon": "wfh", "tue": "wfo", "wed": "wfo", "thu": "wfo", "fri": "wfo"})
    del doc["employees"][0]["disciplinary"]
    answer = personal_answer(doc, first_id(doc), "id")
    assert answer["answer"] == "unsure"
    assert any(catalogue("id").text("field.employees.disciplinary.label") in r for r in answer["reasons"])


def test_other_employees_and_unit_rules_do_not_change_the_answer() -> None:
    doc = office()
    for e in doc["employees"][1:]:  # everyone else away on every day: the unit fails
        e["week"] = {d: "wfh" for d in ("mon", "tue", "wed", "thu", "fri")}
    unit = check_document(doc, "doc.json", "id")
    assert unit["verdict"]["status"] == "failed"
    answer = personal_answer(doc, first_id(doc), "id")
    assert answer["answer"] == "yes", answer["reasons"]
    assert not {r["rule"] for r in answer["rules"]} - PERSONAL


def test_an_unknown_employee_code_is_an_error_not_a_crash() -> None:
    doc = office()
    answer = personal_answer(doc, "TIDAK-ADA", "id")
    issue, = answer["error"]["issues"]
    assert (issue["path"], issue["code"]) == ("employees", "no_employee")
    assert issue["plain"] == answer["error"]["messages"][0]
    assert "TIDAK-ADA" in answer["error"]["messages"][0]
    assert personal_answer(doc, None, "id")["error"]["issues"][0]["code"] == "choose_employee"


def test_one_employee_needs_no_code() -> None:
    doc = office()
    doc["employees"] = doc["employees"][:1]
    assert personal_answer(doc, None, "id")["answer"] == "yes"


def test_invalid_input_gives_the_cli_error() -> None:
    doc = office(status="honorer")
    answer = personal_answer(doc, first_id(doc), "id", name="x.json")
    assert answer == check_document(doc, "x.json", "id")


def _failing_people() -> list[tuple[str, dict[str, Any], str]]:
    """(case id, arrangement, employee) for every rule case where a one-person rule fails."""
    out = []
    for case in casefile.all_cases():
        rule = case.id.split("/")[0]
        if rule not in PERSONAL or case.expect.get(rule) != "failed":
            continue
        report = check_data(case.arrangement)
        result = next(r for r in report.results if r.rule.id == rule)
        if result.status is not Status.FAILED:
            continue
        people = sorted({e for ev in result.outcome.evidence for e in ev.employees})
        out += [(case.id, case.arrangement, person) for person in people[:2]]
    return out


FAILING = _failing_people()


def test_every_mandatory_one_person_rule_has_a_failing_case() -> None:
    mandatory = {r.id for r in RULES if r.id in PERSONAL and r.severity is Severity.FAIL}
    assert {case_id.split("/")[0] for case_id, _, _ in FAILING} == mandatory


def test_an_advisory_rule_leaves_a_yes_but_says_what_it_advises() -> None:
    doc = office(week={"mon": "wfh", "tue": "wfo", "wed": "wfo", "thu": "wfo", "fri": "wfo"},
                 work_plan=False)
    answer = personal_answer(doc, first_id(doc), "id")
    assert answer["answer"] == "yes", answer
    assert len(answer["reasons"]) > 1 and answer["fixes"], answer


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case_id,arrangement,person", FAILING,
                         ids=[f"{c}:{p}" for c, _, p in FAILING])
def test_a_failing_rule_case_is_answered_no_in_the_second_person(
        case_id: str, arrangement: dict[str, Any], person: str, lang: str) -> None:
    doc = json.loads(json.dumps(arrangement, default=str))
    answer = personal_answer(doc, person, lang, profile=None)
    if answer.get("error"):
        pytest.fail(f"{case_id}: {answer['error']['messages']}")
    assert answer["answer"] == "no", (case_id, answer["reasons"])
    fallback = catalogue(lang).text("personal.no", title="").rstrip(".")
    assert not answer["headline"].startswith(fallback + "."), answer["headline"]  # the rule's own words
    assert answer["reasons"] and answer["fixes"], answer
    text = json.dumps(answer, ensure_ascii=False)
    assert "{" not in answer["headline"] + "".join(answer["reasons"] + answer["fixes"]), text


def test_an_agency_that_has_not_adopted_flexible_work_is_a_no() -> None:
    doc = office(week={"mon": "wfh", "tue": "wfo", "wed": "wfo", "thu": "wfo", "fri": "wfo"})
    doc["unit"]["agency_adopted"] = False
    answer = personal_answer(doc, first_id(doc), "id")
    assert answer["answer"] == "no"
    assert answer["headline"] == catalogue("id").text("personal.rule.scope-agency-adoption.headline.failed")
    assert "scope-agency-adoption" in {r["rule"] for r in answer["rules"]}


def test_an_unanswered_agency_question_does_not_block_the_person() -> None:
    doc = office(week={"mon": "wfh", "tue": "wfo", "wed": "wfo", "thu": "wfo", "fri": "wfo"})
    doc["unit"].pop("agency_adopted", None)
    answer = personal_answer(doc, first_id(doc), "id")
    assert answer["answer"] == "yes", answer["reasons"]
    assert "scope-agency-adoption" not in {r["rule"] for r in answer["rules"]}


def test_a_unit_outside_the_regulation_is_not_answered_yes() -> None:
    doc = office()
    doc["unit"]["institution"] = "polri"
    answer = personal_answer(doc, first_id(doc), "id")
    assert answer["answer"] == "unsure"
    assert "Polri" in answer["headline"]
    assert [r["rule"] for r in answer["rules"]] == ["scope-institution"]


def test_evidence_without_second_person_words_still_gives_reason_and_fix(monkeypatch: Any) -> None:
    """A rule added later (or new evidence) falls back to the report's own sentences."""
    from checker import personal

    doc = office(week={"mon": "wfh", "tue": "wfh", "wed": "wfa", "thu": "wfo", "fri": "wfo"})
    real = personal._sentence
    monkeypatch.setattr(personal, "_sentence", lambda cat, rule_id, *a: None if rule_id == "location-max-days" else real(cat, rule_id, *a))
    answer = personal_answer(doc, first_id(doc), "id")
    assert answer["answer"] == "no"
    assert answer["headline"] == catalogue("id").text(
        "personal.no", title=catalogue("id").text("rule.location-max-days.title"))
    assert answer["reasons"] and answer["fixes"]
