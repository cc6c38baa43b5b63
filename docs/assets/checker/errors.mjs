// Problems in the GOV.UK pattern: the engine's validation issues turned into the question's own
// label and a plain message (no field paths), listed in page order in the summary and shown again
// at the field itself. The engine's message reads "<path> (<label>): <what is wrong>"; the page
// keeps the part after the field and puts the question's label (as the page asks it) before it.

import { capitalize, domId, flatFields, fmt, isObject } from "./util.mjs";

// The field whose path is the longest start of `sub` ("tasks.ict.x" -> "tasks.ict").
function longest(fields, sub) {
  const parts = sub.split(".");
  for (let n = parts.length; n > 0; n--) {
    const path = parts.slice(0, n).join(".");
    const field = fields.find((f) => f.path === path);
    if (field) return field;
  }
  return null;
}

// The message without the field it names: "employees[0].status (Status): wajib diisi." -> "wajib diisi."
export function issueParts(message, path) {
  const text = String(message || "");
  if (path && text.startsWith(path)) {
    let rest = text.slice(path.length);
    if (rest.startsWith(" (")) {
      const end = rest.indexOf("): ");
      if (end >= 0) return rest.slice(end + 3);
    }
    if (rest.startsWith(": ")) return rest.slice(2);
  }
  return text;
}

// Where a validation path lives: {employee: index or null, sub: path inside the document or the employee}.
function split(path) {
  const m = /^employees\[(\d+)\](?:\.(.+))?$/.exec(path || "");
  if (m) return { employee: Number(m[1]), sub: m[2] || "id" };
  return { employee: null, sub: (path || "").replace(/\[\d+\]/g, "") };
}

export class FieldErrors {
  constructor(checker) {
    this.c = checker;
    this.doc = []; // [{path, field, text}] for the document's own questions
    this.byEmployee = new Map(); // employee object -> [{sub, text}]
    this.sections = new Set();
    const data = checker.data;
    this.docFields = data.sections.flatMap((sec) => flatFields(sec.fields).map((f) => ({ ...f, section: sec.name })));
    this.employeeFields = flatFields(data.employee);
    this.order = [];
    for (const task of data.tasks) for (const name of task.sections) this.order.push(name);
  }

  // The question a dotted path (without indexes) belongs to.
  docField(sub) {
    return longest(this.docFields, sub);
  }

  employeeField(sub) {
    return longest(this.employeeFields, sub);
  }

  // The question's label as the page asks it.
  label(sub, employee) {
    const t = this.c.t;
    if (employee) {
      const m = /^(week|hours)\.(\w+)$/.exec(sub);
      const field = this.employeeField(sub);
      if (m) {
        const day = (this.c.data.weekdays.find(([d]) => d === m[2]) || [])[1] || m[2];
        return `${field ? field.label : m[1]}, ${day}`;
      }
      return field ? field.label : sub;
    }
    const field = this.docField(sub);
    if (field) return field.label;
    const section = this.c.data.sections.find((sec) => sec.name === sub.split(".")[0]);
    if (section) return section.title;
    if (sub === "employees") return t.roster.heading;
    return sub;
  }

  // Sorting key in page order: task order, then field order (employees: row, then field).
  key(where) {
    const top = where.sub.split(".")[0];
    if (where.employee !== null) {
      const i = this.employeeFields.findIndex((f) => where.sub === f.path || where.sub.startsWith(`${f.path}.`));
      return [this.order.indexOf("employees"), where.employee, i < 0 ? 999 : i];
    }
    const section = top === "employees" ? "employees" : top;
    const i = this.docFields.findIndex((f) => where.sub === f.path || where.sub.startsWith(`${f.path}.`));
    const at = this.order.indexOf(section);
    return [at < 0 ? 999 : at, -1, i < 0 ? 999 : i];
  }

  // Turns an engine error into summary items in page order; keeps the field messages.
  set(error, doc) {
    this.clear();
    const issues = error.issues || [];
    const messages = error.messages || [];
    const employees = Array.isArray(doc.employees) ? doc.employees : [];
    const items = messages.map((message, i) => {
      const path = issues[i] ? issues[i].path : null;
      const where = split(path);
      const rest = issueParts(message, path);
      const employee = where.employee !== null ? employees[where.employee] : null;
      const label = path === null || path === undefined || path === "" ? null : this.label(where.sub, where.employee !== null);
      let who = "";
      if (where.employee !== null) {
        const id = isObject(employee) && typeof employee.id === "string" && employee.id.trim() ? ` (${employee.id})` : "";
        who = fmt(this.c.t.errors.employee, { n: where.employee + 1 }) + id;
      }
      const summary = label ? `${who ? `${who}, ` : ""}${label}: ${rest}` : rest;
      const item = { path, where, text: capitalize(rest), summary, key: this.key(where) };
      if (where.employee !== null && isObject(employee)) {
        if (!this.byEmployee.has(employee)) this.byEmployee.set(employee, []);
        this.byEmployee.get(employee).push({ sub: where.sub, text: item.text });
        this.sections.add("employees");
      } else if (label) {
        this.doc.push(item);
        this.sections.add(where.sub.split(".")[0]);
      }
      return item;
    });
    items.sort((a, b) => {
      for (let k = 0; k < 3; k++) if (a.key[k] !== b.key[k]) return a.key[k] - b.key[k];
      return 0;
    });
    this.apply();
    this.c.roster.render();
    return items;
  }

  clear() {
    for (const el of this.c.form.querySelectorAll(".ck-field--error")) el.classList.remove("ck-field--error");
    for (const el of this.c.form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const el of this.c.form.querySelectorAll(".ck-error-msg")) {
      el.hidden = true;
      el.textContent = "";
    }
    this.doc = [];
    this.byEmployee = new Map();
    this.sections = new Set();
  }

  inSection(name) {
    return this.sections.has(name);
  }

  // Marks the document's own questions: the message above the control, the control invalid.
  apply() {
    for (const item of this.doc) {
      const field = this.docField(item.where.sub);
      const path = field ? field.path : item.where.sub;
      const id = domId("ck-f-", path);
      show(this.c.root, id, item.text);
    }
  }

  // Marks one employee's row and detail (called by the roster whenever it draws the rows).
  applyEmployee(employee, uid, body) {
    const list = this.byEmployee.get(employee);
    if (!list) return;
    for (const { sub, text } of list) {
      const field = this.employeeField(sub);
      const path = field ? field.path : sub;
      if (!show(body, domId(`ck-e-${uid}-`, path), text)) {
        // A day of the week: mark the select; its message goes to the row's code cell.
        const control = body.querySelector(`#${CSS.escape(domId(`ck-e-${uid}-`, sub))}`);
        if (control) control.setAttribute("aria-invalid", "true");
        show(body, domId(`ck-e-${uid}-`, "id"), `${this.label(sub, true)}: ${text}`);
      }
    }
  }

  // The detail panel is needed to show this employee's problems.
  needsDetail(employee, rowFields) {
    const list = this.byEmployee.get(employee) || [];
    return list.some(({ sub }) => !rowFields.some((f) => sub === f || sub.startsWith(`${f}.`)));
  }
}

// Shows `text` in the error element of control `id`; returns false when there is none.
function show(root, id, text) {
  const msg = root.querySelector(`#${CSS.escape(`${id}-error`)}`);
  if (!msg) return false;
  const previous = msg.hidden ? "" : `${msg.textContent} `;
  msg.textContent = previous + text;
  msg.hidden = false;
  const control = root.querySelector(`#${CSS.escape(id)}`);
  if (control) control.setAttribute("aria-invalid", "true");
  const wrapper = msg.closest(".ck-field, td, .ck-group") || msg.parentElement;
  if (wrapper) wrapper.classList.add("ck-field--error");
  return true;
}
