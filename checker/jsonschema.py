"""JSON Schema (draft 2020-12) of the arrangement format, derived from ``model``."""

from __future__ import annotations

from typing import Any

from .fieldspec import TypeSpec, fields_of
from .i18n import catalogue
from .model import FORMAT_ID, Arrangement

__all__ = ["arrangement_schema", "SCHEMA_ID"]

SCHEMA_ID = "https://asn-fleksibel.invalid/schema/arrangement-1.json"


def _type(spec: TypeSpec, cons: dict[str, Any], path: str) -> dict[str, Any]:
    kind = spec.kind
    if kind == "table":
        return _table(spec.table, path)  # type: ignore[arg-type]
    if kind == "list":
        out: dict[str, Any] = {"type": "array", "items": _type(spec.item, {}, path)}  # type: ignore[arg-type]
        if cons.get("min_items"):
            out["minItems"] = cons["min_items"]
        return out
    if kind == "map":
        return {"type": "object",
                "propertyNames": {"enum": [m.value for m in spec.key]},  # type: ignore[union-attr]
                "additionalProperties": _type(spec.item, cons, path)}  # type: ignore[arg-type]
    if kind == "enum":
        return {"type": "string", "enum": [m.value for m in spec.enum]}  # type: ignore[union-attr]
    out = {"str": {"type": "string"}, "bool": {"type": "boolean"}, "int": {"type": "integer"},
           "float": {"type": "number"}, "date": {"type": "string", "format": "date"}}[kind]
    out = dict(out)
    for key, schema_key in (("minimum", "minimum"), ("maximum", "maximum"),
                            ("min_length", "minLength"), ("pattern", "pattern"), ("const", "const")):
        if key in cons:
            out[schema_key] = cons[key]
    return out


def _table(cls: type, path: str) -> dict[str, Any]:
    labels = catalogue("id")
    props: dict[str, Any] = {}
    required = []
    for f in fields_of(cls):
        child = f"{path}.{f.name}" if path else f.name
        schema = _type(f.type, f.constraints, child)
        schema["description"] = f.doc
        title = labels.get(f"field.{child}.label")
        if isinstance(title, str):
            schema["title"] = title
        if f.required:
            required.append(f.name)
        elif f.optional and f.type.kind != "table":
            schema = {"anyOf": [schema, {"type": "null"}], "description": f.doc,
                      **({"title": schema["title"]} if "title" in schema else {})}
        props[f.name] = schema
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def arrangement_schema() -> dict[str, Any]:
    schema = _table(Arrangement, "")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": f"Pengaturan kerja fleksibel ASN ({FORMAT_ID})", **schema}
