// Two inline SVG charts of the results, each with a text alternative: the staff on site per date
// against the minimum (from the report's coverage.rows), and the roster as a heat map of employees
// by date (the report's roster; by weekday when a report has none). Neither relies on colour
// alone: short days are hatched and labelled, every cell of the heat map carries a letter, and
// holidays (L), cuti bersama (C), agency days off (I) and circular flexible days (F) are lettered
// under the axis, explained in the legend and listed in text under the charts.

import { dateText, fmt, h, s } from "./util.mjs";

const HEATMAP_MAX = 100;
const MARKS = { holiday: "L", cuti_bersama: "C", agency: "I", circular: "F" };
let serial = 0;

// The calendar letter of a coverage row or a date ("" for an ordinary day).
function markOf(r) {
  return r.calendar ? MARKS[r.calendar] || "" : r.circular ? MARKS.circular : "";
}

function markText(r) {
  return [r.calendar_text, r.circular_text].filter(Boolean).join("; ");
}

// Legend entries for the calendar marks that occur in `rows`, labelled from the report.
function markLegend(rows, legend) {
  if (!legend) return [];
  const seen = new Set(rows.map(markOf).filter(Boolean));
  return Object.entries(MARKS).filter(([, m]) => seen.has(m)).map(([k, m]) =>
    h("li", {}, h("span", { class: `ck-swatch ck-mark-${k}` }, m), ` ${legend[k]}`));
}

// The period's calendar notes in words, under the charts (the charts' marks explained).
export function calendarNotes(calendar, t) {
  if (!calendar || !Array.isArray(calendar.lines)) return null;
  return h("section", { class: "ck-calendar-notes", "aria-labelledby": "ck-cal-h" },
    h("h4", { id: "ck-cal-h" }, calendar.title || t.heading),
    h("ul", {}, calendar.lines.map((x) => h("li", {}, x))));
}

function table(caption, head, rows) {
  return h("div", { class: "ck-table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h("table", { class: "ck-data-table" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, head.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((x, i) =>
        i === 0 ? h("th", { scope: "row" }, x) : h("td", {}, x)))))));
}

export function coverageChart(coverage, ui) {
  const { t, cli, months, tc = {}, legend: labels = null } = ui;
  const rows = coverage.rows || [];
  const id = `ck-cov-${++serial}`;
  const required = coverage.required;
  const max = Math.max(1, required ?? 0, ...rows.map((r) => r.on_site));
  const bar = rows.length > 62 ? 8 : rows.length > 31 ? 14 : 28;
  const marked = rows.some((r) => markOf(r) || r.ramadan);
  const left = 28, top = rows.some(markOf) ? 30 : 16, plot = 140, bottom = 44;
  const width = left + rows.length * bar + 8;
  const height = top + plot + bottom;
  const y = (v) => top + plot - (v / max) * plot;
  const short = rows.filter((r) => r.meets === false).length;
  const summary = fmt(t.coverage_summary, { days: rows.length, short });

  const svg = s("svg", {
    class: "ck-chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-labelledby": `${id}-t ${id}-d`,
  },
  s("title", { id: `${id}-t` }, t.coverage_title),
  s("desc", { id: `${id}-d` }, `${t.coverage_desc} ${summary}`),
  s("defs", {}, s("pattern", { id: `${id}-hatch`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    s("rect", { width: 6, height: 6, class: "ck-bar-short" }),
    s("line", { x1: 0, y1: 0, x2: 0, y2: 6, class: "ck-hatch" }))),
  s("line", { x1: left, x2: width - 4, y1: y(0), y2: y(0), class: "ck-axis" }),
  s("text", { x: left - 4, y: y(max) + 4, class: "ck-tick", "text-anchor": "end" }, String(max)),
  s("text", { x: left - 4, y: y(0) + 4, class: "ck-tick", "text-anchor": "end" }, "0"));

  rows.forEach((r, i) => {
    const x = left + i * bar + 2;
    const w = bar - 4;
    const mark = markOf(r);
    if (mark) {
      svg.append(s("rect", { x: x - 2, y: top, width: bar, height: plot, class: `ck-day-band ck-band-${r.calendar || "circular"}` }));
      svg.append(s("text", { x: x + w / 2, y: 11, class: "ck-tick ck-mark-text", "text-anchor": "middle" }, mark));
    }
    const cls = r.meets === false ? null : r.service_day ? "ck-bar" : "ck-bar-off";
    svg.append(s("rect", {
      x, y: y(r.on_site), width: w, height: Math.max(0, y(0) - y(r.on_site)),
      class: cls || undefined, fill: cls ? undefined : `url(#${id}-hatch)`,
    }, s("title", {}, `${dateText(r.date, months)} (${r.weekday_label}): ${r.on_site} ${t.legend_on_site}` +
      (r.required !== null ? `; ${cli.required.toLowerCase()} ${r.required}` : "") +
      (mark ? `; ${markText(r)}` : ""))));
    if (r.required !== null) {
      svg.append(s("line", { x1: x - 1, x2: x + w + 1, y1: y(r.required), y2: y(r.required), class: "ck-min" }));
    }
    if (bar >= 14) {
      svg.append(s("text", { x: x + w / 2, y: y(r.on_site) - 3, class: "ck-val", "text-anchor": "middle" },
        String(r.on_site)));
    }
    if (bar >= 28 || i % 7 === 0) {
      svg.append(s("text", { x: x + w / 2, y: y(0) + 14, class: "ck-tick", "text-anchor": "middle" },
        r.weekday_label.slice(0, 3)));
      svg.append(s("text", { x: x + w / 2, y: y(0) + 28, class: "ck-tick", "text-anchor": "middle" },
        String(Number(r.date.slice(8)))));
    }
    if (r.meets === false && bar >= 14) {
      svg.append(s("text", { x: x + w / 2, y: y(0) + 40, class: "ck-tick ck-short-mark", "text-anchor": "middle" }, "!"));
    }
  });

  const legend = h("ul", { class: "ck-legend", "aria-hidden": "true" },
    h("li", {}, h("span", { class: "ck-swatch ck-bar" }), t.legend_on_site),
    h("li", {}, h("span", { class: "ck-swatch ck-swatch-short" }), `${t.legend_short} (!)`),
    required !== null ? h("li", {}, h("span", { class: "ck-swatch ck-swatch-min" }), t.legend_required) : null,
    h("li", {}, h("span", { class: "ck-swatch ck-bar-off" }), t.legend_no_service),
    markLegend(rows, labels));

  const data = table(t.coverage_table,
    [cli.date, cli.day, cli.on_site, cli.required, cli.away, cli.leave, cli.travel,
      ...(marked ? [tc.mark_column || ""] : [])],
    rows.map((r) => [dateText(r.date, months), r.weekday_label + (r.service_day ? "" : ` (${t.legend_no_service})`),
      String(r.on_site) + (r.meets === false ? ` (${cli.meets_no})` : ""),
      r.required === null ? "–" : String(r.required), String(r.wfh + r.wfa), String(r.leave), String(r.travel),
      ...(marked ? [[markText(r), r.ramadan ? tc.ramadan_mark : ""].filter(Boolean).join("; ") || "–"] : [])]));

  return h("figure", { class: "ck-figure" },
    h("div", { class: "ck-chart-wrap", tabindex: "0", role: "region", "aria-label": t.coverage_title }, svg),
    legend,
    h("figcaption", {}, required === null ? t.coverage_none : summary),
    h("details", { class: "ck-details" }, h("summary", {}, t.coverage_table), data));
}

// The roster by date (report.roster): one column a date, days off and circular days marked.
export function heatmapByDate(roster, coverage, ui) {
  const { t, tc, kinds, months, legend } = ui;
  const id = `ck-heat-${++serial}`;
  const dates = roster.dates || [];
  const rows = roster.rows || [];
  const codes = roster.codes || {};
  const byDate = Object.fromEntries((coverage && coverage.rows || []).map((r) => [r.date, r]));
  const cell = dates.length <= 7 ? 34 : dates.length <= 31 ? 22 : 14;
  const rowH = 20, left = 120, top = 34;
  const width = left + dates.length * cell + 4;
  const height = top + rows.length * rowH + 4;
  const kindAt = (row, j) => {
    const k = codes[row.days[j]];
    return k && kinds[k] ? k : "off";
  };
  const totals = {};
  rows.forEach((row) => dates.forEach((_, j) => { const k = kindAt(row, j); totals[k] = (totals[k] || 0) + 1; }));
  const summary = fmt(tc.heatmap_summary, {
    days: Object.keys(kinds).filter((k) => totals[k]).map((k) => `${totals[k]} ${kinds[k].short}`).join(", "),
  });
  const who = (row, i) => String(row.id || row.name || i + 1);
  const svg = s("svg", {
    class: "ck-chart ck-heat", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-labelledby": `${id}-t ${id}-d`,
  },
  s("title", { id: `${id}-t` }, tc.heatmap_title),
  s("desc", { id: `${id}-d` }, `${tc.heatmap_desc} ${summary}`));
  dates.forEach((d, j) => {
    const r = byDate[d] || {};
    const x = left + j * cell;
    const mark = markOf(r);
    if (mark) {
      svg.append(s("rect", { x, y: top - 2, width: cell, height: rows.length * rowH + 4, class: `ck-day-band ck-band-${r.calendar || "circular"}` }));
    }
    svg.append(s("text", { x: x + cell / 2, y: 12, class: "ck-tick", "text-anchor": "middle" },
      mark || (r.weekday_label || "").slice(0, 1)));
    svg.append(s("text", { x: x + cell / 2, y: 26, class: "ck-tick", "text-anchor": "middle" }, String(Number(d.slice(8)))));
  });
  rows.forEach((row, i) => {
    const yy = top + i * rowH;
    const name = who(row, i);
    svg.append(s("text", { x: left - 6, y: yy + 14, class: "ck-tick", "text-anchor": "end" },
      name.length > 16 ? `${name.slice(0, 15)}…` : name));
    dates.forEach((d, j) => {
      const k = kindAt(row, j);
      const r = byDate[d] || {};
      const x = left + j * cell;
      const duty = r.calendar && k !== "off" && k !== "leave";
      svg.append(s("rect", { x: x + 1, y: yy + 1, width: cell - 2, height: rowH - 2, class: `ck-k ck-k-${k}${duty ? " ck-k-duty" : ""}` },
        s("title", {}, `${name}, ${dateText(d, months)}: ${kinds[k].label}` + (r.calendar ? ` (${markText(r)}${duty ? `; ${tc.duty}` : ""})` : r.circular ? ` (${markText(r)})` : ""))));
      if (cell >= 18) {
        svg.append(s("text", { x: x + cell / 2, y: yy + 14, class: `ck-k-text ck-kt-${k}`, "text-anchor": "middle" }, kinds[k].abbr));
      }
    });
  });
  const legendList = h("ul", { class: "ck-legend" }, Object.entries(kinds).map(([k, v]) =>
    h("li", {}, h("span", { class: `ck-swatch ck-k-${k}`, "aria-hidden": "true" }, v.abbr), ` ${v.label}`)),
  markLegend(dates.map((d) => byDate[d] || {}), legend));
  const data = table(tc.heatmap_table, ["", ...dates.map((d) => { const r = byDate[d] || {}; const m = markOf(r);
    return `${dateText(d, months)}${m ? ` (${m})` : ""}`; })],
  rows.map((row, i) => [who(row, i), ...dates.map((_, j) => kinds[kindAt(row, j)].short)]));
  return h("figure", { class: "ck-figure" },
    h("div", { class: "ck-chart-wrap", tabindex: "0", role: "region", "aria-label": tc.heatmap_title }, svg),
    legendList,
    h("figcaption", {}, summary,
      roster.total > rows.length ? ` ${fmt(t.heatmap_cap, { shown: rows.length, total: roster.total })}` : ""),
    h("details", { class: "ck-details" }, h("summary", {}, tc.heatmap_table), data));
}

export function heatmap(employees, ui) {
  const { t, weekdays, kinds } = ui;
  const id = `ck-heat-${++serial}`;
  const shown = employees.slice(0, HEATMAP_MAX);
  const cell = 34, rowH = 20, left = 120, top = 22;
  const width = left + weekdays.length * cell + 4;
  const height = top + shown.length * rowH + 4;
  const dayOf = (e, d) => {
    const v = e && e.week && typeof e.week === "object" ? e.week[d] : undefined;
    return typeof v === "string" && kinds[v] ? v : "off";
  };
  const totals = weekdays.map(([d, label]) => {
    const counts = {};
    for (const e of employees) counts[dayOf(e, d)] = (counts[dayOf(e, d)] || 0) + 1;
    const parts = Object.keys(kinds).filter((k) => counts[k]).map((k) => `${counts[k]} ${kinds[k].short}`);
    return `${label} ${parts.join(", ")}`;
  });
  const who = (e, i) => String((e && (e.id || e.name)) ?? i + 1);

  const svg = s("svg", {
    class: "ck-chart ck-heat", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-labelledby": `${id}-t ${id}-d`,
  },
  s("title", { id: `${id}-t` }, t.heatmap_title),
  s("desc", { id: `${id}-d` }, `${t.heatmap_desc} ${fmt(t.heatmap_summary, { days: totals.join("; ") })}`));
  weekdays.forEach(([, label], j) => {
    svg.append(s("text", { x: left + j * cell + cell / 2, y: 14, class: "ck-tick", "text-anchor": "middle" }, label.slice(0, 3)));
  });
  shown.forEach((e, i) => {
    const yy = top + i * rowH;
    const name = who(e, i);
    svg.append(s("text", { x: left - 6, y: yy + 14, class: "ck-tick", "text-anchor": "end" },
      name.length > 16 ? `${name.slice(0, 15)}…` : name));
    weekdays.forEach(([d, label], j) => {
      const k = dayOf(e, d);
      const x = left + j * cell;
      svg.append(s("rect", { x: x + 1, y: yy + 1, width: cell - 2, height: rowH - 2, class: `ck-k ck-k-${k}` },
        s("title", {}, `${name}, ${label}: ${kinds[k].label}`)));
      svg.append(s("text", { x: x + cell / 2, y: yy + 14, class: `ck-k-text ck-kt-${k}`, "text-anchor": "middle" }, kinds[k].abbr));
    });
  });

  const legend = h("ul", { class: "ck-legend" }, Object.entries(kinds).map(([k, v]) =>
    h("li", {}, h("span", { class: `ck-swatch ck-k-${k}`, "aria-hidden": "true" }, v.abbr), ` ${v.label}`)));
  const data = table(t.heatmap_table, ["", ...weekdays.map(([, label]) => label)],
    shown.map((e, i) => [who(e, i), ...weekdays.map(([d]) => kinds[dayOf(e, d)].short)]));

  return h("figure", { class: "ck-figure" },
    h("div", { class: "ck-chart-wrap", tabindex: "0", role: "region", "aria-label": t.heatmap_title }, svg),
    legend,
    h("figcaption", {}, fmt(t.heatmap_summary, { days: totals.join("; ") }),
      employees.length > shown.length ? ` ${fmt(t.heatmap_cap, { shown: shown.length, total: employees.length })}` : ""),
    h("details", { class: "ck-details" }, h("summary", {}, t.heatmap_table), data));
}
