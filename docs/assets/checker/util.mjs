// Small helpers shared by the checker page's modules: DOM building, paths into the arrangement
// document, number and date text, downloads. No dependencies.

// The SVG namespace is a name, not a resource (the site tests allow it in scripts).
const SVG_NS = "http://www.w3.org/2000/svg";

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key === "class") el.setAttribute("class", value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  return el;
}

// h("p", {class: "x"}, "text", child) builds an element; text is never parsed as HTML.
export function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

export function s(tag, attrs, ...children) {
  return append(setAttrs(document.createElementNS(SVG_NS, tag), attrs), children);
}

// "Pegawai {n}" + {n: 3} -> "Pegawai 3"; unknown names stay visible, as in the engine.
export function fmt(template, params = {}) {
  return String(template).replace(/\{([a-z_]+)\}/gi, (m, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m);
}

// A form's field list with groups opened: every question, in page order.
export function flatFields(fields) {
  return fields.flatMap((f) => (f.widget === "group" ? flatFields(f.children) : [f]));
}

export function capitalize(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : text;
}

export function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

// Paths are dotted field names ("unit.name", "tasks.ict", "week.mon").
export function getPath(root, path) {
  let node = root;
  for (const key of path.split(".")) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

// Sets a value; `undefined` removes the key ("not answered"). Missing tables are created, and a
// table that is not a table (a bad import) is replaced only on the way to a value.
export function setPath(root, path, value) {
  const keys = path.split(".");
  let node = root;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) {
      if (value === undefined) return;
      node[key] = {};
    }
    node = node[key];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

// The id a form control has for a path: mirrors Control.dom_id in sitegen/checker_page.py.
export function domId(prefix, path) {
  return prefix + path.replace(/\./g, "-").replace(/_/g, "-");
}

export function numberText(value) {
  return typeof value === "number" ? String(value).replace(".", ",") : String(value);
}

export function dateText(iso, months) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!m) return String(iso);
  return `${Number(m[3])} ${months[Number(m[2]) - 1]} ${m[1]}`;
}

export function addDays(iso, days) {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// The next Monday on or after today (local date), as an ISO date.
export function nextMonday(today = new Date()) {
  const d = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

export function slug(text, fallback = "pengaturan") {
  const out = String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return out || fallback;
}

// Offers text as a file download; the link is never added to the page, so Material's instant
// navigation does not see the click.
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: filename });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// Moves focus to an element (made focusable for the moment if it is not) and shows it.
export function focusOn(el, block = "center") {
  if (!el) return;
  const focusable = el.matches("input, select, textarea, button, a[href], [tabindex]")
    ? el : el.querySelector("input:not([type=hidden]), select, textarea, button") || el;
  if (!focusable.matches("input, select, textarea, button, a[href], [tabindex]")) {
    focusable.setAttribute("tabindex", "-1");
  }
  focusable.focus({ preventScroll: true });
  focusable.scrollIntoView({ block });
}

// Sets a live region's text so that screen readers announce it, even when it repeats.
export function announce(region, text) {
  if (!region) return;
  region.textContent = "";
  setTimeout(() => { region.textContent = text; }, 50);
}
