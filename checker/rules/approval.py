"""The approval trail: the decisions an HR officer looks for before signing an arrangement.

Perpres 21/2023 Pasal 8 ayat (3) (official text): the PPK or head of agency designates the types
of work and the ASN that may work flexibly. PermenPANRB 4/2025, as reported in news (the official
text was not retrieved): the PPK or head of agency sets the locations (Pasal 11); the head of
agency sets the percentage of ASN who may work away from the office (Pasal 14); an employee may
apply for flexibility on grounds of special circumstances (keadaan khusus, defined in Pasal 10)
to the head of the organisational unit (Pasal 30); monitoring and evaluation run in tiers, by the
head of the unit and by the PPK or head of agency (Pasal 35 ayat (1), quoted). A numbered
decision and an SOP are how those decisions are usually written down: KemenPANRB described the
regulation as giving criteria, mechanisms and an SOP (statement), so that rule is Anjuran.
Every answer here is optional; a missing one gives "not assessable". In force from 21 April 2025.
"""

from __future__ import annotations

from typing import Optional

from ..context import Context, label
from ..enums import DayKind, Group, Provenance, Severity
from ..model import Employee
from ..sources import Citation
from .base import (
    Evidence,
    FieldRef,
    Outcome,
    Percent,
    Term,
    breach,
    flag,
    missing_input,
    not_applicable,
    ok,
    per_employee,
    rule,
    unknown,
)
from .basis import IN_FORCE

PERMEN = "permenpanrb-4-2025"
DESIGNATION = Citation("perpres-21-2023", "Pasal 8 ayat (3)", Provenance.OFFICIAL_TEXT)


@rule(id="approval-decision", group=Group.APPROVAL, severity=Severity.WARNING, since=IN_FORCE,
      basis=[Citation("perpres-21-2023", "Pasal 8 ayat (3)", Provenance.OFFICIAL_TEXT,
                      interpretation=True),
             Citation("menpanrb-statements-2025", None, Provenance.NEWS)],
      inputs=["approval.decision_number", "approval.decision_date", "approval.sop"])
def decision(ctx: Context) -> Outcome:
    """The agency's decision adopting flexible work is numbered, dated by the start, with an SOP.

    Writing the PPK's designation down as a numbered decision is our reading of Perpres 21/2023
    Pasal 8 ayat (3); the SOP comes from KemenPANRB's description of the regulation (statement).
    Anjuran under the severity policy.
    """
    if not ctx.flexible:
        return not_applicable("no_flexible")
    a = ctx.arrangement.approval
    found: list[Evidence] = []
    if a.decision_date is not None and a.decision_date > ctx.period.start:
        found.append(Evidence("dated_after", {"date": a.decision_date, "start": ctx.period.start}))
    if a.sop is False:
        found.append(Evidence("no_sop"))
    missing = [FieldRef(f"approval.{f}") for f, v in
               (("decision_number", (a.decision_number or "").strip() or None),
                ("decision_date", a.decision_date), ("sop", a.sop)) if v is None]
    if found:
        if missing:
            found.append(Evidence("missing", {"fields": missing}))
        return breach("failed", found)
    if missing:
        return unknown("unknown", [Evidence("missing", {"fields": missing})])
    return ok("passed", number=a.decision_number.strip(), date=a.decision_date)  # type: ignore[union-attr]


@rule(id="approval-designation", group=Group.APPROVAL, severity=Severity.FAIL, since=IN_FORCE,
      basis=[DESIGNATION], inputs=["approval.duties_and_staff_designated", "employees[].week",
                                   "employees[].time_pattern"])
def designation(ctx: Context) -> Outcome:
    """The PPK or head of agency has designated the duties and the employees that work flexibly.

    Legal basis: Perpres 21/2023 Pasal 8 ayat (3), official text. In force from 12 April 2023;
    checked with the Permen from 21 April 2025.
    """
    if not ctx.flexible:
        return not_applicable("no_flexible")
    return flag(ctx.arrangement.approval.duties_and_staff_designated,
                "approval.duties_and_staff_designated", count=len(ctx.flexible))


@rule(id="approval-away-share", group=Group.APPROVAL, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, "Pasal 14", Provenance.NEWS)], settings=["max_away_share"],
      inputs=["agency.max_away_share", "employees[].week"])
def away_share_set(ctx: Context) -> Outcome:
    """The head of agency has set the percentage of staff who may work away from the office.

    Legal basis: PermenPANRB 4/2025 Pasal 14, as reported in news. The number is the head of
    agency's decision (agency policy, setting ``max_away_share``); ``service-away-share`` checks
    the weekly pattern against it. A missing decision is not assessable: the file cannot say
    whether one exists elsewhere.
    """
    if not ctx.location_flexible:
        return not_applicable("no_location_flexible")
    item = ctx.settings.items["max_away_share"]
    if item.value is None:
        return missing_input("agency.max_away_share", count=len(ctx.location_flexible))
    return ok("passed", limit=Percent(item.value))


@rule(id="approval-wfa-locations", group=Group.APPROVAL, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, "Pasal 11", Provenance.NEWS)],
      inputs=["approval.wfa_locations_set", "employees[].week"])
def wfa_locations(ctx: Context) -> Outcome:
    """The PPK or head of agency has set the locations for WFA days.

    Legal basis: PermenPANRB 4/2025 Pasal 11, as reported in news (other locations are set by
    the PPK or head of agency according to the organisation's needs). In force from 21 April 2025.
    """
    wfa = [e for e in ctx.location_flexible if DayKind.WFA in ctx.facts(e).kinds]
    if not wfa:
        return not_applicable("no_wfa")
    return flag(ctx.arrangement.approval.wfa_locations_set, "approval.wfa_locations_set",
                count=len(wfa))


@rule(id="approval-application", group=Group.APPROVAL, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, "Pasal 30", Provenance.NEWS), Citation(PERMEN, "Pasal 10", Provenance.NEWS)],
      inputs=["employees[].special_circumstances", "employees[].application", "employees[].week",
              "employees[].time_pattern"])
def application(ctx: Context) -> Outcome:
    """Flexibility on grounds of special circumstances rests on an approved application.

    The employee applies, giving the special circumstances as the reason, and the head of the
    organisational unit approves. Legal basis: PermenPANRB 4/2025 Pasal 30 (application) and
    Pasal 10 (what keadaan khusus means), as reported in news. In force from 21 April 2025.
    """
    applicants = [e for e in ctx.flexible if e.special_circumstances]
    if not applicants:
        return not_applicable("no_special")

    def test(e: Employee) -> Optional[Evidence]:
        if e.application.approved_by_unit_head is False:
            return Evidence("not_approved", {"employee": label(e)}, (e.id,))
        return None

    def missing(e: Employee) -> Optional[Evidence]:
        fields = []
        if not (e.application.reason or "").strip():
            fields.append(FieldRef("employees.application.reason"))
        if e.application.approved_by_unit_head is None:
            fields.append(FieldRef("employees.application.approved_by_unit_head"))
        if fields:
            return Evidence("employee_missing", {"employee": label(e), "fields": fields}, (e.id,))
        return None

    return per_employee(applicants, test, missing)


@rule(id="approval-monitoring-tiers", group=Group.APPROVAL, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation(PERMEN, "Pasal 35 ayat (1)", Provenance.NEWS)],
      inputs=["approval.monitored_by_unit_head", "approval.monitored_by_ppk"])
def monitoring_tiers(ctx: Context) -> Outcome:
    """Monitoring and evaluation run in two tiers: the unit head, then the PPK or head of agency.

    Legal basis: PermenPANRB 4/2025 Pasal 35 ayat (1), quoted in news. Each agency sets its own
    mechanism; monitoring compares before and after and covers performance, discipline and the
    readiness of infrastructure (as reported). In force from 21 April 2025.
    """
    if not ctx.flexible:
        return not_applicable("no_flexible")
    a = ctx.arrangement.approval
    tiers = (("unit_head", "monitored_by_unit_head", a.monitored_by_unit_head),
             ("ppk", "monitored_by_ppk", a.monitored_by_ppk))
    absent = [Evidence("tier_absent", {"tier": Term("tier", key)}) for key, _, v in tiers if v is False]
    missing = [FieldRef(f"approval.{f}") for _, f, v in tiers if v is None]
    if absent:
        if missing:
            absent.append(Evidence("missing", {"fields": missing}))
        return breach("failed", absent)
    if missing:
        return unknown("unknown", [Evidence("missing", {"fields": missing})])
    return ok("passed")
