"""Reads arrangement and profile files (TOML or JSON) into plain data.

Parse errors become a ``ValidationError`` that names the file and, where the parser says so, the
line: the user sees what to fix, never a traceback.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any, Optional

from .model import Arrangement
from .validate import Issue, ValidationError, build_arrangement

__all__ = ["parse_text", "read_document", "load_arrangement", "MAX_BYTES"]

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_TOML_LINE = re.compile(r"line (\d+)")


def _guess_format(text: str, name: Optional[str]) -> str:
    if name:
        lower = name.lower()
        if lower.endswith(".json"):
            return "json"
        if lower.endswith(".toml"):
            return "toml"
    # A TOML document never starts with "{"; a JSON arrangement always does.
    return "json" if text.lstrip().startswith("{") else "toml"


def _json_too_deep(text: str) -> bool:
    """Whether JSON nests deeper than any arrangement could; checked before parsing, because deep
    nesting exhausts the stack in Pyodide (a fatal error there) rather than raising."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif token in "]}":
            depth -= 1
    return False


def parse_text(text: str, name: Optional[str] = None, fmt: Optional[str] = None) -> Any:
    """Parse TOML or JSON text; ``fmt`` forces a format, else the name or content decides.

    Syntax errors name the line only: the parsers' own wording and columns differ between Python
    versions, and results must be identical on CPython and in Pyodide.
    """
    if not isinstance(text, str):
        raise ValidationError([Issue("", "invalid")], name)
    fmt = fmt or _guess_format(text, name)
    if fmt == "json":
        if _json_too_deep(text):
            raise ValidationError([Issue("", "too_deep")], name)
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError([Issue("", "json_syntax", {"line": exc.lineno})], name) from None
        except RecursionError:
            raise ValidationError([Issue("", "too_deep")], name) from None
        except ValueError:  # an integer too long to convert
            raise ValidationError([Issue("", "unreadable_number")], name) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else text.count("\n") + 1  # "at end of document"
        raise ValidationError([Issue("", "toml_syntax", {"line": line})], name) from None
    except RecursionError:
        raise ValidationError([Issue("", "too_deep")], name) from None
    except ValueError:  # an integer too long to convert
        raise ValidationError([Issue("", "unreadable_number")], name) from None


def decode(data: bytes, name: Optional[str] = None) -> str:
    if len(data) > MAX_BYTES:
        raise ValidationError([Issue("", "too_large", {"limit_mb": MAX_BYTES // (1024 * 1024)})], name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError([Issue("", "encoding")], name) from None


def read_document(path: str) -> Any:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ValidationError([Issue("", "file_not_found")], path) from None
    except OSError as exc:
        raise ValidationError([Issue("", "file_unreadable", {"detail": exc.strerror or ""})], path) from None
    return parse_text(decode(data, path), path)


def load_arrangement(path: str) -> Arrangement:
    return build_arrangement(read_document(path), path)
