"""Validation problems as sentences in the user's language, each naming the field."""

from __future__ import annotations

import re
from typing import Any, Optional

from .i18n import catalogue
from .validate import Issue, ValidationError

__all__ = ["issue_text", "error_lines", "error_dict", "field_label"]

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


def field_label(path: str, lang: str) -> Optional[str]:
    """The label of the question at ``path`` (of its nearest labelled parent), or None."""
    cat = catalogue(lang)
    parts = _INDEX.sub("", path).split(".") if path else []
    while parts:
        label = cat.get("field." + ".".join(parts) + ".label")
        if isinstance(label, str):
            return label
        parts.pop()
    return None


def issue_text(issue: Issue, lang: str, plain: bool = False) -> str:
    """The message naming the field as written in the file (``employees[0].status (Status
    kepegawaian)``), or with ``plain`` by its question's label only, for a form that shows the
    message at the question itself."""
    cat = catalogue(lang)
    params = dict(issue.params)
    if issue.code == "unknown_field":  # a label would be the parent's: show the path as written
        where = issue.path or cat.text("validation.document")
        if plain and issue.path:
            where = f'"{issue.path.rsplit(".", 1)[-1]}"'
        return cat.text("validation.unknown_field", field=where,
                        allowed=", ".join(f'"{a}"' for a in params.get("allowed", ())))
    if "expected" in params and issue.code == "type":
        params["expected"] = cat.text(f"expected.{params['expected']}")
    if "allowed" in params:
        params["allowed"] = ", ".join(f'"{a}"' for a in params["allowed"])
    if plain:
        where = field_label(issue.path, lang) or (issue.path or cat.text("validation.document"))
    else:
        where = _field(issue.path, cat)
    return cat.text(f"validation.{issue.code}", field=where, **params)


def error_lines(error: ValidationError, lang: str, heading: str = "validation.heading") -> list[str]:
    cat = catalogue(lang)
    lines = [cat.text(heading, file=error.source or "-")]
    lines += [f"- {issue_text(i, lang)}" for i in error.issues[:MAX_SHOWN]]
    if len(error.issues) > MAX_SHOWN:
        lines.append(cat.text("validation.more", count=len(error.issues) - MAX_SHOWN))
    return lines


def error_dict(error: ValidationError, lang: str, source: Optional[str] = None) -> dict[str, Any]:
    """JSON form of a validation error, for the CLI's JSON output and the browser. Each issue
    has its ``path``, ``code``, the question's ``label`` (or None) and a ``plain`` message that
    names the question by its label, never by a field path (for the form's error summary)."""
    return {
        "source": source or error.source,
        "error": {
            "messages": [issue_text(i, lang) for i in error.issues],
            "issues": [{"path": i.path, "code": i.code, "label": field_label(i.path, lang),
                        "plain": issue_text(i, lang, plain=True)} for i in error.issues],
        },
    }
