"""The severity policy (``checker/rules/policy.py``) holds for every rule in the catalogue.

The test reads the catalogue as the handbook and ``python -m checker rules`` see it and applies
the written policy to each citation's own fields, so that a rule whose severity drifts from its
basis, or a citation that claims more than its source, fails here.
"""

from __future__ import annotations

import pytest

from checker.catalogue import catalogue_data
from checker.enums import Provenance
from checker.parameters import parameters
from checker.sources import sources

CATALOGUE = catalogue_data("id")
RULES = CATALOGUE["rules"]
INSTRUMENTS = {"regulation", "circular", "holiday-circular"}
PROVENANCES = {p.value for p in Provenance}


def _binds(c: dict) -> bool:
    """Policy: a regulation or standing circular, not our reading, and a text behind it (for news:
    a numbered article)."""
    if c["interpretation"] or c["kind"] not in {"regulation", "circular"}:
        return False
    if c["provenance"] == "news":
        return c["article"] is not None
    return c["provenance"] in {"official-text", "official-summary", "secondary"}


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_severity_follows_the_basis(rule: dict) -> None:
    expected = "fail" if any(_binds(c) for c in rule["citations"]) else "warning"
    assert rule["severity"] == expected, (
        f"{rule['id']} is {rule['severity']} but its basis makes it {expected}: "
        + "; ".join(f"{c['text']} ({c['kind']}, {c['provenance']}"
                    f"{', interpretation' if c['interpretation'] else ''})" for c in rule["citations"]))
    assert [c["binding"] for c in rule["citations"]] == [_binds(c) for c in rule["citations"]]


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_every_rule_cites_an_instrument_or_is_agency_policy(rule: dict) -> None:
    kinds = {c["kind"] for c in rule["citations"]}
    assert kinds & INSTRUMENTS or rule["settings"], (
        f"{rule['id']} rests only on {sorted(kinds)}: cite a legal instrument or label it agency policy")


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_every_citation_names_its_provenance(rule: dict) -> None:
    for c in rule["citations"]:
        assert c["provenance"] in PROVENANCES and c["provenance_label"].strip(), c
        if c["provenance"] == "official-text":
            assert c["article"], f"{rule['id']}: {c['text']} is marked official text without an article"


def test_official_text_sources_say_where_the_text_was_read() -> None:
    for s in sources().values():
        if s.provenance is Provenance.OFFICIAL_TEXT:
            assert s.urls and "salinan" in s.note["id"].lower(), s.id


def test_parameter_citations_of_official_text_name_an_article() -> None:
    for p in parameters().values():
        for v in p.values:
            if v.citation.provenance is Provenance.OFFICIAL_TEXT:
                assert v.citation.article, p.name


def test_both_severities_occur() -> None:
    """A policy that makes every rule the same would pass the checks above trivially."""
    assert {r["severity"] for r in RULES} == {"fail", "warning"}
