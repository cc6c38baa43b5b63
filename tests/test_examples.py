"""The example arrangements in ``examples/`` stay valid and keep their declared verdicts.

A rule change that alters an example's overall verdict fails here, so that the example (its
``notes`` and ``examples/README.md``) is updated together with the rule.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.engine import check
from checker.enums import Status
from checker.loader import load_arrangement
from checker.report import to_dict

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

EXPECTED_VERDICTS = {
    "puskesmas.toml": Status.PASSED,
    "bagian-umum.toml": Status.WARNING,
    "imigrasi-pelabuhan.toml": Status.PASSED,
    "unit-riset.toml": Status.FAILED,
    "loket-pelayanan.toml": Status.FAILED,
    "kecamatan-lebaran-2026.toml": Status.PASSED,
}

FILES = sorted(p.name for p in EXAMPLES.glob("*.toml"))


def test_every_example_has_a_declared_verdict() -> None:
    assert set(FILES) == set(EXPECTED_VERDICTS), (
        f"examples on disk {FILES} differ from the table {sorted(EXPECTED_VERDICTS)}")


@pytest.mark.parametrize("name", FILES)
def test_example_verdict(name: str) -> None:
    path = EXAMPLES / name
    report = check(load_arrangement(str(path)), None, str(path))  # raises if the file is invalid
    expected = EXPECTED_VERDICTS[name]
    if report.verdict is not expected:
        data = to_dict(report, "id")
        lines = [f"  {r['rule']}: {r['status']} - {r['reason']}" for r in data["results"]
                 if r["status"] not in (Status.PASSED.value, Status.NOT_APPLICABLE.value)]
        pytest.fail(f"{name}: verdict {report.verdict.value}, declared {expected.value}\n"
                    + "\n".join(lines), pytrace=False)


@pytest.mark.parametrize("name", FILES)
def test_example_cli_exit_status(name: str) -> None:
    path = str(EXAMPLES / name)
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", path, "--format", "json"], out=out, err=err)
    assert err.getvalue() == "", f"{name}: the CLI reported problems:\n{err.getvalue()}"
    data = json.loads(out.getvalue())
    assert data["verdict"]["status"] == EXPECTED_VERDICTS[name].value
    expected_code = 1 if EXPECTED_VERDICTS[name] is Status.FAILED else 0
    assert code == expected_code, f"{name}: exit status {code}, expected {expected_code}"


@pytest.mark.parametrize("name", FILES)
def test_example_has_notes(name: str) -> None:
    notes = load_arrangement(str(EXAMPLES / name)).notes
    assert notes and notes.strip(), f"{name}: the notes explaining the example are missing"
