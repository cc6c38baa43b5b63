"""The reference page of the arrangement format, walked from ``checker.model``."""

from __future__ import annotations

from enum import Enum
from typing import Any

from checker.fieldspec import FieldSpec, TypeSpec, fields_of
from checker.i18n import catalogue
from checker.model import Arrangement

from .render import render

__all__ = ["FORMAT_PAGE", "format_page"]

FORMAT_PAGE = "referensi/format.md"


def _kind(spec: TypeSpec) -> str:
    cat = catalogue("id")
    if spec.kind == "enum":
        values = ", ".join(f'`"{m.value}"` ({cat.enum(m)})' for m in spec.enum)  # type: ignore[union-attr]
        return f"salah satu dari: {values}"
    if spec.kind == "list":
        return "daftar " + _kind(spec.item)  # type: ignore[arg-type]
    if spec.kind == "map":
        keys = ", ".join(m.value for m in spec.key)  # type: ignore[union-attr]
        return f"tabel dengan kunci hari ({keys}), masing-masing {_kind(spec.item)}"  # type: ignore[arg-type]
    if spec.kind == "table":
        return "tabel"
    return {"str": "teks", "bool": "`true` atau `false`", "int": "bilangan bulat",
            "float": "angka", "date": "tanggal (TTTT-BB-HH)"}[spec.kind]


def _default(f: FieldSpec) -> str:
    if f.required or f.default is None or f.type.kind == "table":
        return ""
    if f.default in (list, dict):
        return ""
    value = f.default.value if isinstance(f.default, Enum) else f.default
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    return f"`{value}`" if not isinstance(value, str) else f'`"{value}"`'


def _fields(cls: type, path: str) -> list[dict[str, Any]]:
    cat = catalogue("id")
    rows = []
    for f in fields_of(cls):
        key = f"{path}.{f.name}" if path else f.name
        kind = _kind(f.type)
        cons = f.constraints
        if "minimum" in cons or "maximum" in cons:
            kind += f" ({cons.get('minimum', '…')} sampai {cons.get('maximum', '…')})"
        rows.append({"name": f.name, "kind": kind, "required": f.required,
                     "label": cat.field_label(key), "hint": cat.get(f"field.{key}.hint") or "",
                     "default_text": _default(f)})
    return rows


def _sections() -> list[dict[str, Any]]:
    cat = catalogue("id")
    top = {"path": "(tingkat atas)", "label": "Kolom di luar tabel", "anchor": "tingkat-atas",
           "required": True, "is_list": False,
           "fields": [r for r in _fields(Arrangement, "")
                      if r["kind"] not in ("tabel",) and not r["kind"].startswith("daftar tabel")]}
    out = [top]
    stack: list[tuple[type, str, FieldSpec]] = []
    for f in fields_of(Arrangement):
        spec = f.type.item if f.type.kind == "list" else f.type
        if spec is not None and spec.kind == "table":
            stack.append((spec.table, f.name, f))  # type: ignore[arg-type]
    while stack:
        cls, path, f = stack.pop(0)
        out.append({"path": path, "label": cat.field_label(path), "anchor": path.replace(".", "-"),
                    "required": f.required, "is_list": f.type.kind == "list",
                    "fields": _fields(cls, path)})
        for child in fields_of(cls):
            spec = child.type.item if child.type.kind == "list" else child.type
            if spec is not None and spec.kind == "table":  # nested tables and lists of tables
                stack.append((spec.table, f"{path}.{child.name}", child))  # type: ignore[arg-type]
    return out


def format_page() -> str:
    return render("format.md.j2", sections=_sections(), page=FORMAT_PAGE)
