"""Plain-text report for the terminal."""

from __future__ import annotations

from typing import Any

from ..i18n import catalogue
from .common import citation_text, group_results, shown_evidence
from .record import handbook_reference, record_lines

__all__ = ["render_text"]

_MARK = {"passed": "[v]", "warning": "[!]", "failed": "[x]", "not-applicable": "[-]",
         "not-assessable": "[?]"}


def render_text(data: dict[str, Any], evidence_limit: int = 20) -> str:
    cat = catalogue(data["lang"])
    t = cat.text
    out = [f"{data['unit']['name']} — {data['unit']['agency']}",
           f"{t('cli.period')}: {data['period']['text']}"]
    out += [f"{label}: {value}" for label, value in record_lines(data, cat)]
    out += ["", f"{t('cli.verdict')}: {data['verdict']['title']}", data["verdict"]["text"], ""]
    for group, results in group_results(data):
        out.append(group["title"])
        for r in results:
            out.append(f"  {_MARK[r['status']]} {r['status_label']}: {r['title']} ({r['rule']})")
            out.append(f"      {r['reason']}")
            for line in shown_evidence(r, cat, evidence_limit):
                out.append(f"      - {line}")
            if r["fix"]:
                out.append(f"      {t('cli.fix')}: {r['fix']}")
            if r["status"] in ("failed", "warning", "not-assessable"):
                out.append(f"      {t('cli.basis')}: " + "; ".join(citation_text(c, cat) for c in r["citations"]))
                named, url = handbook_reference(r, cat)
                out.append(f"      {t('cli.handbook')}: {url or named}")
        out.append("")
    cov = data["coverage"]
    if cov["required"] is not None:
        out.append(t("cli.coverage"))
        width = max(len(row["weekday_label"]) for row in cov["rows"])
        for row in cov["rows"]:
            if row["service_day"]:
                mark = t("cli.meets_yes") if row["meets"] else t("cli.meets_no")
                out.append(f"  {row['date']} {row['weekday_label']:<{width}} {row['on_site']:>4} / "
                           f"{row['required']:<4} {mark}")
        out.append("")
    calendar = data.get("calendar")
    if calendar:
        out.append(calendar["title"])
        out.extend(f"  - {line}" for line in calendar["lines"])
        out.append("")
    out.append(t("cli.settings"))
    for s in data["settings"]:
        out.append(f"  {s['label']}: {s['value_text']} ({s['origin_label']})")
    if data["notes"]:
        out.append("")
        out.append(t("cli.notes"))
        out.extend(f"  - {n}" for n in data["notes"])
    return "\n".join(out) + "\n"
