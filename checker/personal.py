"""The personal check: one employee asks "may I work this pattern?", and is answered first, in the
second person ("Ya, boleh" / "Tidak: paling banyak 2 hari seminggu di luar kantor"), with the
reasons and what to change; the rule results follow for those who want the details.

Only the rules about one employee alone are asked (every input is the employee's own or the
period's: the weekly limit, discipline, new in post, task criteria, place, hours, leave, SKP and
work plan). Rules about the unit as a whole (staff on site on service days, the share away) are
the leader's question and are left out. The person is checked on their own, in a copy of the
arrangement that holds only them, so no other employee's data can change their answer.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional

from .engine import Report, check
from .enums import Group, Institution, Status
from .i18n import Catalogue, catalogue
from .model import Arrangement
from .report import to_dict
from .rules import RULES
from .settings import Profile

__all__ = ["personal_rules", "answer", "NoSuchEmployee", "BLOCKING"]

BLOCKING = ("scope-agency-adoption",)
"""Unit rules that answer the person's question too when they fail: an agency that has not
adopted flexible work allows nobody to work flexibly. Left out when they pass or lack an answer
(the person cannot answer for the agency)."""


class NoSuchEmployee(LookupError):
    """The arrangement holds no employee with the code asked for (or several, and none was named)."""

    def __init__(self, code: str, params: dict[str, Any]) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def personal_rules() -> list[str]:
    """Rules about one employee alone: every input is the employee's own or the period's.

    Public-service rules are left out even when they read only the week (the share of staff away
    is a property of the unit, not of one person).
    """
    return [r.id for r in RULES
            if r.inputs and r.group is not Group.PUBLIC_SERVICE
            and all(i.startswith(("employees[]", "period.")) for i in r.inputs)]


def _pick(arrangement: Arrangement, employee_id: Optional[str]) -> Any:
    if employee_id is None:
        if len(arrangement.employees) == 1:
            return arrangement.employees[0]
        raise NoSuchEmployee("choose_employee", {"count": len(arrangement.employees)})
    for e in arrangement.employees:
        if e.id == employee_id:
            return e
    raise NoSuchEmployee("no_employee", {"id": employee_id})


def _sentence(cat: Catalogue, rule_id: str, part: str, key: str, params: dict[str, Any]) -> Optional[str]:
    """A second-person sentence for one piece of evidence, or None for a note (an exception
    that was used, say) that is not a reason."""
    template = cat.get(f"personal.rule.{rule_id}.{part}.{key}")
    if template is None and key == "employee_missing" and "fields" in params:
        template = cat.get(f"personal.{part}.missing")
    return cat.format(template, params) if isinstance(template, str) else None


def _speak(cat: Catalogue, r: Any) -> list[tuple[str, Optional[str], Optional[str]]]:
    """(reason, fix, headline) sentences of one rule result: one per piece of evidence about
    the person; a rule without such evidence speaks by its reason (``failed`` ...)."""
    def said(key: str, params: dict[str, Any]) -> Optional[tuple[str, Optional[str], Optional[str]]]:
        reason = _sentence(cat, r.rule.id, "reason", key, params)
        if reason is None:
            return None
        template = cat.get(f"personal.rule.{r.rule.id}.headline.{key}")
        return (reason, _sentence(cat, r.rule.id, "fix", key, params),
                cat.format(template, params) if isinstance(template, str) else None)

    found = [x for x in (said(ev.key, dict(ev.params)) for ev in r.outcome.evidence) if x]
    if not found:
        fallback = said(r.outcome.reason, dict(r.outcome.params))
        found = [fallback] if fallback else []
    if not found:
        # Evidence this module has no second-person words for (a rule added later, say): the
        # report's own sentences, so that a "no" never comes without its reason.
        base = f"rule.{r.rule.id}"
        params = dict(r.outcome.params)
        if r.status is Status.FAILED:
            fix = cat.first([f"{base}.fix.{r.outcome.reason}", f"{base}.fix.failed"], params)
        else:
            fix = cat.first([f"fix.{r.outcome.reason}", "fix.unknown"], params)
        found = [(cat.first([f"{base}.evidence.{ev.key}", f"evidence.{ev.key}"], dict(ev.params)), fix, None)
                 for ev in r.outcome.evidence]
        if not found:
            found = [(cat.first([f"{base}.reason.{r.outcome.reason}", f"reason.{r.outcome.reason}"], params),
                      fix, None)]
    return found


def answer(arrangement: Arrangement, employee_id: Optional[str], lang: str,
           profile: Optional[Profile] = None, source: Optional[str] = None) -> dict[str, Any]:
    """``{"answer": "yes" | "no" | "unsure", "headline", "reasons", "fixes", "employee",
    "rules", "note", "lang"}``; raises ``NoSuchEmployee``."""
    cat = catalogue(lang)
    person = _pick(arrangement, employee_id)
    report: Report = check(replace(arrangement, employees=[person]), profile, source)
    data = to_dict(report, lang)
    if arrangement.unit.institution is not Institution.CIVIL:
        text = cat.text("personal.out_of_scope", institution=arrangement.unit.institution)
        return _result("unsure", text, [text], [], person, data, {"scope-institution"}, cat)
    shown = set(personal_rules()) | {r.rule.id for r in report.results
                                     if r.rule.id in BLOCKING and r.status is Status.FAILED}
    mine = [r for r in report.results if r.rule.id in shown]
    failed = [r for r in mine if r.status is Status.FAILED]
    unsure = [r for r in mine if r.status is Status.NOT_ASSESSABLE]
    reasons: list[str] = []
    fixes: list[str] = []
    headline = None
    for r in failed + unsure:
        for reason, fix, head in _speak(cat, r):
            reasons.append(reason)
            if fix is not None and fix not in fixes:
                fixes.append(fix)
            if headline is None and r.status is Status.FAILED:
                headline = head or cat.text("personal.no", title=cat.text(f"rule.{r.rule.id}.title"))
    if failed:
        verdict = "no"
        if headline is None:
            headline = cat.text("personal.no", title=cat.text(f"rule.{failed[0].rule.id}.title"))
    elif unsure:
        verdict, headline = "unsure", cat.text("personal.unsure")
    else:
        verdict, headline = "yes", cat.text("personal.yes")
        advice = [r for r in mine if r.status is Status.WARNING]
        reasons.append(cat.text("personal.yes_reason_advice" if advice else "personal.yes_reason"))
        # Anjuran rules do not block a yes, but what they advise is still said.
        for r in advice:
            for reason, fix, _ in _speak(cat, r):
                reasons.append(reason)
                if fix is not None and fix not in fixes:
                    fixes.append(fix)
    return _result(verdict, headline, reasons, fixes, person, data, shown, cat)


def _result(verdict: str, headline: str, reasons: list[str], fixes: list[str], person: Any,
            data: dict[str, Any], shown: set[str], cat: Catalogue) -> dict[str, Any]:
    return {
        "answer": verdict,
        "headline": headline,
        "reasons": reasons,
        "fixes": fixes,
        "employee": {"id": person.id, "name": person.name},
        "rules": [r for r in data["results"] if r["rule"] in shown],
        "note": cat.text("personal.unit_note"),
        "lang": cat.lang,
    }
