"""Scope: who the regulation covers, and whether the agency uses it at all.

PermenPANRB 4/2025 (set 16 April 2025, in force 21 April 2025) implements Pasal 8 ayat (4)
Perpres 21/2023 (official text). It covers ASN (PNS and PPPK) and, as reported from its Pasal 38,
not TNI, Polri or Indonesian missions abroad, which Perpres 21/2023 Pasal 11 ayat (1) also leaves
out (official text). Flexible work is optional for agencies and is not an employee's right.
"""

from __future__ import annotations

from ..context import Context
from ..enums import Group, Institution, Provenance, Severity
from ..sources import Citation
from .base import Outcome, breach, not_applicable, ok, rule, unknown
from .basis import IN_FORCE


@rule(id="scope-institution", group=Group.SCOPE, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation("permenpanrb-4-2025", "Pasal 38", Provenance.NEWS),
             Citation("perpres-21-2023", "Pasal 11 ayat (1)", Provenance.OFFICIAL_TEXT)],
      inputs=["unit.institution"])
def institution(ctx: Context) -> Outcome:
    """TNI, Polri and missions abroad are outside the regulation.

    Legal basis: PermenPANRB 4/2025 Pasal 38 (as reported in news), mirroring Perpres 21/2023
    Pasal 11 ayat (1) (official text; their hours are set by the TNI commander, the Kapolri and,
    for missions abroad, a regulation of the foreign minister, ayat (2), (3) and (5)). In force
    from 21 April 2025.
    """
    kind = ctx.unit.institution
    if kind is Institution.CIVIL:
        return ok("passed")
    return not_applicable("excluded", institution=kind)


@rule(id="scope-agency-adoption", group=Group.SCOPE, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation("perpres-21-2023", "Pasal 8 ayat (3)", Provenance.OFFICIAL_TEXT),
             Citation("menpanrb-statements-2025", None, Provenance.NEWS)],
      inputs=["unit.agency_adopted", "employees[].week", "employees[].time_pattern"])
def agency_adoption(ctx: Context) -> Outcome:
    """Flexible work needs an agency that has adopted it.

    The PPK or head of agency decides which duties and which employees may work flexibly
    (Perpres 21/2023 Pasal 8 ayat (3), official text). The Minister told Komisi II DPR on 30 June
    2025 that it is optional for agencies, and officials said it is not an employee's right.
    """
    flexible = len(ctx.flexible)
    adopted = ctx.unit.agency_adopted
    if flexible == 0:
        return not_applicable("no_flexible")
    if adopted is True:
        return ok("passed", count=flexible)
    if adopted is False:
        return breach("failed", count=flexible)
    return unknown("unknown", count=flexible)
