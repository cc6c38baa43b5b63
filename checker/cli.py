"""Command line: check arrangement files, list the rule catalogue, print the JSON Schema.

Exit status of ``check``: 0 when no rule fails, 1 when any rule fails, 2 when an input (or the
profile) is invalid. Many files end with one summary table.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any, Optional, Sequence, TextIO

from .catalogue import catalogue_data
from .engine import check
from .errors import error_dict, error_lines
from .i18n import LANGS, catalogue
from .jsonschema import arrangement_schema
from .loader import load_arrangement
from .render import render_json, render_markdown, render_text, with_record
from .report import to_dict
from .rostercli import roster_command
from .settings import Profile, load_profile
from .validate import ValidationError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m checker",
        description="Pemeriksa pengaturan kerja fleksibel ASN (PermenPANRB 4/2025).")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="periksa satu atau beberapa berkas pengaturan (TOML/JSON)")
    c.add_argument("files", nargs="+", metavar="FILE")
    c.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    c.add_argument("--lang", choices=LANGS, default="id")
    c.add_argument("--profile", metavar="FILE", help="profil instansi (TOML) yang berlaku")
    c.add_argument("--site-url", metavar="URL",
                   help="alamat situs panduan, agar tautan di laporan menjadi alamat lengkap")
    c.add_argument("--checked-at", metavar="WAKTU",
                   help="waktu pemeriksaan (ISO 8601) yang dicatat di laporan; bawaan: sekarang")
    r = sub.add_parser("rules", help="daftar aturan beserta dasar hukumnya")
    r.add_argument("--format", choices=["text", "json"], default="text")
    r.add_argument("--lang", choices=LANGS, default="id")
    sub.add_parser("schema", help="cetak JSON Schema format pengaturan")
    ro = sub.add_parser("roster", help="daftar pegawai dan pola mingguan sebagai CSV (Excel, LibreOffice)")
    rsub = ro.add_subparsers(dest="roster_command", required=True)
    ex = rsub.add_parser("export", help="tulis daftar pegawai sebuah berkas pengaturan sebagai CSV")
    ex.add_argument("file", metavar="FILE")
    im = rsub.add_parser("import", help="masukkan daftar pegawai dari CSV ke berkas pengaturan")
    im.add_argument("csv", metavar="CSV")
    im.add_argument("--into", metavar="FILE", required=True,
                    help="berkas pengaturan (TOML/JSON) yang daftar pegawainya diganti")
    tp = rsub.add_parser("template", help="tulis templat CSV daftar pegawai")
    for q in (ex, im, tp):
        q.add_argument("-o", "--output", metavar="OUT", help="tulis ke berkas ini (bawaan: layar)")
        q.add_argument("--lang", choices=LANGS, default="id")
    k = sub.add_parser("calendar", help="hari libur, cuti bersama, Ramadan, dan hari kerja "
                                        "fleksibel yang dikenal pemeriksa untuk satu tahun")
    k.add_argument("year", metavar="YEAR")
    k.add_argument("--format", choices=["text", "json"], default="text")
    k.add_argument("--lang", choices=LANGS, default="id")
    return p


def _calendar(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """List one year's calendar with its sources; exit 2 for a year the data does not cover."""
    from .calendar import covered_years
    from .calendar.listing import listing_text, year_listing
    from .i18n import catalogue

    cat = catalogue(args.lang)
    text = str(args.year).strip()
    data = year_listing(int(text), args.lang) if text.isdigit() and len(text) == 4 else None
    if data is None:
        if not (text.isdigit() and len(text) == 4):
            err.write(cat.text("calendar.usage") + "\n")
        else:
            err.write(cat.text("calendar.unknown_year", year=text, covered=list(covered_years()))
                      + "\n")
        return 2
    out.write(render_json(data) + "\n" if args.format == "json" else listing_text(data, args.lang))
    return 0


def _summary(rows: list[dict[str, Any]], lang: str) -> str:
    t = catalogue(lang).text
    head = [t("cli.file"), t("cli.unit"), t("cli.verdict"), t("cli.count_failed"),
            t("cli.count_warning"), t("cli.count_unknown")]
    table = [head] + [[str(x) for x in row.values()] for row in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return t("cli.summary") + "\n" + "\n".join(lines) + "\n"


def _check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang = args.lang
    profile: Optional[Profile] = None
    if args.profile:
        try:
            profile = load_profile(args.profile)
        except ValidationError as exc:
            err.write("\n".join(error_lines(exc, lang, "validation.profile_heading")) + "\n")
            return 2
    meta = {"checked_at": args.checked_at or datetime.now().astimezone().replace(microsecond=0).isoformat(),
            "site_url": args.site_url}
    invalid = failed = False
    reports: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    t = catalogue(lang).text
    for path in args.files:
        try:
            report = check(load_arrangement(path), profile, path)
        except ValidationError as exc:
            invalid = True
            err.write("\n".join(error_lines(exc, lang)) + "\n")
            reports.append(error_dict(exc, lang, path))
            rows.append({"file": path, "unit": "-", "verdict": t("cli.invalid"), "f": "-",
                         "w": "-", "u": "-"})
            continue
        data = with_record(to_dict(report, lang), meta)
        failed = failed or report.failed
        reports.append(data)
        counts = data["counts"]
        rows.append({"file": path, "unit": data["unit"]["name"],
                     "verdict": t(f"status.{data['verdict']['status']}"),
                     "f": counts["failed"], "w": counts["warning"], "u": counts["not-assessable"]})
        if args.format == "text":
            out.write(render_text(data))
        elif args.format == "markdown":
            out.write(render_markdown(data))
        if args.format != "json" and len(args.files) > 1:
            out.write("\n")
    if args.format == "json":
        if len(args.files) == 1:
            out.write(render_json(reports[0]) + "\n")
        else:
            out.write(render_json({"reports": reports, "summary": rows}) + "\n")
    elif len(args.files) > 1:
        out.write(_summary(rows, lang))
    return 2 if invalid else 1 if failed else 0


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout,
         err: TextIO = sys.stderr) -> int:
    args = _parser().parse_args(argv)
    if args.command == "check":
        return _check(args, out, err)
    if args.command == "roster":
        return roster_command(args, out, err)
    if args.command == "calendar":
        return _calendar(args, out, err)
    if args.command == "rules":
        data = catalogue_data(args.lang)
        if args.format == "json":
            out.write(render_json(data) + "\n")
        else:
            for r in data["rules"]:
                out.write(f"{r['id']}  [{r['severity_label']}]  {r['title']}\n"
                          f"    {r['checks']}\n"
                          f"    {'; '.join(c['text'] + ' (' + c['provenance_label'] + ')' for c in r['citations'])}\n")
        return 0
    out.write(json.dumps(arrangement_schema(), ensure_ascii=False, indent=2) + "\n")
    return 0
