// Binds the generated form controls to the arrangement document.
//
// Every control has data-path (where its value lives, relative to a root object) and data-widget
// (how to read and write it); the page is generated from the model by sitegen/checker_page.py.
// Reading gives `undefined` for "not answered", which removes the key: the engine then reports
// "not assessable" instead of guessing. Text that is not a number is kept as typed, so the engine's
// validation names the field instead of the form silently dropping it.

import { getPath, setPath } from "./util.mjs";

const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;

function readNumber(raw) {
  const text = raw.trim();
  if (text === "") return undefined;
  if (!NUMBER.test(text)) return text;
  return Number(text.replace(",", "."));
}

export function readControl(el) {
  const widget = el.dataset.widget;
  switch (widget) {
    case "tri": {
      const checked = el.querySelector("input[type=radio]:checked");
      if (!checked || checked.value === "") return undefined;
      // A positive question for a negatively named field stores the opposite answer.
      return (checked.value === "true") !== (el.dataset.invert === "true");
    }
    case "check":
      return el.checked;
    case "select":
      return el.value === "" ? undefined : el.value;
    case "mapenum":
      return el.value === "" || el.value === el.dataset.absent ? undefined : el.value;
    case "int":
    case "float":
      return readNumber(el.value);
    case "percent": {
      // Asked as a percentage, stored as a share from 0 to 1 (what the format and the CLI use).
      const value = readNumber(el.value.replace(/%\s*$/, ""));
      return typeof value === "number" ? Math.round(value * 1e4) / 1e6 : value;
    }
    case "date":
      return el.value === "" ? undefined : el.value;
    case "enumlist":
      return [...el.querySelectorAll("input[type=checkbox]:checked")].map((c) => c.value);
    case "lines": {
      const items = el.value.split("\n").map((x) => x.trim()).filter(Boolean);
      return items.length ? items : undefined;
    }
    default: // text, textarea
      return el.value.trim() === "" ? undefined : el.value;
  }
}

export function writeControl(el, value) {
  const widget = el.dataset.widget;
  switch (widget) {
    case "tri": {
      const flip = el.dataset.invert === "true" && typeof value === "boolean";
      const shown = flip ? !value : value;
      const want = shown === true ? "true" : shown === false ? "false" : "";
      for (const radio of el.querySelectorAll("input[type=radio]")) radio.checked = radio.value === want;
      break;
    }
    case "check":
      el.checked = value === true;
      break;
    case "select":
    case "mapenum": {
      const fallback = widget === "mapenum" ? el.dataset.absent || "" : el.dataset.default || "";
      const wanted = value === undefined || value === null ? fallback : String(value);
      el.value = wanted;
      if (el.value !== wanted) el.value = fallback; // a value the form does not offer
      break;
    }
    case "int":
    case "float":
      el.value = value === undefined || value === null ? "" : String(value);
      break;
    case "percent":
      el.value = typeof value === "number" ? String(Math.round(value * 1e6) / 1e4)
        : value === undefined || value === null ? "" : String(value);
      break;
    case "enumlist": {
      const chosen = new Set(Array.isArray(value) ? value.map(String) : []);
      for (const box of el.querySelectorAll("input[type=checkbox]")) box.checked = chosen.has(box.value);
      break;
    }
    case "lines":
      el.value = Array.isArray(value) ? value.join("\n") : value === undefined || value === null ? "" : String(value);
      break;
    default:
      el.value = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  }
}

// The control elements under `container` (not those of nested templates, which are inert).
export function controls(container) {
  return container.querySelectorAll("[data-path][data-widget]");
}

export function fillControls(container, root) {
  for (const el of controls(container)) writeControl(el, getPath(root, el.dataset.path));
}

// Listens for edits under `container`; `rootFor(el)` names the object a control writes into
// (the document, or one employee), `changed(el, event)` is told after the value is stored.
export function bindControls(container, rootFor, changed, signal) {
  const handler = (event) => {
    const el = event.target.closest("[data-path][data-widget]");
    if (!el || !container.contains(el)) return;
    const root = rootFor(el);
    if (!root) return;
    setPath(root, el.dataset.path, readControl(el));
    changed(el, event);
  };
  container.addEventListener("input", handler, { signal });
  container.addEventListener("change", handler, { signal });
}

// Shows the questions that can matter and hides the others (their answers stay in the document).
// Each wrapper with data-show-if names a condition (sitegen/checker_page.py, SHOW_IF) on `root`
// (the document or one employee); `doc` is the whole document, for conditions on any employee.
export function applyConditions(container, root, doc) {
  for (const el of container.querySelectorAll("[data-show-if]")) {
    let cond;
    try {
      cond = JSON.parse(el.dataset.showIf);
    } catch {
      continue;
    }
    el.hidden = !meets(cond, root, doc);
  }
}

// Whether a question applies (its SHOW_IF condition holds) for `root` within `doc`.
export function meets(cond, root, doc) {
  if (cond.any) {
    const list = doc && Array.isArray(doc[cond.any]) ? doc[cond.any] : [];
    return list.some((item) => meets({ ...cond, any: undefined }, item, doc));
  }
  const value = getPath(root || {}, cond.path);
  if (cond.has) {
    return value !== null && typeof value === "object" && Object.values(value).includes(cond.has);
  }
  const v = value === undefined ? null : value;
  if (cond.in) return cond.in.includes(v);
  if (cond.not) return !cond.not.includes(v);
  return true;
}
