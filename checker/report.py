"""Turns a ``Report`` into plain data in one language: the JSON results, and the input of the
text and Markdown renderers and of the browser page.

The shape is stable (``format`` names its version): the browser, the CLI's ``--format json`` and
the parity tests all read it.
"""

from __future__ import annotations

from enum import Enum
from functools import lru_cache
from typing import Any

from .calendar.report import calendar_dict, roster_dict
from .engine import Report, RuleResult
from .enums import DayKind, Group, Status, Weekday
from .i18n import Catalogue, catalogue
from .rules import Rule
from .rules.base import Percent
from .settings import SETTING_NAMES
from .sources import Citation, source
from .version import versions

__all__ = ["REPORT_FORMAT", "HANDBOOK_CATALOGUE", "STATUS_ORDER", "to_dict", "citation_dict",
           "rule_link"]

REPORT_FORMAT = "asn-fleksibel-hasil/1"
HANDBOOK_CATALOGUE = "referensi/aturan/"
"""Where the handbook's rule catalogue is, relative to the site root; each rule is an anchor."""

STATUS_ORDER = (Status.FAILED, Status.NOT_ASSESSABLE, Status.WARNING, Status.PASSED,
                Status.NOT_APPLICABLE)
WEEK = tuple(Weekday)
# Enum members are read with ``_value_`` in the loops below: the ``value`` property costs several
# times more, and a report reads thousands of them.


def rule_link(rule_id: str) -> str:
    return f"{HANDBOOK_CATALOGUE}#{rule_id}"


def citation_dict(c: Citation, cat: Catalogue) -> dict[str, Any]:
    src = source(c.source)
    return {
        "text": c.short(),
        "source": c.source,
        "title": src.title,
        "article": c.article,
        "provenance": c.provenance._value_,
        "provenance_label": cat.text(f"provenance.{c.provenance._value_}"),
        "article_provenance": c.article_provenance._value_ if c.article_provenance else None,
        "interpretation": c.interpretation,
        "url": src.urls[0] if src.urls else None,
    }


def _counts(statuses: list[Status]) -> dict[str, int]:
    return {s._value_: sum(1 for x in statuses if x is s) for s in Status}


def _worst(statuses: list[Status]) -> Status:
    for s in STATUS_ORDER:
        if s in statuses:
            return s
    return Status.NOT_APPLICABLE


@lru_cache(maxsize=None)
def _citations(rule: Rule, lang: str) -> tuple[dict[str, Any], ...]:
    """A rule's citations never change within a run; build them once per language."""
    cat = catalogue(lang)
    return tuple(citation_dict(c, cat) for c in rule.basis)


def _result(r: RuleResult, cat: Catalogue, binding: frozenset[str] = frozenset()) -> dict[str, Any]:
    """One rule's result; ``binding`` names the advisory rules the agency made mandatory."""
    rule, outcome = r.rule, r.outcome
    made_binding = rule.id in binding
    base = f"rule.{rule.id}"
    params = dict(outcome.params)
    reason = cat.first([f"{base}.reason.{outcome.reason}", f"reason.{outcome.reason}"], params)
    evidence = []
    for ev in outcome.evidence:
        evidence.append({
            "text": cat.first([f"{base}.evidence.{ev.key}", f"evidence.{ev.key}"], dict(ev.params)),
            "kind": ev.key,
            "employees": list(ev.employees),
            "days": list(ev.days),
            "actual": ev.actual,
            "limit": ev.limit,
        })
    fix = None
    if r.status in (Status.FAILED, Status.WARNING):
        fix = cat.first([f"{base}.fix.{outcome.reason}", f"{base}.fix.failed"], params)
    elif r.status is Status.NOT_ASSESSABLE:
        fix = cat.first([f"fix.{outcome.reason}", "fix.unknown"], params)
    return {
        "rule": rule.id,
        "group": rule.group._value_,
        "title": cat.text(f"{base}.title"),
        "severity": "fail" if made_binding or r.status is Status.FAILED else rule.severity._value_,
        "status": r.status._value_,
        "status_label": cat.text(f"status.{r.status._value_}"),
        "reason": reason,
        "evidence": evidence,
        "fix": fix,
        "citations": [dict(c) for c in _citations(rule, cat.lang)],
        "agency_policy": list(rule.settings) + (["binding_rules"] if made_binding else []),
        "handbook": rule_link(rule.id),
    }


def _coverage(report: Report, cat: Catalogue) -> dict[str, Any]:
    """Staff by kind of day on every date (the calendar and date entries applied), with the
    calendar's marks: a holiday, cuti bersama or agency day off, a circular's day, Ramadan."""
    ctx = report.context
    needed = ctx.required_on_site()
    counts = ctx.date_counts()
    service_dates = {i.date for i in ctx.service_dates()}
    rows = []
    for info in ctx.calendar.dates:
        d = info.date
        day = WEEK[d.weekday()]
        c = counts[d]
        service = d in service_dates
        required = needed if service else None
        on_site = c[DayKind.WFO]
        mark = info.day
        rows.append({
            "date": d.isoformat(), "weekday": day._value_, "weekday_label": cat.enum(day),
            "service_day": service, "wfo": c[DayKind.WFO], "wfh": c[DayKind.WFH],
            "wfa": c[DayKind.WFA], "leave": c[DayKind.LEAVE], "travel": c[DayKind.TRAVEL],
            "off": c[DayKind.OFF], "on_site": on_site, "required": required,
            "meets": None if required is None else on_site >= required,
            "calendar": None if mark is None else mark.type._value_,
            "calendar_text": None if mark is None else cat.calendar_day(mark),
            "circular": info.window is not None,
            "circular_text": None if info.window is None else source(info.window.instrument).short,
            "ramadan": info.ramadan,
        })
    return {"required": needed, "headcount": len(report.arrangement.employees), "rows": rows}


def _settings(report: Report, cat: Catalogue) -> list[dict[str, Any]]:
    out = []
    for name in SETTING_NAMES:
        item = report.settings.items[name]
        value = item.value
        if name == "max_away_share" and value is not None:
            shown = cat.value(Percent(value))
        elif name in ("extra_criteria", "binding_rules"):
            value = list(value)
            shown = cat.value(value) if value else cat.text("word.none")
        else:
            shown = cat.value(value) if value is not None else cat.text("word.none")
        if isinstance(value, Enum):
            value = value._value_
        out.append({
            "name": name, "label": cat.text(f"setting.{name}.label"), "value": value,
            "value_text": shown, "origin": item.origin,
            "origin_label": cat.format(cat.text(f"origin.{item.origin}"),
                                       {"agency": report.settings.agency_name or ""}),
            "overridden": list(item.overridden) if isinstance(item.overridden, tuple) else item.overridden,
        })
    return out


def to_dict(report: Report, lang: str = "id") -> dict[str, Any]:
    """The localized, JSON-ready form of a report."""
    cat = catalogue(lang)
    a = report.arrangement
    binding = frozenset(report.settings["binding_rules"])
    results = [_result(r, cat, binding) for r in report.results]
    statuses = [r.status for r in report.results]
    verdict = report.verdict
    counts = _counts(statuses)
    groups = []
    for group in Group:
        mine = [r.status for r in report.results if r.rule.group is group]
        groups.append({"id": group._value_, "title": cat.text(f"group.{group._value_}.title"),
                       "status": _worst(mine)._value_, "counts": _counts(mine)})
    params = []
    for name, dv in report.parameters.items():
        params.append({"name": name, "label": cat.text(f"parameter.{name}"), "value": dv.value,
                       "since": dv.start.isoformat(), "citation": citation_dict(dv.citation, cat)})
    return {
        "format": REPORT_FORMAT,
        "lang": lang,
        "source": report.source,
        "unit": {"name": a.unit.name, "agency": a.unit.agency},
        "period": {"start": a.period.start.isoformat(), "end": a.period.end.isoformat(),
                   "ramadan": a.period.ramadan, "days": len(report.context.dates),
                   "text": cat.text("period.text", start=a.period.start, end=a.period.end)},
        "verdict": {"status": verdict._value_,
                    "title": cat.text(f"verdict.{verdict._value_}.title", **counts_params(counts)),
                    "text": cat.text(f"verdict.{verdict._value_}.text", **counts_params(counts))},
        "counts": counts,
        "groups": groups,
        "results": results,
        "coverage": _coverage(report, cat),
        "calendar": calendar_dict(report, cat),
        "roster": roster_dict(report),
        "settings": _settings(report, cat),
        "parameters": params,
        "notes": [_note(key, p, cat) for key, p in report.notes],
        "versions": versions(),
    }


def counts_params(counts: dict[str, int]) -> dict[str, int]:
    return {k.replace("-", "_"): v for k, v in counts.items()}


def _note(key: str, params: dict[str, Any], cat: Catalogue) -> str:
    shown = dict(params)
    if "parameter" in shown:
        shown["parameter"] = cat.text(f"parameter.{shown['parameter']}")
    if "setting" in shown:
        if shown["setting"] == "max_away_share":
            shown.update({k: Percent(shown[k]) for k in ("value", "previous")})
        shown["setting"] = cat.text(f"setting.{shown['setting']}.label")
    return cat.text(f"note.{key}", **shown)
