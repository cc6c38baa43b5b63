"""Reads the dataclasses of ``model`` as a tree of field specs.

The validator, the JSON Schema and the browser form all walk this one tree, so the format is
defined once, in ``model.py``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, Optional, Union

__all__ = ["TypeSpec", "FieldSpec", "type_spec", "fields_of"]


@dataclass(frozen=True)
class TypeSpec:
    """A value's type: a scalar kind, an enum, a list, a weekday map, or a nested table."""

    kind: str  # "str" | "bool" | "int" | "float" | "date" | "enum" | "list" | "map" | "table"
    enum: Optional[type[Enum]] = None
    item: Optional["TypeSpec"] = None  # list items, map values
    key: Optional[type[Enum]] = None  # map keys
    table: Optional[type] = None  # nested dataclass


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: TypeSpec
    doc: str
    required: bool
    optional: bool  # None is a meaningful "not stated"
    default: Any  # value when absent (a fresh table for nested tables)
    constraints: dict[str, Any]


def _strip_optional(hint: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0], True
    return hint, False


@lru_cache(maxsize=None)
def type_spec(hint: Any) -> TypeSpec:
    if hint is str:
        return TypeSpec("str")
    if hint is bool:
        return TypeSpec("bool")
    if hint is int:
        return TypeSpec("int")
    if hint is float:
        return TypeSpec("float")
    if hint is date:
        return TypeSpec("date")
    if isinstance(hint, type) and issubclass(hint, Enum):
        return TypeSpec("enum", enum=hint)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return TypeSpec("table", table=hint)
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is list:
        return TypeSpec("list", item=type_spec(args[0]))
    if origin is dict:
        return TypeSpec("map", key=args[0], item=type_spec(args[1]))
    raise TypeError(f"unsupported type in the arrangement model: {hint!r}")


@lru_cache(maxsize=None)
def fields_of(cls: type) -> tuple[FieldSpec, ...]:
    hints = typing.get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        hint, optional = _strip_optional(hints[f.name])
        spec = type_spec(hint)
        meta = dict(f.metadata)
        doc = meta.pop("doc", "")
        required = bool(meta.pop("required", False))
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory
        else:
            default = None
        specs.append(FieldSpec(f.name, spec, doc, required, optional, default, meta))
    return tuple(specs)
