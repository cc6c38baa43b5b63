"""Speed of the rules engine on realistic, complete arrangements (``make bench``; not a test).

Prints, on one core:
  - unit checks per second for a 30-person unit: validation + all rules (``check_data``), and the
    same including localized JSON results (``to_dict`` + compact ``render_json``, which is what
    the browser page and batch tools receive);
  - milliseconds for one 2,000-person unit, both ways.
Each figure is the median of several timed repeats after a warm-up, next to its target. The script
exits 0 whatever the figures. ``bench/pyodide.mjs`` prints the 30-person figure inside Pyodide.

    .venv/bin/python bench/engine.py [--repeats N] [--lang id|en] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

if __package__ in (None, ""):  # run as a script: make the checker importable from the checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.engine import check, check_data  # noqa: E402
from checker.render import render_json  # noqa: E402
from checker.report import to_dict  # noqa: E402
from checker.validate import build_arrangement  # noqa: E402

TARGET_CHECKS_PER_S = 2000  # 30-person units, validation + rules
TARGET_LARGE_MS = 100  # one 2,000-person unit

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
TASKS_OK = {"outside_office": True, "no_special_equipment": True, "ict": True,
            "minimal_face_to_face": True, "no_continuous_supervision": True}
TASKS_DESK = {"outside_office": False, "no_special_equipment": True, "ict": True,
              "minimal_face_to_face": False, "no_continuous_supervision": True}
POSITIONS = ["Analis Kebijakan", "Pranata Komputer", "Arsiparis", "Pengelola Keuangan",
             "Analis SDM Aparatur", "Perencana", "Pengadministrasi Umum", "Petugas Layanan"]


def _week(rng: random.Random, away_days: int, leave_day: bool, wfa: bool) -> dict[str, str]:
    week = {day: "wfo" for day in WEEKDAYS}
    days = rng.sample(WEEKDAYS, away_days + (1 if leave_day else 0))
    for day in days[:away_days]:
        week[day] = "wfa" if wfa and day == days[0] else "wfh"
    if leave_day:
        week[days[-1]] = "leave"
    return week


def _employee(rng: random.Random, i: int, counter: bool) -> dict[str, Any]:
    """A complete employee: every answer filled in, most with one or two days away."""
    away = 0 if counter and i % 4 == 0 else rng.choice([0, 1, 1, 1, 2, 2])
    week = _week(rng, away, leave_day=rng.random() < 0.15, wfa=rng.random() < 0.3)
    employee: dict[str, Any] = {
        "id": f"P{i:04d}",
        "name": f"Pegawai {i}",
        "status": "pns" if rng.random() < 0.7 else "pppk",
        "position": rng.choice(POSITIONS),
        "tasks": dict(TASKS_DESK if away == 0 and rng.random() < 0.5 else TASKS_OK),
        "disciplinary": "none",
        "new_in_post": "no",
        "special_circumstances": False,
        "duties_outside_office": rng.random() < 0.1,
        "skp_targets": True,
        "work_plan": True,
        "home_is_recorded_domicile": True,
        "other_location_set_by_agency": True,
        "time_pattern": "normal",
        "week": week,
        "daily_hours": 7.5,
        "years_of_service": rng.randint(1, 30),
        "leave": {"carried_over": rng.randint(0, 6), "unused_years": 0,
                  "taken_this_year": rng.randint(0, 4)},
    }
    if rng.random() < 0.2:  # some state hours per day instead
        employee["hours"] = {day: 7.5 for day in week}
    return employee


def arrangement(size: int, seed: int = 2025) -> dict[str, Any]:
    """A complete arrangement for a unit serving the public in person, Monday to Friday, over four
    weeks; data as TOML gives it (dates as ``date``)."""
    rng = random.Random(seed)
    start = date(2025, 7, 7)
    return {
        "format": "asn-fleksibel/1",
        "period": {"start": start, "end": start + timedelta(days=27), "ramadan": False},
        "unit": {
            "name": f"Unit Pelayanan ({size} pegawai)", "agency": "Pemerintah Kabupaten Contoh",
            "agency_adopted": True, "institution": "civil", "serves_public_in_person": True,
            "service_days": list(WEEKDAYS), "service_hours": "08:00-15:00",
            "essential_service": "none", "schedule_changes_announced": True,
        },
        "agency": {"min_onsite_staff": max(1, size // 10), "max_away_share": 0.5,
                   "monitoring_frequency": "monthly", "extra_criteria": []},
        "digital": {"electronic_attendance": True, "electronic_documents": True,
                    "e_kinerja": True, "remote_contact": True},
        "monitoring": {"frequency": "weekly", "periodic_evaluation": True},
        "complaints": {"lapor_active": True, "lapor_officer": "Sekretariat",
                       "face_to_face": True, "channels_announced": True},
        "accessibility": {"priority_service": True},
        "employees": [_employee(rng, i, counter=True) for i in range(1, size + 1)],
    }


def _rates(fn: Callable[[], Any], repeats: int, seconds: float) -> list[float]:
    """Calls per second in each of ``repeats`` timed rounds of about ``seconds`` each."""
    start = time.perf_counter()
    calls = 0
    while time.perf_counter() - start < 0.2:  # calibrate the round size
        fn()
        calls += 1
    per_round = max(1, int(calls / (time.perf_counter() - start) * seconds))
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(per_round):
            fn()
        rates.append(per_round / (time.perf_counter() - t0))
    return rates


def _times_ms(fn: Callable[[], Any], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})
            return f"pinned to CPU {cpu}"
        except OSError:
            pass
    return "single thread (not pinned)"


def measure(repeats: int = 7, lang: str = "id", seconds: float = 0.5,
            large: bool = True) -> dict[str, Any]:
    """The figures: medians (and bests) of ``repeats`` timed runs after a warm-up."""
    small = arrangement(30)
    check_data(small)  # fail early on an invalid benchmark document

    validated = build_arrangement(small)

    def small_rules() -> None:
        check(validated)

    def small_check() -> None:
        check_data(small)

    def small_json() -> None:
        render_json(to_dict(check_data(small), lang), pretty=False)  # as programs and the browser get it

    for fn in (small_rules, small_check, small_json):  # warm up: caches, compiled converters
        for _ in range(200):
            fn()
    figures: dict[str, Any] = {}
    for name, fn in (("small_rules_per_s", small_rules), ("small_checks_per_s", small_check),
                     ("small_json_per_s", small_json)):
        rates = _rates(fn, repeats, seconds)
        figures[name], figures[name + "_best"] = statistics.median(rates), max(rates)
    if large:
        big = arrangement(2000)
        check_data(big)

        def large_check() -> None:
            check_data(big)

        def large_json() -> None:
            render_json(to_dict(check_data(big), lang), pretty=False)

        for fn in (large_check, large_json):
            for _ in range(3):
                fn()
        for name, fn in (("large_check_ms", large_check), ("large_json_ms", large_json)):
            times = _times_ms(fn, repeats)
            figures[name], figures[name + "_best"] = statistics.median(times), min(times)
    figures.update(repeats=repeats, lang=lang, python=platform.python_version(),
                   implementation=platform.python_implementation(), platform=platform.platform())
    return figures


def report(figures: dict[str, Any]) -> str:
    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    small = f">= {TARGET_CHECKS_PER_S:,} checks/s"
    rows = [("30-person unit, rules only (validated)", f"{figures['small_rules_per_s']:,.0f} checks/s",
             f"(best {figures['small_rules_per_s_best']:,.0f})", small,
             verdict(figures["small_rules_per_s"] >= TARGET_CHECKS_PER_S)),
            ("30-person unit, validate + rules", f"{figures['small_checks_per_s']:,.0f} checks/s",
             f"(best {figures['small_checks_per_s_best']:,.0f})", small,
             verdict(figures["small_checks_per_s"] >= TARGET_CHECKS_PER_S)),
            ("30-person unit, + localized JSON", f"{figures['small_json_per_s']:,.0f} checks/s",
             f"(best {figures['small_json_per_s_best']:,.0f})", small,
             verdict(figures["small_json_per_s"] >= TARGET_CHECKS_PER_S))]
    if "large_check_ms" in figures:
        large = f"< {TARGET_LARGE_MS} ms"
        rows += [("2,000-person unit, validate + rules", f"{figures['large_check_ms']:.1f} ms",
                  f"(best {figures['large_check_ms_best']:.1f})", large,
                  verdict(figures["large_check_ms"] < TARGET_LARGE_MS)),
                 ("2,000-person unit, + localized JSON", f"{figures['large_json_ms']:.1f} ms",
                  f"(best {figures['large_json_ms_best']:.1f})", large,
                  verdict(figures["large_json_ms"] < TARGET_LARGE_MS))]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [f"Engine benchmark: {figures['implementation']} {figures['python']} on "
             f"{figures['platform']}; median of {figures['repeats']} runs (best in brackets), "
             f"results in '{figures['lang']}'",
             "  " + "  ".join(h.ljust(w) for h, w in zip(
                 ("what", "median", "(best)", "target", "met?"), widths)).rstrip()]
    lines += ["  " + "  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per figure (median)")
    parser.add_argument("--lang", default="id", choices=["id", "en"])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    pinned = _pin_to_one_core()
    figures = measure(max(1, args.repeats), args.lang)
    figures["cpu"] = pinned
    print(json.dumps(figures, indent=2) if args.json else report(figures) + f"\n  ({pinned})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
