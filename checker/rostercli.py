"""``python -m checker roster export|import|template``: the staff list as a spreadsheet.

Exit status: 0 when done, 2 when an input is invalid (nothing is written then).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, Optional, TextIO

from . import rostercsv
from .errors import error_lines
from .i18n import catalogue
from .loader import read_document
from .tomlwrite import dumps
from .validate import ValidationError, build_arrangement

__all__ = ["roster_command"]


def _emit(text: str, output: Optional[str], out: TextIO, err: TextIO, lang: str) -> int:
    """Write the result; 0, or 2 with a message when the file cannot be written."""
    if not output:
        out.write(text)
        return 0
    try:
        Path(output).write_bytes(text.encode("utf-8"))
    except OSError as exc:
        err.write(catalogue(lang).text("roster.write_failed", file=output, detail=exc.strerror or "") + "\n")
        return 2
    return 0


def _read_csv(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise rostercsv.RosterError([rostercsv.CsvIssue(0, 0, "unreadable")]) from None
    if len(data) > rostercsv.MAX_BYTES:
        raise rostercsv.RosterError([rostercsv.CsvIssue(0, 0, "too_large",
                                                        {"limit_mb": rostercsv.MAX_BYTES // (1024 * 1024)})])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise rostercsv.RosterError([rostercsv.CsvIssue(0, 0, "encoding")]) from None


def _write_document(document: dict[str, Any], like: str) -> str:
    if like.lower().endswith(".json"):
        return json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n"
    return dumps(document)


def roster_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang = args.lang
    cat = catalogue(lang)
    if args.roster_command == "template":
        return _emit(rostercsv.template(lang), args.output, out, err, lang)
    if args.roster_command == "export":
        try:
            document = read_document(args.file)
        except ValidationError as exc:
            err.write("\n".join(error_lines(exc, lang)) + "\n")
            return 2
        return _emit(rostercsv.to_csv(document, lang), args.output, out, err, lang)
    try:
        employees = rostercsv.from_csv(_read_csv(args.csv))
    except rostercsv.RosterError as exc:
        messages = rostercsv.error_dict(exc, lang, args.csv)["error"]["messages"]
        err.write("\n".join([cat.text("roster.heading", file=args.csv)] +
                            [f"- {m}" for m in messages]) + "\n")
        return 2
    try:
        document = read_document(args.into)
        merged = rostercsv.merge(document, employees)
        build_arrangement(merged["document"], args.into)
    except ValidationError as exc:
        err.write("\n".join(error_lines(exc, lang)) + "\n")
        return 2
    if _emit(_write_document(merged["document"], args.into), args.output, out, err, lang):
        return 2
    err.write(cat.text("roster.summary", count=len(employees), added=len(merged["added"]),
                       updated=len(merged["updated"]), removed=len(merged["removed"])) + "\n")
    if merged["removed"]:
        err.write(cat.text("roster.removed", ids=", ".join(str(i) for i in merged["removed"])) + "\n")
    return 0
