"""Renderers of localized report data (``report.to_dict``): plain text, Markdown and JSON."""

from __future__ import annotations

import json
from typing import Any

from .markdown import render_markdown
from .record import with_record
from .text import render_text

__all__ = ["render_json", "render_markdown", "render_text", "render", "with_record", "EVIDENCE_SHOWN"]

EVIDENCE_SHOWN = 20
"""Evidence lines shown per rule in text and Markdown; JSON always carries all of them."""


def render_json(data: Any, pretty: bool = True) -> str:
    """Stable JSON: the same bytes on CPython and in Pyodide (the parity tests compare them).

    ``pretty`` indents for people; compact output is several times faster to write, which is
    what programs (the browser page, batch tools) want.
    """
    if pretty:
        return json.dumps(data, ensure_ascii=False, indent=2)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render(data: dict[str, Any], fmt: str, meta: Any = None) -> str:
    """Report data as ``text``, ``markdown`` or ``json`` (pretty), with the record of ``meta``
    (``{"checked_at", "site_url"}``) when given."""
    if meta is not None:
        data = with_record(data, meta)
    if fmt == "markdown":
        return render_markdown(data)
    if fmt == "text":
        return render_text(data)
    return render_json(data)
