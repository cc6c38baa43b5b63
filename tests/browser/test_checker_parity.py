"""The checker page gives the same statuses as the command line, for every example and rule case.

One page imports every file in turn through the import control (examples as TOML, rule cases as
JSON) and the statuses shown are compared with ``checker.api`` on CPython. Cases with an agency
profile are in ``test_checker_profiles.py`` (they need a site built with that profile).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
from casefile import Case, all_cases
from checker_support import (
    checker_session,
    cli_statuses,
    cli_statuses_of_file,
    import_file,
    shown_statuses,
    write_json,
)
from conftest import ROOT

pytestmark = pytest.mark.browser

CASES = [c for c in all_cases() if c.profile is None]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


@pytest.fixture(scope="module")
def checker(browser: Any, server: Any) -> Iterator[Any]:
    with checker_session(browser, server) as page:
        yield page


def test_there_are_examples_and_cases() -> None:
    assert EXAMPLES, "no example files in examples/"
    assert len(CASES) > 100


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_statuses_match_cli(checker: Any, path: Path) -> None:
    assert import_file(checker, path) == "ready"
    assert shown_statuses(checker) == cli_statuses_of_file(path)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case_statuses_match_cli(checker: Any, case: Case, tmp_path: Path) -> None:
    path = write_json(case.arrangement, tmp_path / f"{case.path.stem}.json")
    assert import_file(checker, path) == "ready"
    shown = shown_statuses(checker)
    assert shown == cli_statuses(case.arrangement, name=path.name)
    assert {rule: shown[rule] for rule in case.expect} == case.expect
