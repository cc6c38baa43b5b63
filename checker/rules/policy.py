"""The severity policy: a rule's severity follows its legal basis.

A rule is **Wajib** (a breach fails) only where a text requires it; otherwise it is **Anjuran**
(a breach warns). One of the rule's citations must be *binding*:

1. it names a legal instrument: a regulation (``kind = "regulation"``) or a standing circular in
   force (``kind = "circular"``); officials' statements and web pages never bind;
2. it is not marked as our interpretation of a principle;
3. it was read from the official text (with its article), from an official summary, from a copy
   of the text, or, when read only in the news, the news quotes a numbered article;
4. holiday-period circulars (``kind = "holiday-circular"``) bind only on their own days, so a
   rule resting on them alone is Anjuran in the catalogue; its breach fails only when it falls on
   a day a circular covers (``circular_windows``; a breach without dates, when the period holds
   such a day).

Two further limits apply to results, not to the catalogue:

- a breach that rests on a parameter the sources mark uncertain (``uncertain = true`` in
  ``data/parameters.toml``, such as PPPK annual leave days) is reported as a warning, never a
  failure, on its own;
- an agency may make an Anjuran rule binding for its units through its ``binding_rules`` setting
  (agency policy, named in every result it changes).

``tests/test_severity_policy.py`` reads the rule catalogue and checks every rule against this.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Iterable

from ..enums import Provenance, Severity
from ..sources import Citation, source

if TYPE_CHECKING:
    from ..calendar.data import Window
    from ..calendar.period import PeriodCalendar

__all__ = ["BINDING_KINDS", "binding", "policy_severity", "circular_windows"]

BINDING_KINDS = frozenset({"regulation", "circular"})
"""Kinds of source that can make a rule fail."""


def binding(c: Citation) -> bool:
    """Whether this citation alone is a text that requires what the rule checks."""
    if c.interpretation or source(c.source).kind not in BINDING_KINDS:
        return False
    if c.provenance is Provenance.NEWS:
        return c.article is not None
    return c.provenance in (Provenance.OFFICIAL_TEXT, Provenance.OFFICIAL_SUMMARY,
                            Provenance.SECONDARY)


def policy_severity(basis: Iterable[Citation]) -> Severity:
    """The severity the policy gives a rule with this basis."""
    return Severity.FAIL if any(binding(c) for c in basis) else Severity.WARNING


def circular_windows(basis: Iterable[Citation], days: Iterable[str],
                     calendar: "PeriodCalendar") -> list["Window"]:
    """The holiday circulars in force on a breach's dates (ISO text), which make it binding.

    Only for a rule that cites the holiday circulars as a text (not as our interpretation). A
    breach that names no dates binds when the period holds a circular's day.
    """
    if not any(not c.interpretation and source(c.source).kind == "holiday-circular"
               for c in basis):
        return []
    dated = {date.fromisoformat(d) for d in days}
    if not dated:
        return list(calendar.windows)
    return [w for w in calendar.windows if any(w.covers(d) for d in dated)]
