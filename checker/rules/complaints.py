"""Principle 5, complaints: the public can still complain, online and in person.

SP4N-LAPOR! is the national public-service complaint system (Perpres 76/2013; lapor.go.id).
Perpres 76/2013 requires providers to appoint a complaint manager (unofficial translation). The
holiday-period circulars keep SP4N-LAPOR! and face-to-face channels open and ask for changes to be
announced (as reported).
"""

from __future__ import annotations

from ..context import Context
from ..enums import Group, Provenance, Severity
from ..sources import Citation
from .base import (
    Evidence,
    FieldRef,
    Outcome,
    breach,
    flag,
    missing_input,
    not_applicable,
    ok,
    rule,
)
from .basis import HOLIDAY_CIRCULARS, IN_FORCE


@rule(id="complaints-lapor", group=Group.COMPLAINTS, severity=Severity.FAIL, since=IN_FORCE,
      basis=[Citation("perpres-76-2013", None, Provenance.SECONDARY),
             Citation("sp4n-lapor", None, Provenance.OFFICIAL_SUMMARY), HOLIDAY_CIRCULARS],
      inputs=["complaints.lapor_active", "complaints.lapor_officer"])
def lapor(ctx: Context) -> Outcome:
    """SP4N-LAPOR! is active for the unit and someone is responsible for it."""
    c = ctx.arrangement.complaints
    if c.lapor_active is None:
        return missing_input("complaints.lapor_active", reason="unknown")
    if c.lapor_active is False:
        return breach("inactive")
    if not (c.lapor_officer or "").strip():
        return breach("no_officer", [Evidence("missing", {"fields": [FieldRef("complaints.lapor_officer")]})])
    return ok("passed", officer=c.lapor_officer)


@rule(id="complaints-face-to-face", group=Group.COMPLAINTS, severity=Severity.WARNING,
      since=IN_FORCE, basis=[HOLIDAY_CIRCULARS],
      inputs=["unit.serves_public_in_person", "complaints.face_to_face"])
def face_to_face(ctx: Context) -> Outcome:
    """A unit that serves in person keeps a face-to-face complaint channel on service days.

    SE MenPANRB 01/2025 names face-to-face service among the complaint channels to keep open (as
    reported). The circulars bind only in their holiday periods: Anjuran, unless the agency makes
    it binding.
    """
    in_person = ctx.unit.serves_public_in_person
    if in_person is None:
        return missing_input("unit.serves_public_in_person", reason="in_person_unknown")
    if not in_person:
        return not_applicable("not_in_person")
    return flag(ctx.arrangement.complaints.face_to_face, "complaints.face_to_face")


@rule(id="complaints-announced", group=Group.COMPLAINTS, severity=Severity.WARNING,
      since=IN_FORCE, basis=[HOLIDAY_CIRCULARS], inputs=["complaints.channels_announced"])
def announced(ctx: Context) -> Outcome:
    """The complaint channels are announced to the public.

    The circulars ask agencies to inform the public (as reported): a warning if not done.
    """
    return flag(ctx.arrangement.complaints.channels_announced, "complaints.channels_announced")
