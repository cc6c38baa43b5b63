"""The message catalogues: English mirrors Bahasa Indonesia key for key and placeholder for
placeholder, and every rule and closed vocabulary the engine renders has its words in both.

A key missing in one language would raise at run time (``Catalogue.text``), and a renamed
placeholder would leave ``{name}`` visible in a report, so both are caught here instead.
"""

from __future__ import annotations

import inspect
import string
import tomllib
from enum import Enum
from importlib import resources
from typing import Any, Iterator

import pytest

from checker import enums
from checker.i18n import Catalogue, catalogue
from checker.rules import RULES

LANGS = ("id", "en")
Path = tuple[str | int, ...]


def _load(lang: str) -> dict[str, Any]:
    text = resources.files("checker").joinpath("messages", f"{lang}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@pytest.fixture(scope="module")
def cats() -> dict[str, dict[str, Any]]:
    return {lang: _load(lang) for lang in LANGS}


def _leaves(node: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every value that is not a table or a list, with its path (list items by index)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _leaves(value, path + (i,))
    else:
        yield path, node


def _shapes(node: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every node with its kind, so that a table in one language and a string in the other differ."""
    yield path, type(node).__name__
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _shapes(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _shapes(value, path + (i,))


def _dotted(path: Path) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p)
                   for i, p in enumerate(path))


def _get(data: dict[str, Any], dotted: str) -> Any:
    node: Any = data
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_same_key_paths(cats: dict[str, dict[str, Any]]) -> None:
    shapes = {lang: dict(_shapes(cats[lang])) for lang in LANGS}
    missing = sorted(_dotted(p) for p in shapes["id"].keys() - shapes["en"].keys())
    extra = sorted(_dotted(p) for p in shapes["en"].keys() - shapes["id"].keys())
    kinds = sorted(f"{_dotted(p)}: id {shapes['id'][p]}, en {shapes['en'][p]}"
                   for p in shapes["id"].keys() & shapes["en"].keys()
                   if shapes["id"][p] != shapes["en"][p])
    assert not missing, "missing in en.toml:\n  " + "\n  ".join(missing)
    assert not extra, "in en.toml but not in id.toml:\n  " + "\n  ".join(extra)
    assert not kinds, "different kinds of value:\n  " + "\n  ".join(kinds)


def test_every_value_is_a_non_empty_string(cats: dict[str, dict[str, Any]]) -> None:
    bad = [f"{lang}: {_dotted(p)} = {v!r}" for lang in LANGS for p, v in _leaves(cats[lang])
           if not isinstance(v, str) or not v.strip()]
    assert not bad, "\n".join(bad)


def test_months(cats: dict[str, dict[str, Any]]) -> None:
    for lang in LANGS:
        assert len(cats[lang]["months"]) == 12, lang


def test_same_placeholders(cats: dict[str, dict[str, Any]]) -> None:
    english = dict(_leaves(cats["en"]))
    differ = []
    for path, text in _leaves(cats["id"]):
        other = english.get(path)
        if not isinstance(text, str) or not isinstance(other, str):
            continue  # reported by the key and type tests
        mine, theirs = placeholders(text), placeholders(other)
        if mine != theirs:
            differ.append(f"{_dotted(path)}: id {sorted(mine)}, en {sorted(theirs)}")
    assert not differ, "placeholders differ:\n  " + "\n  ".join(differ)


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_rule_messages(cats: dict[str, dict[str, Any]], rule_id: str) -> None:
    for lang in LANGS:
        entry = cats[lang].get("rule", {}).get(rule_id)
        assert isinstance(entry, dict), f"{lang}: no [rule.{rule_id}]"
        for key in ("title", "checks"):
            assert isinstance(entry.get(key), str), f"{lang}: rule.{rule_id}.{key} missing"
        assert isinstance(entry.get("fix", {}).get("failed"), str), \
            f"{lang}: rule.{rule_id}.fix.failed missing"
        reasons = entry.get("reason")
        assert isinstance(reasons, dict) and reasons, f"{lang}: no [rule.{rule_id}.reason]"
        assert all(isinstance(v, str) for v in reasons.values()), f"{lang}: rule.{rule_id}.reason"


def test_no_stale_rules(cats: dict[str, dict[str, Any]]) -> None:
    ids = {r.id for r in RULES}
    for lang in LANGS:
        stale = sorted(set(cats[lang].get("rule", {})) - ids)
        assert not stale, f"{lang}: messages for unknown rules {stale}"


@pytest.mark.parametrize("rule_id", [r.id for r in RULES])
def test_fix_texts_have_no_placeholders(cats: dict[str, dict[str, Any]], rule_id: str) -> None:
    """The handbook shows fix texts without values, so they must not ask for any."""
    for lang in LANGS:
        fixes = cats[lang]["rule"][rule_id].get("fix", {})
        for path, text in _leaves(fixes, ("rule", rule_id, "fix")):
            assert not placeholders(text), f"{lang}: {_dotted(path)} has {sorted(placeholders(text))}"


ENUMS = [cls for _, cls in inspect.getmembers(enums, inspect.isclass)
         if issubclass(cls, Enum) and cls.__module__ == enums.__name__ and len(cls)]
RENDERED = [cls for cls in ENUMS if cls.__name__ in _load("id").get("enum", {})]
"""Enums that the Indonesian catalogue labels through ``[enum.<ClassName>]``."""

VOCABULARIES = [
    (enums.Status, "status.{}"),
    (enums.Severity, "severity.{}"),
    (enums.Provenance, "provenance.{}"),
    (enums.Group, "group.{}.title"),
    (enums.Group, "group.{}.summary"),
]
"""Enums of results that have their own sections instead."""


def test_every_enum_has_words() -> None:
    assert {"Weekday", "DayKind", "Frequency"} <= {cls.__name__ for cls in RENDERED}
    unlabelled = {cls.__name__ for cls in ENUMS} - {cls.__name__ for cls in RENDERED} \
        - {cls.__name__ for cls, _ in VOCABULARIES}
    assert not unlabelled, f"enums with no words in the catalogues: {sorted(unlabelled)}"


@pytest.mark.parametrize("cls", RENDERED, ids=lambda c: c.__name__)
def test_enum_labels(cats: dict[str, dict[str, Any]], cls: type[Enum]) -> None:
    """An enum rendered as ``enum.<ClassName>.<value>`` in Indonesian has every member in both."""
    values = {m.value for m in cls}
    for lang in LANGS:
        labels = cats[lang].get("enum", {}).get(cls.__name__, {})
        missing = sorted(values - labels.keys())
        unknown = sorted(labels.keys() - values)
        assert not missing, f"{lang}: enum.{cls.__name__} lacks {missing}"
        assert not unknown, f"{lang}: enum.{cls.__name__} has no such members {unknown}"


def test_enum_tables_name_real_enums(cats: dict[str, dict[str, Any]]) -> None:
    names = {cls.__name__ for cls in ENUMS}
    for lang in LANGS:
        stale = sorted(set(cats[lang].get("enum", {})) - names)
        assert not stale, f"{lang}: [enum.*] tables for unknown enums {stale}"


@pytest.mark.parametrize("cls,template", VOCABULARIES,
                         ids=lambda x: x.__name__ if isinstance(x, type) else x)
def test_result_vocabularies(cats: dict[str, dict[str, Any]], cls: type[Enum], template: str) -> None:
    """The result vocabularies have their own sections; every member needs a label there."""
    for lang in LANGS:
        missing = [template.format(m.value) for m in cls
                   if not isinstance(_get(cats[lang], template.format(m.value)), str)]
        assert not missing, f"{lang}: missing {missing}"


def test_english_catalogue_loads() -> None:
    cat = catalogue("en")
    assert isinstance(cat, Catalogue) and cat.lang == "en"
    assert cat.text("word.more", count=3) == "… and 3 more"
    assert cat.value(["a", "b", "c"]) == "a, b and c"
    assert cat.value(enums.Weekday.WED) == "Wednesday"
    assert cat.value(True) == "yes"
