"""Rule cases as data: every file in ``tests/cases/<rule-id>/`` is checked against its ``[expect]``.

Each case builds an arrangement (its ``[arrangement]`` deep-merged over its base), checks it, with
its agency profile when it has one, and compares the status of every rule named in ``[expect]``.
A mismatch shows the case's description and, for each rule that differs, its actual status, reason
text and evidence, so that the failure can be understood without running the checker by hand.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

from casefile import CASES, Case, all_cases
from checker.engine import check_data
from checker.enums import Status
from checker.report import to_dict
from checker.rules import RULES
from checker.settings import parse_profile

CASE_LIST = all_cases()
RULE_IDS = [r.id for r in RULES]
STATUSES = {s.value for s in Status}
MIN_CASES_PER_RULE = 3


def _run(case: Case) -> dict[str, dict[str, Any]]:
    profile = parse_profile(case.profile, str(case.path)) if case.profile is not None else None
    report = check_data(case.arrangement, profile, str(case.path))
    return {r["rule"]: r for r in to_dict(report, "id")["results"]}


def _explain(case: Case, rule_id: str, expected: str, result: dict[str, Any]) -> str:
    lines = [f"  {rule_id}: expected {expected}, got {result['status']}",
             f"    reason: {result['reason']}"]
    for ev in result["evidence"]:
        extra = []
        if ev["employees"]:
            extra.append("employees " + ", ".join(ev["employees"]))
        if ev["days"]:
            extra.append("days " + ", ".join(ev["days"]))
        if ev["actual"] is not None or ev["limit"] is not None:
            extra.append(f"actual {ev['actual']}, limit {ev['limit']}")
        suffix = f"  [{'; '.join(extra)}]" if extra else ""
        lines.append(f"    evidence: {ev['text']}{suffix}")
    if not result["evidence"]:
        lines.append("    evidence: (none)")
    return "\n".join(lines)


@pytest.mark.parametrize("case", CASE_LIST, ids=[c.id for c in CASE_LIST])
def test_case(case: Case) -> None:
    results = _run(case)
    wrong = [_explain(case, rule_id, expected, results[rule_id])
             for rule_id, expected in case.expect.items()
             if results[rule_id]["status"] != expected]
    if wrong:
        pytest.fail(f"{case.id} ({case.path.relative_to(CASES)})\n  {case.description}\n"
                    + "\n".join(wrong), pytrace=False)


def test_cases_exist() -> None:
    assert CASE_LIST, f"no case files found under {CASES}"


@pytest.mark.parametrize("case", CASE_LIST, ids=[c.id for c in CASE_LIST])
def test_case_is_well_formed(case: Case) -> None:
    folder = case.path.parent.name
    assert folder in RULE_IDS, f"{case.id}: folder {folder!r} is not a rule id"
    assert case.description.strip(), f"{case.id}: empty description"
    assert folder in case.expect, f"{case.id}: [expect] does not name the rule under test ({folder})"
    unknown = sorted(set(case.expect) - set(RULE_IDS))
    assert not unknown, f"{case.id}: [expect] names unknown rule ids {unknown}"
    bad = {k: v for k, v in case.expect.items() if v not in STATUSES}
    assert not bad, f"{case.id}: unknown statuses {bad}; use one of {sorted(STATUSES)}"


def test_every_rule_has_cases() -> None:
    by_rule: dict[str, list[Case]] = defaultdict(list)
    for case in CASE_LIST:
        by_rule[case.path.parent.name].append(case)
    too_few = {r: len(by_rule[r]) for r in RULE_IDS if len(by_rule[r]) < MIN_CASES_PER_RULE}
    assert not too_few, f"rules with fewer than {MIN_CASES_PER_RULE} cases: {too_few}"
    only_passing = [r for r in RULE_IDS
                    if all(c.expect[r] == Status.PASSED.value for c in by_rule[r])]
    assert not only_passing, f"rules without a non-passing case: {only_passing}"
    stray = sorted(set(by_rule) - set(RULE_IDS))
    assert not stray, f"case folders that are not rule ids: {stray}"
