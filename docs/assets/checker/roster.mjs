// The roster editor: one compact row per employee (code, name, status, Monday to Sunday), an
// expandable detail row with every other field, add / duplicate / remove, a search filter and
// pages of 50 rows, so that units of hundreds of employees stay usable.
//
// Rows are cloned from <template> elements generated from the model; "IDX" in their ids is
// replaced by a per-employee uid. Controls write straight into the employee objects of the
// document's `employees` list (form.mjs).

import { applyConditions, bindControls, fillControls } from "./form.mjs";
import { bindLists, entryOf, renderLists } from "./lists.mjs";
import { domId, fmt } from "./util.mjs";

export const PAGE_SIZE = 50;
const ROW_PATHS = ["id", "name", "status", "week"];
const NEW_WEEK = { mon: "wfo", tue: "wfo", wed: "wfo", thu: "wfo", fri: "wfo" };
const ID_ATTRS = ["id", "for", "name", "aria-labelledby", "aria-describedby", "aria-controls", "data-uid"];

function labelOf(employee, index) {
  return [employee && employee.id, employee && employee.name].filter(Boolean).join(" · ") || String(index + 1);
}

function instantiate(template, uid) {
  const fragment = template.content.cloneNode(true);
  for (const el of fragment.querySelectorAll("*")) {
    for (const attr of ID_ATTRS) {
      const value = el.getAttribute(attr);
      if (value && value.includes("IDX")) el.setAttribute(attr, value.replaceAll("IDX", uid));
    }
  }
  return fragment;
}

export class Roster {
  constructor(root, strings, { changed, announce, signal, doc, errors }) {
    this.root = root;
    this.t = strings.roster;
    this.tl = strings.lists;
    this.changed = changed;
    this.announce = announce;
    this.doc = doc;
    this.errors = errors;
    this.removed = null; // {employee, index} of the last removal, for "Urungkan"
    this.undoBox = root.querySelector("#ck-undo");
    this.list = [];
    this.uids = new WeakMap();
    this.byUid = new Map();
    this.nextUid = 1;
    this.open = new Set();
    this.page = 0;
    this.filter = "";
    this.body = root.querySelector("#ck-roster-body");
    this.rowTpl = root.querySelector("#ck-row-tpl");
    this.detailTpl = root.querySelector("#ck-detail-tpl");
    this.count = root.querySelector("#ck-roster-count");
    this.empty = root.querySelector("#ck-roster-empty");
    this.pager = root.querySelector("#ck-pager");
    this.pageText = root.querySelector("#ck-page");
    this.filterInput = root.querySelector("#ck-filter");

    bindLists(this.body, (list) => this.employeeOf(list), this.tl, (event) => {
      const employee = this.employeeOf(event.target);
      const row = employee && this.rowFor(this.uids.get(employee));
      if (row) this.noteDated(row, employee);
      this.changed(event);
    }, signal);
    bindControls(this.body, (el) => entryOf(el) ?? this.employeeOf(el), (el, event) => {
      if (el.dataset.path === "id" || el.dataset.path === "name") this.updateHeading(el);
      this.changed(event);
    }, signal);
    this.body.addEventListener("click", (event) => this.onAction(event), { signal });
    root.querySelector("#ck-add").addEventListener("click", () => this.add(), { signal });
    root.querySelector("#ck-undo-btn").addEventListener("click", () => this.undo(), { signal });
    root.querySelector("#ck-prev").addEventListener("click", () => this.goTo(this.page - 1), { signal });
    root.querySelector("#ck-next").addEventListener("click", () => this.goTo(this.page + 1), { signal });
    this.filterInput.addEventListener("input", () => {
      this.filter = this.filterInput.value.trim().toLowerCase();
      this.page = 0;
      this.render();
    }, { signal });
  }

  // Takes the document's employee list (the same array: edits go straight into it).
  setList(list) {
    this.list = list;
    this.dropUndo();
    this.byUid.clear();
    this.open.clear();
    this.page = 0;
    this.filter = "";
    this.filterInput.value = "";
    this.render();
  }

  uidOf(employee) {
    let uid = this.uids.get(employee);
    if (!uid) {
      uid = `u${this.nextUid++}`;
      this.uids.set(employee, uid);
    }
    this.byUid.set(uid, employee);
    return uid;
  }

  employeeOf(el) {
    const row = el.closest("tr[data-uid]");
    return row ? this.byUid.get(row.dataset.uid) : undefined;
  }

  visible() {
    const all = this.list.map((e, i) => i);
    if (!this.filter) return all;
    return all.filter((i) => {
      const e = this.list[i] || {};
      return `${e.id ?? ""} ${e.name ?? ""}`.toLowerCase().includes(this.filter);
    });
  }

  pages(count) {
    return Math.max(1, Math.ceil(count / PAGE_SIZE));
  }

  goTo(page) {
    const pages = this.pages(this.visible().length);
    this.page = Math.min(Math.max(0, page), pages - 1);
    this.render();
  }

  render() {
    const shown = this.visible();
    const pages = this.pages(shown.length);
    if (this.page >= pages) this.page = pages - 1;
    const slice = shown.slice(this.page * PAGE_SIZE, (this.page + 1) * PAGE_SIZE);
    const fragment = document.createDocumentFragment();
    for (const index of slice) this.appendRow(fragment, index);
    this.body.replaceChildren(fragment);
    this.count.textContent = this.filter
      ? fmt(this.t.filter_count, { shown: shown.length, count: this.list.length })
      : fmt(this.t.count, { count: this.list.length });
    this.empty.hidden = this.list.length > 0;
    this.pager.hidden = pages <= 1;
    this.pageText.textContent = fmt(this.t.page, { page: this.page + 1, pages });
    this.root.querySelector("#ck-prev").disabled = this.page === 0;
    this.root.querySelector("#ck-next").disabled = this.page >= pages - 1;
  }

  appendRow(parent, index) {
    const employee = this.list[index];
    const uid = this.uidOf(employee);
    const fragment = instantiate(this.rowTpl, uid);
    const row = fragment.querySelector("tr");
    row.querySelector("[data-num]").textContent = String(index + 1);
    row.querySelector("[data-num]").setAttribute("aria-hidden", "true");
    row.querySelector("[data-employee-word]").textContent = fmt(this.t.employee, { n: index + 1 });
    fillControls(row, employee);
    this.noteDated(row, employee);
    if (this.errors && this.errors.needsDetail(employee, ROW_PATHS)) this.open.add(uid);
    const open = this.open.has(uid);
    if (open) row.querySelector("[data-act=detail]").setAttribute("aria-expanded", "true");
    const detail = open ? this.detailRow(employee, uid, index) : null;
    const holder = document.createElement("tbody");
    holder.append(fragment);
    if (detail) holder.append(detail);
    if (this.errors) this.errors.applyEmployee(employee, uid, holder);
    parent.append(...holder.childNodes);
  }

  // A rotation replaces the week shown in the row, and dates change it: say so under the name.
  noteDated(row, employee) {
    const cell = row.querySelector(".ck-cell-name");
    if (!cell) return;
    cell.querySelector(".ck-row-note")?.remove();
    const weeks = employee && employee.rotation && Array.isArray(employee.rotation.weeks) ? employee.rotation.weeks.length : 0;
    const dates = employee && Array.isArray(employee.dates) ? employee.dates.length : 0;
    const parts = [weeks ? fmt(this.t.rotation_note, { n: weeks }) : "", dates ? fmt(this.t.dates_note, { n: dates }) : ""].filter(Boolean);
    if (!parts.length) return;
    const note = document.createElement("span");
    note.className = "ck-row-note";
    note.textContent = parts.join("; ");
    cell.append(note);
  }

  // Shows, in each open detail, the questions that apply to that employee.
  applyConditions() {
    for (const row of this.body.querySelectorAll("tr.ck-detail")) {
      applyConditions(row, this.byUid.get(row.dataset.uid), this.doc && this.doc());
    }
  }

  detailRow(employee, uid, index) {
    const fragment = instantiate(this.detailTpl, uid);
    const row = fragment.querySelector("tr");
    fillControls(row, employee);
    renderLists(row, employee, this.tl);
    applyConditions(row, employee, this.doc && this.doc());
    this.setHeading(row.querySelector(".ck-detail-h"), employee, index);
    return fragment;
  }

  setHeading(heading, employee, index) {
    const who = [employee.id, employee.name].filter((x) => typeof x === "string" && x.trim()).join(" · ");
    heading.textContent = fmt(this.t.detail_heading, { n: index + 1 }) + (who ? `: ${who}` : "");
  }

  updateHeading(el) {
    const employee = this.employeeOf(el);
    const uid = this.uids.get(employee);
    const heading = this.body.querySelector(`#ck-dh-${uid}`);
    if (heading) this.setHeading(heading, employee, this.list.indexOf(employee));
  }

  rowFor(uid) {
    return this.body.querySelector(`tr.ck-row[data-uid="${uid}"]`);
  }

  onAction(event) {
    const button = event.target.closest("button[data-act]");
    if (!button) return;
    const employee = this.employeeOf(button);
    const index = this.list.indexOf(employee);
    if (index < 0) return;
    const act = button.dataset.act;
    if (act === "detail") this.toggle(employee, button);
    else if (act === "duplicate") this.duplicate(index);
    else if (act === "remove") this.remove(index);
  }

  toggle(employee, button) {
    const uid = this.uidOf(employee);
    const row = this.rowFor(uid);
    if (this.open.has(uid)) {
      this.open.delete(uid);
      this.body.querySelector(`#ck-d-${uid}`)?.remove();
      button.setAttribute("aria-expanded", "false");
    } else {
      this.open.add(uid);
      row.after(this.detailRow(employee, uid, this.list.indexOf(employee)));
      button.setAttribute("aria-expanded", "true");
    }
  }

  freeId(base) {
    const taken = new Set(this.list.map((e) => String(e && e.id)));
    let n = 2;
    let id = base;
    while (taken.has(id)) id = `${base}-${this.t.copy_suffix}${n > 2 ? `-${n - 1}` : ""}`, n++;
    return id;
  }

  newId() {
    const taken = new Set(this.list.map((e) => String(e && e.id)));
    let n = this.list.length + 1;
    while (taken.has(`P${n}`)) n++;
    return `P${n}`;
  }

  // Shows the row of employee `index` (clearing the filter, turning the page) and returns it.
  showIndex(index) {
    if (this.filter && !this.visible().includes(index)) {
      this.filter = "";
      this.filterInput.value = "";
    }
    const position = this.visible().indexOf(index);
    this.page = Math.floor(Math.max(0, position) / PAGE_SIZE);
    this.render();
    return this.rowFor(this.uidOf(this.list[index]));
  }

  add() {
    this.list.push({ id: this.newId(), week: { ...NEW_WEEK } });
    const index = this.list.length - 1;
    const row = this.showIndex(index);
    row?.querySelector("[data-path=id]")?.focus();
    this.announce(fmt(this.t.added, { n: index + 1 }));
    this.changed();
  }

  duplicate(index) {
    const copy = JSON.parse(JSON.stringify(this.list[index]));
    copy.id = this.freeId(String(copy.id ?? this.newId()));
    this.list.splice(index + 1, 0, copy);
    const row = this.showIndex(index + 1);
    row?.querySelector("[data-path=id]")?.focus();
    this.announce(fmt(this.t.duplicated, { n: index + 2 }));
    this.changed();
  }

  // Removes a person at once and offers "Urungkan" (focus moves there, not to another row's
  // "Hapus", so a second press of Enter does not remove someone else).
  remove(index) {
    const [gone] = this.list.splice(index, 1);
    this.open.delete(this.uids.get(gone));
    const label = labelOf(gone, index);
    this.removed = { employee: gone, index };
    this.render();
    this.root.querySelector("#ck-undo-text").textContent = fmt(this.t.removed, { name: label });
    const button = this.root.querySelector("#ck-undo-btn");
    button.setAttribute("aria-label", fmt(this.t.undo_label, { name: label }));
    this.undoBox.hidden = false;
    button.focus();
    this.announce(fmt(this.t.removed, { name: label }));
    this.changed();
  }

  undo() {
    if (!this.removed) return;
    const { employee, index } = this.removed;
    const at = Math.min(index, this.list.length);
    this.list.splice(at, 0, employee);
    this.dropUndo();
    const row = this.showIndex(at);
    row?.querySelector("[data-path=id]")?.focus();
    this.announce(fmt(this.t.restored, { name: labelOf(employee, at) }));
    this.changed();
  }

  dropUndo() {
    this.removed = null;
    if (this.undoBox) this.undoBox.hidden = true;
  }

  // The control of `path` (e.g. "tasks.ict") for employee `index`, opening its detail if needed.
  reveal(index, path) {
    if (!(index >= 0 && index < this.list.length)) return null;
    const employee = this.list[index];
    const uid = this.uidOf(employee);
    let row = this.showIndex(index);
    const find = (p) => this.body.querySelector(`#${CSS.escape(domId(`ck-e-${uid}-`, p))}`);
    const parts = path.split(".");
    let target = null;
    for (let n = parts.length; n > 0 && !target; n--) target = find(parts.slice(0, n).join("."));
    if (!target && !this.open.has(uid)) {
      this.open.add(uid);
      row = this.showIndex(index);
      for (let n = parts.length; n > 0 && !target; n--) target = find(parts.slice(0, n).join("."));
    }
    return target || row?.querySelector("[data-path]") || null;
  }
}
