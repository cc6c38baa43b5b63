"""A small TOML writer for arrangement documents (the stdlib reads TOML but cannot write it).

It covers what the format uses: tables, arrays of tables, inline tables, arrays, strings, booleans,
numbers and dates. ``None`` is left out, as TOML has no null. ``tomllib.loads(dumps(doc))`` gives
the document back.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

__all__ = ["dumps"]

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _key(k: Any) -> str:
    k = str(k)
    return k if _BARE.match(k) else _string(k)


def _string(s: str) -> str:
    out = []
    for ch in s:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("TOML cannot hold NaN or infinite numbers here")
        text = repr(v)
        return text if any(c in text for c in ".eE") else text + ".0"
    if isinstance(v, datetime):
        return v.isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        return _string(v)
    if isinstance(v, dict):
        items = [f"{_key(k)} = {_value(x)}" for k, x in v.items() if x is not None]
        return "{ " + ", ".join(items) + " }" if items else "{}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v if x is not None) + "]"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def _body(table: dict[str, Any]) -> list[str]:
    """Scalars, arrays and (inline) sub-tables of one table, as ``key = value`` lines."""
    return [f"{_key(k)} = {_value(v)}" for k, v in table.items() if v is not None]


def dumps(doc: dict[str, Any]) -> str:
    """Write a document whose top level holds scalars, tables and arrays of tables."""
    lines: list[str] = []
    simple = {k: v for k, v in doc.items()
              if v is not None and not isinstance(v, dict) and not _is_table_array(v)}
    lines += _body(simple)
    for k, v in doc.items():
        if isinstance(v, dict):
            lines += ["", f"[{_key(k)}]"] + _body(v)
    for k, v in doc.items():
        if _is_table_array(v):
            for item in v:
                lines += ["", f"[[{_key(k)}]]"] + _body(item)
    text = "\n".join(lines).lstrip("\n")
    return text + "\n"
