"""The rule catalogue as data, in one language: for ``python -m checker rules`` and the handbook."""

from __future__ import annotations

from typing import Any

from .enums import Group
from .i18n import catalogue
from .parameters import parameter
from .report import citation_dict, rule_link
from .rules import RULES
from .rules.policy import binding
from .sources import source

__all__ = ["CATALOGUE_FORMAT", "catalogue_data"]

CATALOGUE_FORMAT = "asn-fleksibel-aturan/1"


def catalogue_data(lang: str = "id") -> dict[str, Any]:
    cat = catalogue(lang)
    rules = []
    for r in RULES:
        base = f"rule.{r.id}"
        rules.append({
            "id": r.id,
            "group": r.group.value,
            "group_title": cat.text(f"group.{r.group.value}.title"),
            "title": cat.text(f"{base}.title"),
            "checks": cat.text(f"{base}.checks"),
            "fix": cat.text(f"{base}.fix.failed"),
            "severity": r.severity.value,
            "severity_label": cat.text(f"severity.{r.severity.value}"),
            "since": r.since.isoformat(),
            "since_text": cat.date(r.since),
            "citations": [dict(citation_dict(c, cat), kind=source(c.source).kind,
                               binding=binding(c)) for c in r.basis],
            "parameters": [{"name": p, "label": cat.text(f"parameter.{p}"),
                            "unit": parameter(p).unit} for p in r.parameters],
            "settings": [{"name": s, "label": cat.text(f"setting.{s}.label")} for s in r.settings],
            "inputs": [{"path": i, "label": cat.field_label(i.replace("[]", ""))} for i in r.inputs],
            "handbook": rule_link(r.id),
            "doc": r.doc,
        })
    groups = [{"id": g.value, "title": cat.text(f"group.{g.value}.title"),
               "summary": cat.text(f"group.{g.value}.summary")} for g in Group]
    return {"format": CATALOGUE_FORMAT, "lang": lang, "groups": groups, "rules": rules}
