"""Principle 1, SPBE: work away from the office runs on electronic government systems.

PermenPANRB 4/2025 defines flexible work as making the most of SPBE (Perpres 95/2018), and the
holiday-period circulars tell agencies to use SPBE to the full. Which systems a remote day needs is
our reading of that principle, except e-Kinerja, which BKN makes mandatory for every ASN. These
rules apply only when someone works from home or elsewhere.
"""

from __future__ import annotations

from ..context import Context
from ..enums import Group, Provenance, Severity
from ..sources import Citation
from .base import Outcome, flag, not_applicable, rule
from .basis import IN_FORCE

PURPOSE = Citation("permenpanrb-4-2025", "Pasal 7", Provenance.OFFICIAL_SUMMARY, Provenance.NEWS,
                   interpretation=True)
HOLIDAY_READING = Citation("se-menpanrb-holidays", None, Provenance.NEWS, interpretation=True)


def _remote(ctx: Context, value: object, path: str) -> Outcome:
    if not ctx.location_flexible:
        return not_applicable("no_location_flexible")
    return flag(value, path, count=len(ctx.location_flexible))  # type: ignore[arg-type]


@rule(id="spbe-attendance", group=Group.SPBE, severity=Severity.WARNING, since=IN_FORCE,
      basis=[PURPOSE, Citation("pp-94-2021", "Pasal 4 huruf f dan penjelasannya",
                               Provenance.OFFICIAL_TEXT, interpretation=True)],
      inputs=["digital.electronic_attendance"])
def attendance(ctx: Context) -> Outcome:
    """Remote days need electronic attendance that works away from the office.

    A PNS must come to work and keep working hours (PP 94/2021 Pasal 4 huruf f), and its
    elucidation lets that duty be met flexibly as to time and place (official text); recording
    attendance electronically is how a leader can see that it is met. No clause found requires
    electronic attendance, so this is our reading of the SPBE principle and PermenPANRB 4/2025
    Pasal 7: Anjuran under the severity policy. From 21 April 2025.
    """
    return _remote(ctx, ctx.arrangement.digital.electronic_attendance, "digital.electronic_attendance")


@rule(id="spbe-documents", group=Group.SPBE, severity=Severity.WARNING, since=IN_FORCE,
      basis=[PURPOSE, Citation("perpres-95-2018", None, Provenance.SECONDARY, interpretation=True),
             HOLIDAY_READING],
      inputs=["digital.electronic_documents"])
def documents(ctx: Context) -> Outcome:
    """Remote days work best when official documents are handled electronically.

    Our reading of the SPBE principle (PermenPANRB 4/2025; Perpres 95/2018); a warning, not a
    failure, because no clause found requires it. From 21 April 2025.
    """
    return _remote(ctx, ctx.arrangement.digital.electronic_documents, "digital.electronic_documents")


@rule(id="spbe-ekinerja", group=Group.SPBE, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation("e-kinerja-bkn", None, Provenance.OFFICIAL_SUMMARY),
             Citation("permenpanrb-6-2022", None, Provenance.SECONDARY)],
      inputs=["digital.e_kinerja"])
def ekinerja(ctx: Context) -> Outcome:
    """Performance of remote workers is recorded in e-Kinerja.

    e-Kinerja BKN is mandatory for all ASN, PNS and PPPK (SE Kepala BKN 11/2023, per BKN's regional
    office), under the performance management of PermenPANRB 6/2022.
    """
    return _remote(ctx, ctx.arrangement.digital.e_kinerja, "digital.e_kinerja")


@rule(id="spbe-contact", group=Group.SPBE, severity=Severity.WARNING, since=IN_FORCE,
      basis=[PURPOSE, HOLIDAY_READING],
      inputs=["digital.remote_contact"])
def contact(ctx: Context) -> Outcome:
    """Remote workers can be reached during working hours.

    Reachability appears in regional practice, not in the reported text of the regulation: a
    warning. Our reading of the SPBE principle. From 21 April 2025.
    """
    return _remote(ctx, ctx.arrangement.digital.remote_contact, "digital.remote_contact")
