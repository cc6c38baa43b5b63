// Renders a report (checker/report.py's JSON shape) as the results page, after the GOV.UK pattern:
// a neutral summary heading, then each group's rules with status, reason, evidence, fix, legal
// basis and a link to the handbook; charts; "Jawaban Anda" with a "Ubah" link per part. Every word
// comes from the report (already in Indonesian), the message catalogue, or the page's strings.

import { calendarNotes, coverageChart, heatmap, heatmapByDate } from "./charts.mjs";
import { meets } from "./form.mjs";
import { dateText, flatFields, fmt, getPath, h, numberText } from "./util.mjs";

export const EVIDENCE_SHOWN = 20;

function citationText(c, msg) {
  let text = `${c.text} (${c.provenance_label}`;
  if (c.article_provenance) {
    const label = msg.provenance[c.article_provenance] || c.article_provenance;
    text += "; " + fmt(msg.cli.article_from, { provenance: label.toLowerCase() });
  }
  return text + ")";
}

function evidenceList(r, ui) {
  if (!r.evidence.length) return null;
  const list = h("ul", { class: "ck-evidence" }, r.evidence.map((ev, i) =>
    h("li", i < EVIDENCE_SHOWN ? {} : { hidden: true, "data-extra": "" }, ev.text)));
  const parts = [h("p", { class: "ck-part" }, h("strong", {}, `${ui.msg.cli.evidence}:`)), list];
  if (r.evidence.length > EVIDENCE_SHOWN) {
    const more = h("button", { type: "button", class: "ck-btn no-print", "aria-expanded": "false" },
      fmt(ui.t.results.show_all, { count: r.evidence.length }));
    more.addEventListener("click", () => {
      const open = more.getAttribute("aria-expanded") !== "true";
      for (const li of list.querySelectorAll("[data-extra]")) li.hidden = !open;
      more.setAttribute("aria-expanded", String(open));
      more.textContent = open ? ui.t.results.show_less : fmt(ui.t.results.show_all, { count: r.evidence.length });
    });
    parts.push(more);
  }
  return parts;
}

// One rule's result; the testable surface is data-rule and data-status.
export function ruleItem(r, ui, level = 4) {
  const msg = ui.msg;
  return h("li", { class: `ck-rule ck-status-${r.status}`, "data-rule": r.rule, "data-status": r.status, id: `${ui.idPrefix}${r.rule}` },
    h("div", { class: "ck-rule-head" },
      h(`h${level}`, { class: "ck-rule-title" }, r.title),
      h("strong", { class: `ck-badge ck-badge--${r.status}` }, r.status_label)),
    h("p", { class: "ck-reason" }, r.reason),
    evidenceList(r, ui),
    r.fix ? h("p", { class: "ck-fix" }, h("strong", {}, `${msg.cli.fix}:`), " ", r.fix) : null,
    h("div", { class: "ck-basis" },
      h("p", { class: "ck-part" }, h("strong", {}, `${msg.cli.basis}:`)),
      h("ul", { class: "ck-cites" }, r.citations.map((c) => h("li", {}, citationText(c, msg),
        c.interpretation ? [" ", h("span", { class: "ck-tag" }, msg.cli.interpretation)] : null)))),
    h("p", { class: "ck-rule-meta" },
      `${ui.t.results.rule_code}: `, h("code", {}, r.rule), " · ",
      // A new tab: the results stay where they are.
      h("a", { href: new URL(r.handbook, ui.siteRoot).href, target: "_blank", rel: "noopener" },
        ui.t.results.handbook, h("span", { class: "ck-vh" }, ` ${ui.t.page.new_tab}`))));
}

function counts(report, ui) {
  const order = ["failed", "not-assessable", "warning", "passed", "not-applicable"];
  return h("ul", { class: "ck-counts", "aria-label": ui.t.results.counts }, order
    .filter((k) => report.counts[k])
    .map((k) => h("li", {}, h("span", { class: `ck-badge ck-badge--${k}` }, ui.msg.status[k]), ` ${report.counts[k]}`)));
}

// A field's answer as text, for "Jawaban Anda".
function answer(field, value, ui) {
  const { msg, t } = ui;
  const none = t.results.not_answered;
  if (field.readonly) return field.readonly;
  if (value === undefined || value === null) {
    if (field.widget === "check") return msg.word.no;
    if (field.widget === "tablelist") return msg.word.none;
    if (field.default !== null && field.default !== undefined) return answer(field, field.default, ui);
    if (field.widget === "enumlist") return msg.word.none;
    return none;
  }
  const label = (v) => (field.enum && msg.enum[field.enum] && msg.enum[field.enum][v]) || String(v);
  switch (field.widget) {
    case "tri":
    case "check":
      return value === true ? msg.word.yes : value === false ? msg.word.no : String(value);
    case "select":
      return label(value);
    case "enumlist":
      return Array.isArray(value) && value.length ? value.map(label).join(", ") : msg.word.none;
    case "lines":
      return Array.isArray(value) ? value.join("; ") : String(value);
    case "date":
      return dateText(value, msg.months);
    case "int":
    case "float":
      return numberText(value);
    case "tablelist":
      return Array.isArray(value) && value.length
        ? value.map((e) => (e && typeof e === "object" ? Object.values(e).filter((x) => typeof x !== "object").join(", ") : String(e))).join("; ")
        : msg.word.none;
    case "percent":
      return typeof value === "number" ? `${numberText(Math.round(value * 1e6) / 1e4)}%` : String(value);
    default:
      return typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

function changeLink(section, title, ui) {
  const a = h("a", { href: `#ck-sec-${section}`, class: "ck-change no-print", "data-change": section },
    ui.t.results.change, h("span", { class: "ck-vh" }, ` ${title}`));
  return a;
}

function answers(doc, ui) {
  const parts = [];
  for (const sec of ui.data.sections) {
    const rows = flatFields(sec.fields).filter((f) => !f.showIf || meets(f.showIf, doc, doc)).map((f) =>
      h("div", { class: "ck-summary-row" }, h("dt", {}, f.label), h("dd", {}, answer(f, getPath(doc, f.path), ui))));
    parts.push(h("div", { class: "ck-summary-card" },
      h("div", { class: "ck-summary-head" }, h("h4", {}, sec.title), changeLink(sec.name, sec.title, ui)),
      h("dl", { class: "ck-summary-list" }, rows)));
  }
  const employees = Array.isArray(doc.employees) ? doc.employees : [];
  const kinds = ui.kinds;
  const dayRows = ui.data.weekdays.map(([d, label]) => {
    const n = {};
    for (const e of employees) {
      const k = e && e.week && typeof e.week[d] === "string" ? e.week[d] : "off";
      n[k] = (n[k] || 0) + 1;
    }
    const text = Object.keys(kinds).filter((k) => n[k] && k !== "off").map((k) => `${n[k]} ${kinds[k].short}`).join(", ");
    return h("div", { class: "ck-summary-row" }, h("dt", {}, label), h("dd", {}, text || kinds.off.short));
  });
  const rosterTitle = ui.t.roster.heading;
  parts.splice(Math.min(parts.length, ui.rosterPosition), 0, h("div", { class: "ck-summary-card" },
    h("div", { class: "ck-summary-head" }, h("h4", {}, rosterTitle), changeLink("employees", rosterTitle, ui)),
    h("p", {}, fmt(ui.t.results.roster_summary, { count: employees.length })),
    h("dl", { class: "ck-summary-list" }, dayRows)));
  return h("section", { class: "ck-answers", "aria-labelledby": "ck-answers-h" },
    h("h3", { id: "ck-answers-h" }, ui.t.results.answers), parts);
}

function settingsTable(report, ui) {
  const { msg, t } = ui;
  if (!report.settings || !report.settings.length) return null;
  return h("section", { class: "ck-settings" },
    h("h3", {}, t.results.settings),
    h("dl", { class: "ck-summary-list" }, report.settings.map((x) =>
      h("div", { class: "ck-summary-row" }, h("dt", {}, x.label), h("dd", {}, `${x.value_text} (${x.origin_label})`)))),
    report.parameters && report.parameters.length ? [
      h("h3", {}, t.results.parameters),
      h("dl", { class: "ck-summary-list" }, report.parameters.map((p) =>
        h("div", { class: "ck-summary-row" }, h("dt", {}, p.label),
          h("dd", {}, `${numberText(p.value)} (${citationText(p.citation, msg)})`))))] : null);
}

// "3 Juli 2025 pukul 09.41" in the reader's time zone.
export function dateTimeText(date, months) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getDate()} ${months[date.getMonth()]} ${date.getFullYear()} pukul ${pad(date.getHours())}.${pad(date.getMinutes())}`;
}

// What makes a result a record: when, with which engine and data, for which unit and period.
function record(report, ui) {
  const t = ui.t.results;
  const v = report.versions || {};
  const engine = v.engine ? `${v.engine.version}${v.engine.build ? ` (${v.engine.build})` : ""}` : "-";
  const data = v.data ? v.data.version : "-";
  const row = (term, value, attrs = {}) => h("div", { class: "ck-summary-row", ...attrs }, h("dt", {}, term), h("dd", {}, value));
  return h("dl", { class: "ck-record ck-summary-list", "data-testid": "record" },
    row(t.checked_at, ui.checkedAt ? dateTimeText(ui.checkedAt, ui.msg.months) : "-", { "data-record": "checked-at" }),
    row(t.unit, `${report.unit.name} (${report.unit.agency})`),
    row(t.period, report.period.text),
    row(t.versions, fmt(t.version_text, { engine, data }), { "data-record": "versions" }));
}

// Space for the approver: name, position, date and signature (printed only).
function approval(ui) {
  const t = ui.t.results;
  const line = (label) => h("div", { class: "ck-sign-row" }, h("span", {}, label), h("span", { class: "ck-sign-line" }));
  return h("section", { class: "ck-approval print-only", "aria-labelledby": "ck-approval-h" },
    h("h3", { id: "ck-approval-h" }, t.approval),
    line(t.approver_name), line(t.approver_position), line(t.approver_date), line(t.approver_signature));
}

// The whole report; `doc` is the arrangement that was checked (for the answers and heat map).
export function renderReport(report, doc, ui) {
  const { t, msg } = ui;
  const v = report.verdict;
  const summary = h("div", { class: `ck-panel ck-panel--${v.status}` },
    h("h3", { id: "ck-summary", class: "ck-summary-h", tabindex: "-1" }, v.title),
    h("p", {}, v.text),
    record(report, ui),
    counts(report, ui),
    h("div", { class: "ck-actions-row no-print" },
      h("button", { type: "button", class: "md-button", "data-report": "print" }, t.results.print),
      h("button", { type: "button", class: "md-button", "data-report": "json" }, t.results.download_json),
      h("button", { type: "button", class: "md-button", "data-report": "markdown" }, t.results.download_md)));

  // Rules that need action come first in each group; the rest are folded away, so a leader reads
  // the problems without scrolling past every rule that is met.
  const settled = new Set(["passed", "not-applicable"]);
  const groups = report.groups.map((g) => {
    const rules = report.results.filter((r) => r.group === g.id);
    if (!rules.length) return null;
    const open = rules.filter((r) => !settled.has(r.status));
    const rest = rules.filter((r) => settled.has(r.status));
    return h("section", { class: "ck-group-results", "aria-labelledby": `ck-g-${g.id}` },
      h("h3", { id: `ck-g-${g.id}` }, g.title),
      open.length ? h("ol", { class: "ck-rules" }, open.map((r) => ruleItem(r, ui))) : null,
      rest.length ? h("details", { class: "ck-others" },
        h("summary", {}, fmt(open.length ? t.results.others : t.results.others_all, { count: rest.length })),
        h("ol", { class: "ck-rules" }, rest.map((r) => ruleItem(r, ui)))) : null);
  });

  const employees = Array.isArray(doc.employees) ? doc.employees : [];
  const tc = t.chart_calendar || {};
  const legend = report.calendar ? report.calendar.legend : null;
  const byDate = report.roster && Array.isArray(report.roster.rows);
  const charts = h("section", { class: "ck-charts", "aria-labelledby": "ck-charts-h" },
    h("h3", { id: "ck-charts-h" }, msg.cli.coverage),
    coverageChart(report.coverage, { t: t.chart, cli: msg.cli, months: msg.months, tc, legend }),
    h("h3", {}, byDate ? tc.heatmap_title : t.chart.heatmap_title),
    byDate
      ? heatmapByDate(report.roster, report.coverage, { t: t.chart, tc, kinds: ui.kinds, months: msg.months, legend })
      : heatmap(employees, { t: t.chart, weekdays: ui.data.weekdays, kinds: ui.kinds }),
    calendarNotes(report.calendar, tc));

  const notes = report.notes && report.notes.length
    ? h("section", { class: "ck-notes" }, h("h3", {}, t.results.notes), h("ul", {}, report.notes.map((n) => h("li", {}, n))))
    : null;

  return h("div", { class: "ck-report" }, summary, groups, charts, answers(doc, ui), settingsTable(report, ui), notes,
    h("p", { class: "ck-hint" }, msg.cli.generated), approval(ui));
}

// The personal check: the answer to the question asked, in the second person, first ("Ya, boleh" /
// "Tidak: ..."), with the reasons and what to change; each rule's details on demand.
export function renderPersonal(answer, ui) {
  const t = ui.t.individual;
  const status = answer.answer === "yes" ? "passed" : answer.answer === "no" ? "failed" : "not-assessable";
  const title = answer.headline;
  const list = (items) => (items && items.length ? h("ul", {}, items.map((x) => h("li", {}, x))) : null);
  const rules = answer.rules || [];
  return {
    title,
    element: h("div", { class: "ck-report ck-personal", "data-answer": answer.answer },
      h("div", { class: `ck-panel ck-panel--${status}` },
        h("h3", { id: "ck-ind-summary", class: "ck-summary-h", tabindex: "-1" }, title),
        list(answer.reasons),
        answer.fixes && answer.fixes.length ? [h("h4", {}, t.change), list(answer.fixes)] : null,
        h("p", {}, answer.note), h("p", { class: "ck-hint" }, t.note)),
      rules.length ? h("details", { class: "ck-others ck-personal-rules" },
        h("summary", {}, fmt(t.details, { count: rules.length })),
        h("ol", { class: "ck-rules" }, rules.map((r) => ruleItem(r, { ...ui, idPrefix: "ck-ind-rule-" })))) : null),
  };
}
