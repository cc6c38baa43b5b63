"""Message catalogues (Bahasa Indonesia first, English second) and value formatting.

Every sentence a user reads comes from ``messages/<lang>.toml``; code only chooses keys and passes
values. A missing placeholder never crashes a report: it is left visible as ``{name}``.
"""

from __future__ import annotations

import tomllib
from datetime import date
from enum import Enum
from functools import lru_cache
from importlib import resources
from typing import Any

from .calendar.data import CalendarDay
from .rules.base import FieldRef, Percent, Term

__all__ = ["LANGS", "Catalogue", "catalogue"]

LANGS = ("id", "en")


_MISSING = object()


class _Keep(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Catalogue:
    """One language's messages, with lookups by dotted key and value formatting."""

    def __init__(self, lang: str, data: dict[str, Any]) -> None:
        self.lang = lang
        self.data = data
        self._flat: dict[str, Any] = {}
        self._flatten(data, "")

    def _flatten(self, node: dict[str, Any], prefix: str) -> None:
        """Index every leaf by its dotted key: reports look up thousands of messages."""
        for key, value in node.items():
            if isinstance(value, dict):
                self._flatten(value, f"{prefix}{key}.")
            else:
                self._flat[prefix + key] = value

    def get(self, key: str, default: Any = None) -> Any:
        found = self._flat.get(key, _MISSING)
        if found is not _MISSING:
            return found
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def text(self, key: str, **params: Any) -> str:
        template = self.get(key)
        if not isinstance(template, str):
            raise KeyError(f"message {key!r} missing in {self.lang}")
        return self.format(template, params)

    def first(self, keys: list[str], params: dict[str, Any]) -> str:
        """The first of ``keys`` that exists, formatted: rule-specific text before shared text."""
        for key in keys:
            template = self.get(key)
            if isinstance(template, str):
                return self.format(template, params)
        raise KeyError(f"none of {keys} in {self.lang}")

    def format(self, template: str, params: dict[str, Any]) -> str:
        return template.format_map(_Keep({k: self.value(v) for k, v in params.items()}))

    # Values ------------------------------------------------------------------------------
    def value(self, v: Any) -> str:
        if isinstance(v, bool):
            return self.text("word.yes" if v else "word.no")
        if isinstance(v, Enum):
            return self.enum(v)
        if isinstance(v, FieldRef):
            return self.field_label(v.path)
        if isinstance(v, Term):
            return self.get(f"{v.section}.{v.key}", v.key)
        if isinstance(v, Percent):
            return self.number(round(v.value * 100, 1)) + "%"
        if isinstance(v, CalendarDay):
            return self.calendar_day(v)
        if isinstance(v, float):
            return self.number(v)
        if isinstance(v, date):
            return self.date(v)
        if isinstance(v, (list, tuple)):
            return self.join([self.value(x) for x in v]) if v else "–"
        if v is None:
            return "–"
        return str(v)

    def number(self, v: float) -> str:
        text = f"{v:.2f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)
        return text.replace(".", ",") if self.lang == "id" else text

    def date(self, d: date) -> str:
        months = self.get("months")
        return f"{d.day} {months[d.month - 1]} {d.year}"

    def calendar_day(self, day: CalendarDay) -> str:
        """A date the calendar marks, with what it is and its instrument: "15 Mei 2026: cuti
        bersama Kenaikan Yesus Kristus (SKB ...; Keppres 42/2025)"."""
        from .sources import source  # local: sources reads the data package at first use

        names = [source(i).short for i in (day.instrument, day.asn_instrument) if i]
        return self.format(self.text(f"calendar.day.{day.type._value_}"),
                           {"date": day.date, "name": day.name, "instrument": "; ".join(names)})

    def join(self, items: list[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + self.get("word.and_sep") + items[-1]

    def enum(self, v: Enum) -> str:
        return self.get(f"enum.{type(v).__name__}.{v._value_}", str(v._value_))

    def field_label(self, path: str) -> str:
        return self.get(f"field.{path}.label") or path


@lru_cache(maxsize=None)
def catalogue(lang: str) -> Catalogue:
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGS)}")
    text = resources.files(__package__).joinpath("messages", f"{lang}.toml").read_text(encoding="utf-8")
    return Catalogue(lang, tomllib.loads(text))
