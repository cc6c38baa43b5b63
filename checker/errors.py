"""Validation problems as sentences in the user's language, each naming the field."""

from __future__ import annotations

import re
from typing import Any, Optional

from .i18n import catalogue
from .validate import Issue, ValidationError

__all__ = ["issue_text", "error_lines", "error_dict"]

_INDEX = re.compile(r"\[\d+\]")
MAX_SHOWN = 20


def _field(path: str, cat: Any) -> str:
    """The path as written in the file, with the label of the nearest labelled field."""
    if not path:
        return cat.text("validation.document")
    parts = _INDEX.sub("", path).split(".")
    while parts:
        label = cat.get("field." + ".".join(parts) + ".label")
        if isinstance(label, str):
            return f"{path} ({label})"
        parts.pop()
    return path


def issue_text(issue: Issue, lang: str) -> str:
    cat = catalogue(lang)
    params = dict(issue.params)
    if issue.code == "unknown_field":  # a label would be the parent's: show the path as written
        return cat.text("validation.unknown_field", field=issue.path or cat.text("validation.document"),
                        allowed=", ".join(f'"{a}"' for a in params.get("allowed", ())))
    if "expected" in params and issue.code == "type":
        params["expected"] = cat.text(f"expected.{params['expected']}")
    if "allowed" in params:
        params["allowed"] = ", ".join(f'"{a}"' for a in params["allowed"])
    return cat.text(f"validation.{issue.code}", field=_field(issue.path, cat), **params)


def error_lines(error: ValidationError, lang: str, heading: str = "validation.heading") -> list[str]:
    cat = catalogue(lang)
    lines = [cat.text(heading, file=error.source or "-")]
    lines += [f"- {issue_text(i, lang)}" for i in error.issues[:MAX_SHOWN]]
    if len(error.issues) > MAX_SHOWN:
        lines.append(cat.text("validation.more", count=len(error.issues) - MAX_SHOWN))
    return lines


def error_dict(error: ValidationError, lang: str, source: Optional[str] = None) -> dict[str, Any]:
    """JSON form of a validation error, for the CLI's JSON output and the browser."""
    return {
        "source": source or error.source,
        "error": {
            "messages": [issue_text(i, lang) for i in error.issues],
            "issues": [{"path": i.path, "code": i.code} for i in error.issues],
        },
    }
