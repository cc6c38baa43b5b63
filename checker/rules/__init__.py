"""The rule catalogue, in the order the handbook and the results show it.

Importing a group module registers its rules. The catalogue is ordered by group (the order of
``Group``: scope, the approval trail, location and time, then the five principles) and, within a group, by definition.
"""

from __future__ import annotations

from ..enums import Group
from . import (  # noqa: F401
    approval,
    complaints,
    leave,
    location,
    performance,
    public_service,
    scope,
    spbe,
    time,
)
from .base import RULES, Evidence, FieldRef, Outcome, Rule, Term, Verdict

__all__ = ["RULES", "Rule", "Outcome", "Evidence", "FieldRef", "Term", "Verdict", "rule_by_id"]

_GROUP_ORDER = {g: i for i, g in enumerate(Group)}
RULES.sort(key=lambda r: _GROUP_ORDER[r.group])  # stable: keeps definition order in a group
_BY_ID = {r.id: r for r in RULES}


def rule_by_id(rule_id: str) -> Rule:
    return _BY_ID[rule_id]
