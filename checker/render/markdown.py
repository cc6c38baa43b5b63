"""Markdown report: for the browser's download and the CLI's ``--format markdown``."""

from __future__ import annotations

from typing import Any

from ..i18n import catalogue
from .common import citation_text, group_results, shown_evidence
from .record import handbook_reference, record_lines

__all__ = ["render_markdown"]


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_markdown(data: dict[str, Any], evidence_limit: int = 20) -> str:
    """The report as a Markdown record: links are absolute when the site's address is in
    ``data["record"]`` (see ``record.with_record``), else handbook sections named in words, so
    that they mean something wherever the file goes."""
    cat = catalogue(data["lang"])
    t = cat.text
    out = [f"# {data['unit']['name']}", "",
           f"- **{t('cli.agency')}:** {data['unit']['agency']}",
           f"- **{t('cli.period')}:** {data['period']['text']}"]
    out += [f"- **{label}:** {value}" for label, value in record_lines(data, cat)]
    out += ["", f"## {data['verdict']['title']}", "", data["verdict"]["text"], ""]
    for group, results in group_results(data):
        out += [f"## {group['title']}", ""]
        for r in results:
            out += [f"### {r['title']}", "",
                    f"**{r['status_label']}** · `{r['rule']}`", "", r["reason"], ""]
            lines = list(shown_evidence(r, cat, evidence_limit))
            if lines:
                out += [f"**{t('cli.evidence')}:**", ""] + [f"- {x}" for x in lines] + [""]
            if r["fix"]:
                out += [f"**{t('cli.fix')}:** {r['fix']}", ""]
            named, url = handbook_reference(r, cat)
            out += [f"**{t('cli.basis')}:** " + "; ".join(citation_text(c, cat) for c in r["citations"]),
                    "", f"**{t('cli.handbook')}:** " + (f"[{named}]({url})" if url else named), ""]
    cov = data["coverage"]
    if cov["required"] is not None:
        out += [f"## {t('cli.coverage')}", "",
                f"| {t('cli.date')} | {t('cli.day')} | {t('cli.on_site')} | {t('cli.required')} | "
                f"{t('cli.away')} | {t('cli.leave')} | {t('cli.travel')} |",
                "|---|---|---:|---:|---:|---:|---:|"]
        for row in cov["rows"]:
            if row["service_day"]:
                mark = "" if row["meets"] else " ⚠"
                out.append(f"| {row['date']} | {row['weekday_label']} | {row['on_site']}{mark} | "
                           f"{row['required']} | {row['wfh'] + row['wfa']} | {row['leave']} | {row['travel']} |")
        out.append("")
    calendar = data.get("calendar")
    if calendar:
        out += [f"## {calendar['title']}", ""] + [f"- {_cell(x)}" for x in calendar["lines"]] + [""]
    out += [f"## {t('cli.settings')}", ""]
    out += [f"- {_cell(s['label'])}: **{_cell(s['value_text'])}** ({s['origin_label']})"
            for s in data["settings"]]
    if data["notes"]:
        out += ["", f"## {t('cli.notes')}", ""] + [f"- {n}" for n in data["notes"]]
    out += ["", "---", "", f"_{t('cli.generated')}_", ""]
    return "\n".join(out)
