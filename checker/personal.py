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
from .enums import Group, Status
from .i18n import Catalogue, catalogue
from .model import Arrangement
from .report import to_dict
from .rules import RULES
from .settings import Profile

__all__ = ["personal_rules", "answer", "NoSuchEmployee"]


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


def answer(arrangement: Arrangement, employee_id: Optional[str], lang: str,
           profile: Optional[Profile] = None, source: Optional[str] = None) -> dict[str, Any]:
    """``{"answer": "yes" | "no" | "unsure", "headline", "reasons", "fixes", "employee",
    "rules"}``; raises ``NoSuchEmployee``."""
    cat = catalogue(lang)
    person = _pick(arrangement, employee_id)
    report: Report = check(replace(arrangement, employees=[person]), profile, source)
    wanted = set(personal_rules())
    mine = [r for r in report.results if r.rule.id in wanted]
    failed = [r for r in mine if r.status is Status.FAILED]
    unsure = [r for r in mine if r.status is Status.NOT_ASSESSABLE]
    reasons: list[str] = []
    fixes: list[str] = []
    headline = None
    for r in failed + unsure:
        for ev in r.outcome.evidence:
            params = dict(ev.params)
            reason = _sentence(cat, r.rule.id, "reason", ev.key, params)
            if reason is None:
                continue
            reasons.append(reason)
            fix = _sentence(cat, r.rule.id, "fix", ev.key, params)
            if fix is not None and fix not in fixes:
                fixes.append(fix)
            if headline is None and r.status is Status.FAILED:
                template = cat.get(f"personal.rule.{r.rule.id}.headline.{ev.key}")
                headline = (cat.format(template, params) if isinstance(template, str)
                            else cat.text("personal.no", title=cat.text(f"rule.{r.rule.id}.title")))
    if failed:
        verdict = "no"
        if headline is None:
            headline = cat.text("personal.no", title=cat.text(f"rule.{failed[0].rule.id}.title"))
    elif unsure:
        verdict, headline = "unsure", cat.text("personal.unsure")
    else:
        verdict, headline = "yes", cat.text("personal.yes")
        reasons.append(cat.text("personal.yes_reason"))
    data = to_dict(report, lang)
    return {
        "answer": verdict,
        "headline": headline,
        "reasons": reasons,
        "fixes": fixes,
        "employee": {"id": person.id, "name": person.name},
        "rules": [r for r in data["results"] if r["rule"] in wanted],
        "note": cat.text("personal.unit_note"),
        "lang": lang,
    }
