"""The engine gives byte-identical results on CPython and inside Pyodide (Python 3.14) under Node.

Every rule case (as JSON text), every example file (as TOML text) and a handful of invalid inputs
are checked in both languages by ``checker.api.check_text``, and the page's other calls (import,
reports with a fixed check time, the personal check, roster CSV out and in) are made on the
examples and on bad files (``tests/node/parity_ops.py``): here on CPython, and in one Node
process (``tests/node/run_cases.mjs``) inside the real Pyodide runtime from ``node_modules``. The
package goes to Pyodide as the site's engine zip of the source tree, unpacked with
``unpackArchive`` as the browser does. Skipped when Node or Pyodide is missing, except under CI (``CI=true``), where it fails.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import date, datetime, time as dtime
from pathlib import Path
from typing import Any, Optional

import pytest

from checker.i18n import LANGS

import casefile  # tests/ is on sys.path: pytest prepends the rootdir of test modules

sys.path.insert(0, str(Path(__file__).resolve().parent / "node"))
from parity_ops import parity_run  # noqa: E402 - the dispatcher Pyodide runs too

pytestmark = pytest.mark.node

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "checker"
SCRIPT = ROOT / "tests" / "node" / "run_cases.mjs"
PYODIDE = ROOT / "node_modules" / "pyodide"
EXAMPLES = ROOT / "examples"
MESSAGES = PACKAGE / "messages"


def available_langs() -> list[str]:
    """Languages whose message catalogue exists (English is being written separately)."""
    return [lang for lang in LANGS if (MESSAGES / f"{lang}.toml").is_file()]


def _iso(value: Any) -> str:
    if isinstance(value, (date, datetime, dtime)):
        return value.isoformat()
    raise TypeError(f"not JSON-serialisable: {value!r}")


def _deep_json(depth: int) -> str:
    return '{"unit": ' + '{"a": ' * depth + "1" + "}" * depth + "}"


# Invalid inputs: (name, text). Names ending in .json/.toml choose the parser, as in the CLI.
INVALID: list[tuple[str, str]] = [
    ("bad-syntax.toml", "[period]\nstart = 2025-07-07\nend = \n"),
    ("bad-table.toml", "[unit\nname = 'x'\n"),
    ("bad-syntax.json", '{"period": {"start": "2025-07-07",}}'),
    ("truncated.json", '{"period": {"start": "2025-07-07"'),
    ("empty.toml", ""),
    ("not-a-table.json", "[1, 2, 3]"),
    ("scalar.json", "42"),
    ("nan.json", '{"period": NaN, "unit": Infinity, "employees": -Infinity}'),
    ("wrong-types.json", json.dumps({
        "period": {"start": "07/07/2025", "end": 20250711, "ramadan": "yes"},
        "unit": {"name": 5, "agency": "", "institution": "army", "service_days": "mon",
                 "service_hours": "8-15", "operating_hours_per_day": 25,
                 "operating_days_per_week": 2.5},
        "employees": [{"id": "A", "status": "PNS ", "week": {"MON": "WFO", "funday": "wfh",
                                                           "tue": "home"},
                       "hours": {"mon": -1}, "daily_hours": True, "years_of_service": "5",
                       "leave": {"carried_over": 1e400}},
                      {"id": "A", "status": "pppk"}],
        "extra": {"nested": [[[]]]},
    })),
    ("wrong-types.toml", 'format = "asn-fleksibel/2"\nemployees = []\n[period]\nstart = "2025-07-07"\n'
                         'end = 2025-07-06T08:00:00\n[unit]\nname = "  "\nagency = "Dinas"\n'
                         'agency_adopted = 1\n'),
    ("duplicate-ids.json", json.dumps({
        "period": {"start": "2025-07-07", "end": "2025-07-11"},
        "unit": {"name": "Unit", "agency": "Dinas"},
        "employees": [{"id": "X", "status": "pns"}, {"id": "X", "status": "pns"},
                      {"id": "X", "status": "pppk"}]})),
    ("period-too-long.json", json.dumps({
        "period": {"start": "2025-01-01", "end": "2026-06-01"},
        "unit": {"name": "Unit", "agency": "Dinas"}, "employees": [{"id": "X", "status": "pns"}]})),
    ("non-ascii-and-surrogate.json",
     '{"unit": {"name": "Bagian Umum \u00e9\u00e8 \u4e2d\u6587 \U0001f600", "agency": "\\ud800"},'
     ' "b\u00e4d": 1, "employees": []}'),
    ("unicode-digit-date.json", json.dumps(
        {"period": {"start": "\uff12\uff10\uff12\uff15-07-07", "end": "\u0662\u0660\u0662\u0665-07-11"}},
        ensure_ascii=False)),
    ("many-issues.json", json.dumps({"k%d" % i: i for i in range(80)})),
    # Nesting deeper than CPython's recursion limit: CPython reports "too_deep".
    ("deep-2000.json", _deep_json(2000)),
    ("deep-lists.toml", "a = " + "[" * 3000 + "]" * 3000 + "\n"),
]
# Inputs that may kill the Pyodide runtime (the script then starts a new one, which takes seconds):
# checked in one language only.
FATAL: list[tuple[str, str]] = [
    ("deep-100000.json", _deep_json(100_000)),
]


# Roster CSV files for the import (op roster_in): good ones as spreadsheets write them, bad ones.
CSV_HEADER = ("Kode pegawai;Nama;Status kepegawaian;Jabatan;Pola waktu kerja;"
              "Jam kerja per hari kerja;Senin;Selasa;Rabu;Kamis;Jumat;Sabtu;Minggu")
CSV_INPUTS: list[tuple[str, str]] = [
    ("excel-id.csv", "\ufeff" + CSV_HEADER + "\r\nA;Ani;PNS;Analis;Sif;7,5;WFO (di kantor);wfh;;;;;\r\n"),
    ("commas-en.csv", 'sep=,\nEmployee code,Employment status,Hours per working day,Monday\nA,pppk,"8,25",WFA\n'),
    ("bad-cells.csv", CSV_HEADER + "\nA;;honorer;;;25;rumah\nA;;PNS\n;;\n"),
    ("bad-header.csv", "Kode;Gaji\n1;2\n"),
    ("open-quote.csv", 'Kode pegawai;Status kepegawaian;Nama\nA;PNS;"Ani\nB;PPPK;x\n'),
    ("empty.csv", ""),
]
META = {"checked_at": "2026-03-02T09:15:00+07:00", "site_url": None}
META_SITE = {"checked_at": "2026-03-02T02:15:00Z", "site_url": "https://intranet.example.go.id/panduan/"}


def build_inputs() -> list[dict[str, Any]]:
    langs = available_langs()
    inputs: list[dict[str, Any]] = []

    def add(label: str, name: str, text: str, profile: Any = None,
            only: Optional[list[str]] = None, **extra: Any) -> None:
        for lang in only or langs:
            item = {"id": f"{label}[{lang}]", "name": name, "text": text, "lang": lang, **extra}
            if profile is not None:
                item["profile"] = profile
            inputs.append(item)

    for case in casefile.all_cases():
        text = json.dumps(case.arrangement, default=_iso, ensure_ascii=False, indent=2)
        profile = (json.loads(json.dumps(case.profile, default=_iso)) if case.profile is not None
                   else None)  # dates in a profile travel to Node as ISO text, as from JSON
        add(f"case:{case.id}", f"{case.id}.json", text, profile)
    for path in sorted(casefile.BASES.glob("*.toml")):
        add(f"base:{path.name}", f"_base/{path.name}", path.read_text(encoding="utf-8"))
    if EXAMPLES.is_dir():
        for path in sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".toml", ".json")):
            add(f"example:{path.name}", f"examples/{path.name}", path.read_text(encoding="utf-8"))
    for name, text in INVALID:
        add(f"invalid:{name}", name, text)
    for name, text in FATAL:
        add(f"invalid:{name}", name, text, only=langs[:1])
    # The other API calls the page makes: import, reports as records, the personal check, CSV.
    for name, text in INVALID:
        add(f"parse:{name}", name, text, op="parse")
        add(f"parse-draft:{name}", name, text, op="parse", keep_invalid=True)
    if EXAMPLES.is_dir():
        for path in sorted(EXAMPLES.glob("*.toml")):
            text, name = path.read_text(encoding="utf-8"), f"examples/{path.name}"
            add(f"parse:{path.name}", name, text, op="parse")
            add(f"markdown:{path.name}", name, text, op="render", format="markdown", meta=META)
            add(f"markdown-site:{path.name}", name, text, op="render", format="markdown", meta=META_SITE)
            add(f"json-record:{path.name}", name, text, op="render", format="json", meta=META_SITE)
            add(f"roster-csv:{path.name}", name, text, op="roster_out")
            ids = re.findall(r'^id = "([^"]+)"', text, flags=re.M)
            for employee in ids[:3] + ids[-2:]:
                add(f"personal:{path.name}:{employee}", name, text, op="personal", employee=employee)
    for name, text in CSV_INPUTS:
        add(f"roster-in:{name}", name, text, op="roster_in")
    add("template", "template.csv", "", op="template")
    return inputs


INPUTS = build_inputs()


def _cpython(item: dict[str, Any]) -> Any:
    try:
        return parity_run(item)
    except Exception as exc:  # noqa: BLE001 - reported as a crash, compared like Pyodide's
        return {"crash": f"{type(exc).__name__}: {exc}"}


def _zip_package(target: Path) -> Path:
    """The checker package as the site ships it: a zip with checker/ at its top level.

    The site's own zip builder is used when it is there, so that Pyodide runs exactly the bytes
    the browser gets; otherwise the .py and .toml files of the source tree are zipped here.
    """
    try:
        from sitegen.bundle import engine_zip
    except ImportError:
        engine_zip = None
    if engine_zip is not None:
        target.write_bytes(engine_zip(PACKAGE))
        return target
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(PACKAGE.rglob("*")):
            if "__pycache__" in path.parts or path.suffix not in (".py", ".toml"):
                continue
            zf.write(path, path.relative_to(ROOT).as_posix())
    return target


def _node_or_skip() -> str:
    node = shutil.which("node")
    missing = []
    if node is None:
        missing.append("node is not on PATH")
    if not (PYODIDE / "pyodide.mjs").is_file():
        missing.append(f"{PYODIDE.relative_to(ROOT)} is missing (run npm ci)")
    if missing:
        message = "Pyodide parity run impossible: " + "; ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: this must run under CI)", pytrace=False)
        pytest.skip(message)
    return node  # type: ignore[return-value]


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    node = _node_or_skip()
    work = tmp_path_factory.mktemp("pyodide")
    package = _zip_package(work / "checker.zip")
    inputs_file = work / "inputs.json"
    inputs_file.write_text(json.dumps(
        [{k: v for k, v in item.items() if k != "id"} for item in INPUTS], ensure_ascii=True),
        encoding="ascii")
    out_file, info_file = work / "results.json", work / "info.json"
    started = time.perf_counter()
    proc = subprocess.run(
        [node, str(SCRIPT), str(inputs_file), "--zip", str(package), "--out", str(out_file),
         "--info", str(info_file)],
        capture_output=True, text=True, timeout=900, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0 or not out_file.is_file():
        pytest.fail(f"run_cases.mjs exited with {proc.returncode}\n--- stderr ---\n"
                    f"{proc.stderr[-5000:]}", pytrace=False)
    results = json.loads(out_file.read_text(encoding="utf-8"))
    info = json.loads(info_file.read_text(encoding="utf-8"))
    info["wall_s"] = round(elapsed, 2)
    print(f"\nPyodide parity run: {len(INPUTS)} inputs in {elapsed:.1f} s "
          f"(load {info['load_ms']} ms, checks {info['run_ms']} ms, restarts {info['restarts']})")
    return {"results": results, "info": info, "stderr": proc.stderr}


def test_pyodide_is_python_314(pyodide_run: dict[str, Any]) -> None:
    assert pyodide_run["info"]["python"].startswith("3.14"), pyodide_run["info"]


def test_one_result_per_input(pyodide_run: dict[str, Any]) -> None:
    assert len(pyodide_run["results"]) == len(INPUTS)


def test_inputs_cover_cases_and_invalid_inputs() -> None:
    labels = [item["id"] for item in INPUTS]
    assert any(label.startswith("base:") for label in labels)
    assert any(label.startswith("invalid:") for label in labels)
    assert len(labels) == len(set(labels)), "duplicate input labels"


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("index", range(len(INPUTS)), ids=[item["id"] for item in INPUTS])
def test_same_bytes_as_cpython(pyodide_run: dict[str, Any], index: int) -> None:
    item = INPUTS[index]
    expected = _cpython(item)
    actual = pyodide_run["results"][index]
    if isinstance(actual, dict):
        pytest.fail(f"{item['id']}: check_text raised inside Pyodide: {actual['crash']}\n"
                    f"{actual.get('traceback', '')[-3000:]}\nCPython gave:\n"
                    f"{_describe(expected)[:2000]}", pytrace=False)
    if isinstance(expected, dict):
        pytest.fail(f"{item['id']}: check_text raised on CPython: {expected['crash']}",
                    pytrace=False)
    if actual != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                         "CPython", "Pyodide", lineterm="", n=2))
        shown = "\n".join(diff[:120]) + ("\n..." if len(diff) > 120 else "")
        if not diff:  # same lines, different bytes (line endings, trailing space ...)
            shown = f"CPython: {expected!r}\nPyodide: {actual!r}"[:3000]
        pytest.fail(f"{item['id']}: Pyodide result differs from CPython\n{shown}", pytrace=False)
