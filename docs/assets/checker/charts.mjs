// Two inline SVG charts of the results, each with a text alternative: the staff on site per day
// against the minimum (from the report's coverage.rows), and the roster as a heat map of employees
// by weekday. Neither relies on colour alone: short days are hatched and labelled, and every cell
// of the heat map carries a letter.

import { dateText, fmt, h, s } from "./util.mjs";

const HEATMAP_MAX = 100;
let serial = 0;

function table(caption, head, rows) {
  return h("div", { class: "ck-table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h("table", { class: "ck-data-table" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, head.map((x) => h("th", { scope: "col" }, x)))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((x, i) =>
        i === 0 ? h("th", { scope: "row" }, x) : h("td", {}, x)))))));
}

export function coverageChart(coverage, ui) {
  const { t, cli, months } = ui;
  const rows = coverage.rows || [];
  const id = `ck-cov-${++serial}`;
  const required = coverage.required;
  const max = Math.max(1, required ?? 0, ...rows.map((r) => r.on_site));
  const bar = rows.length > 62 ? 8 : rows.length > 31 ? 14 : 28;
  const left = 28, top = 16, plot = 140, bottom = 44;
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
    const cls = r.meets === false ? null : r.service_day ? "ck-bar" : "ck-bar-off";
    svg.append(s("rect", {
      x, y: y(r.on_site), width: w, height: Math.max(0, y(0) - y(r.on_site)),
      class: cls || undefined, fill: cls ? undefined : `url(#${id}-hatch)`,
    }, s("title", {}, `${dateText(r.date, months)} (${r.weekday_label}): ${r.on_site} ${t.legend_on_site}` +
      (r.required !== null ? `; ${cli.required.toLowerCase()} ${r.required}` : ""))));
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
    h("li", {}, h("span", { class: "ck-swatch ck-bar-off" }), t.legend_no_service));

  const data = table(t.coverage_table,
    [cli.date, cli.day, cli.on_site, cli.required, cli.away, cli.leave, cli.travel],
    rows.map((r) => [dateText(r.date, months), r.weekday_label + (r.service_day ? "" : ` (${t.legend_no_service})`),
      String(r.on_site) + (r.meets === false ? ` (${cli.meets_no})` : ""),
      r.required === null ? "–" : String(r.required), String(r.wfh + r.wfa), String(r.leave), String(r.travel)]));

  return h("figure", { class: "ck-figure" },
    h("div", { class: "ck-chart-wrap", tabindex: "0", role: "region", "aria-label": t.coverage_title }, svg),
    legend,
    h("figcaption", {}, required === null ? t.coverage_none : summary),
    h("details", { class: "ck-details" }, h("summary", {}, t.coverage_table), data));
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
