// The checker page's controller: the arrangement document, the form bound to it, the engine,
// imports and exports, autosave and share links, results, and the quick individual check.
// Loaded by app.mjs only on the page that has #ck-root; one instance per page view.

import { getEngine } from "./engine.mjs";
import { applyConditions, bindControls, controls, writeControl } from "./form.mjs";
import { FieldErrors, issueParts } from "./errors.mjs";
import { bindLists, entryOf, renderLists } from "./lists.mjs";
import { renderPersonal, renderReport } from "./results.mjs";
import { Roster } from "./roster.mjs";
import * as store from "./store.mjs";
import { addDays, announce, capitalize, clone, domId, download, flatFields, fmt, focusOn, getPath, h, isObject, nextMonday, slug } from "./util.mjs";

const DOC_KEY = "pengaturan";
const INDIVIDUAL_KEY = "perorangan";
const MAX_BYTES = 20 * 1024 * 1024;
const NEW_WEEK = { mon: "wfo", tue: "wfo", wed: "wfo", thu: "wfo", fri: "wfo" };

function freshDocument() {
  return { period: {}, unit: {}, employees: [{ id: "P1", week: { ...NEW_WEEK } }] };
}

// ISO 8601 with the reader's offset: "2025-07-03T09:41:00+07:00".
function isoLocal(date) {
  const pad = (n) => String(Math.abs(Math.trunc(n))).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:` +
    `${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

function jsonOrNull(bytes) {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
}

function kindOf(value) {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value;
}

// A results container with data-state = loading | ready | error.
class ResultsBox {
  constructor(el, message, live) {
    this.el = el;
    this.message = message;
    this.live = live;
  }

  set(state, text) {
    this.el.dataset.state = state;
    // Counts finished runs (tests and tools can wait for the next one).
    if (state !== "loading") this.el.dataset.done = String(Number(this.el.dataset.done || 0) + 1);
    if (this.message) {
      this.message.textContent = text || "";
      this.message.hidden = !text;
    }
  }
}

export class Checker {
  constructor(root) {
    this.root = root;
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.data = JSON.parse(root.querySelector("#ck-data").content.textContent);
    this.t = this.data.strings;
    this.msg = this.data.msg;
    this.engine = getEngine();
    this.kinds = Object.fromEntries(Object.entries(this.msg.enum.DayKind).map(([k, label]) => [k, {
      label, short: this.t.daykind_short[k] || label, abbr: this.t.daykind_abbr[k] || label.slice(0, 1),
    }]));
    this.ui = {
      t: this.t, msg: this.msg, data: this.data, kinds: this.kinds, idPrefix: "ck-rule-",
      siteRoot: new URL("../", location.href), rosterPosition: this.data.rosterPosition,
    };
    this.$ = (id) => root.querySelector(`#${id}`);
    this.form = this.$("ck-form");
    this.results = new ResultsBox(this.$("ck-results"), this.$("ck-results-msg"), this.$("ck-live"));
    this.indResults = new ResultsBox(this.$("ck-ind-results"), null, this.$("ck-ind-live"));
    this.run = 0;
    this.indRun = 0;
    this.busy = 0;
    this.report = null;
    this.checked = null;
    this.saveTimer = null;
    this.storageWarned = false;
    this.cleanJson = null; // the document as last loaded from a file, example or link
    this.fieldErrors = new FieldErrors(this);

    this.roster = new Roster(root, this.t, {
      changed: (event) => this.changed(event), announce: (text) => this.status(text), signal,
      doc: () => this.doc, errors: this.fieldErrors,
    });
    bindControls(this.form, (el) => (el.closest("#ck-roster-body") ? null : entryOf(el) ?? this.doc),
      (el, event) => this.changed(event), signal);
    bindLists(this.form, (list) => (list.closest("#ck-roster-body") ? null : this.doc), this.t.lists,
      (event) => this.changed(event), signal);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.check({ name: null });
    }, { signal });
    this.root.addEventListener("click", (event) => this.onGoto(event), { signal });
    this.bindTools(signal);
    this.bindEngine(signal);
    this.bindIndividual(signal);
    this.$("ck-report").addEventListener("click", (event) => this.onReportClick(event), { signal });
    this.$("ck-errors").addEventListener("click", (event) => this.onErrorClick(event, "main"), { signal });
    this.$("ck-ind-errors").addEventListener("click", (event) => this.onErrorClick(event, "individual"), { signal });
    addEventListener("hashchange", () => this.applyHash(), { signal });
    addEventListener("pagehide", () => this.saveNow(), { signal });

    const saved = store.load(DOC_KEY);
    this.setDocument(saved && isObject(saved.doc) ? saved.doc : freshDocument(), { save: false });
    if (saved && isObject(saved.doc)) {
      this.status(this.t.form.restored);
      if (saved.clean) this.cleanJson = JSON.stringify(saved.doc);
    }
    this.engine.start();
    this.engineChanged();
    root.dataset.ckReady = "true";
    // A file chosen before this script ran (a slow link, a busy computer) is read now.
    const input = this.$("ck-import");
    if (input.files && input.files.length) this.importFile(input);
    else this.applyHash();
  }

  destroy() {
    this.saveNow();
    if (this.pendingHash && !location.hash) {
      history.replaceState(history.state, "", location.pathname + location.search + this.pendingHash);
    }
    if (this.pendingReplace) this.pendingReplace(false);
    this.dead = true;
    this.abort.abort();
  }

  // ---- the document and the form ---------------------------------------------------------

  setDocument(doc, { save = true } = {}) {
    if (!Array.isArray(doc.employees)) doc.employees = [];
    this.doc = doc;
    for (const el of controls(this.form)) {
      if (!el.closest("#ck-roster-body")) writeControl(el, getPath(doc, el.dataset.path));
    }
    renderLists(this.formOutsideRoster(), doc, this.t.lists);
    this.roster.setList(doc.employees);
    this.$("ck-share-out").hidden = true;
    this.fieldErrors.clear();
    this.refresh();
    if (save) this.saveNow();
  }

  // Shows the questions that apply and the task list's statuses for the current document.
  refresh() {
    applyConditions(this.form.querySelector("#ck-roster-body") ? this.formOutsideRoster() : this.form, this.doc, this.doc);
    this.roster.applyConditions();
    this.updateTasks();
  }

  // The form without the roster's rows (they belong to the employees, not to the document).
  formOutsideRoster() {
    return { querySelectorAll: (sel) => [...this.form.querySelectorAll(sel)].filter((el) => !el.closest("#ck-roster-body")) };
  }

  // GOV.UK task list: each task's status from the answers (and the last check's problems).
  updateTasks() {
    const t = this.t.tasks;
    let done = 0;
    for (const task of this.data.tasks) {
      const status = this.taskStatus(task);
      if (status === "completed") done++;
      const tag = this.$(`ck-ts-${task.name}`);
      if (tag && tag.dataset.status !== status) {
        tag.dataset.status = status;
        tag.textContent = t.status[status];
      }
    }
    this.$("ck-progress").textContent = fmt(t.progress, { done, total: this.data.tasks.length });
  }

  taskStatus(task) {
    if (task.sections.some((name) => this.fieldErrors.inSection(name))) return "attention";
    let answered = 0;
    let total = 0;
    for (const name of task.sections) {
      if (name === "employees") {
        const list = Array.isArray(this.doc.employees) ? this.doc.employees : [];
        const started = list.some((e) => isObject(e) && (e.status !== undefined || e.name !== undefined));
        const complete = list.length > 0 && list.every((e) => isObject(e) && e.id && e.status);
        total += 1;
        answered += complete ? 1 : started ? 0.5 : 0;
        continue;
      }
      const section = this.data.sections.find((sec) => sec.name === name);
      for (const field of flatFields(section ? section.fields : [])) {
        if (field.readonly || field.widget === "check" || field.widget === "tablelist") continue;
        const el = this.form.querySelector(`[data-field="${CSS.escape(field.path)}"]`);
        if (el && el.hidden) continue;
        total += 1;
        const value = getPath(this.doc, field.path);
        if (value !== undefined && !(Array.isArray(value) && !value.length && field.widget !== "enumlist")) answered += 1;
      }
    }
    if (!answered) return "not-started";
    return answered >= total ? "completed" : "in-progress";
  }

  // Links to a task (the task list, "Kembali ke daftar bagian") move focus to its heading.
  onGoto(event) {
    const link = event.target.closest("a[data-goto]");
    if (!link || !this.root.contains(link)) return;
    event.preventDefault();
    const name = link.dataset.goto;
    const target = { tasks: "ck-tasks-h", check: "ck-check", individual: "individu-h" }[name] || `ck-task-${name}-h`;
    focusOn(this.$(target), name === "check" ? "center" : "start");
  }

  changed(event) {
    this.refresh();
    this.$("ck-share-out").hidden = true;
    if (this.report && !this.$("ck-stale")) {
      this.$("ck-report").prepend(h("p", { class: "ck-stale", id: "ck-stale", role: "note" }, this.t.results.stale));
    }
    clearTimeout(this.saveTimer);
    if (event && event.type === "input") this.saveTimer = setTimeout(() => this.saveNow(), 300);
    else this.saveNow();
  }

  saveNow() {
    clearTimeout(this.saveTimer);
    if (this.dead || !this.doc) return;
    const clean = this.cleanJson !== null && JSON.stringify(this.doc) === this.cleanJson;
    if (!store.save(DOC_KEY, { doc: this.doc, saved: new Date().toISOString(), clean }) && !this.storageWarned) {
      this.storageWarned = true;
      this.status(this.t.errors.storage);
    }
  }

  status(text) {
    const el = this.$("ck-status");
    if (el) el.textContent = text;
  }

  // ---- engine ---------------------------------------------------------------------------

  bindEngine(signal) {
    for (const type of ["progress", "ready", "error"]) {
      this.engine.addEventListener(type, () => this.engineChanged(), { signal });
    }
    this.$("ck-engine-retry").addEventListener("click", () => {
      this.engine.retry();
      this.engineChanged();
    }, { signal });
  }

  engineChanged() {
    if (this.dead) return;
    const engine = this.engine;
    const state = engine.state;
    const panel = this.$("ck-engine");
    panel.dataset.state = state;
    const bar = this.$("ck-engine-progress");
    const message = this.$("ck-engine-msg");
    const error = this.$("ck-engine-error");
    if (state === "error") {
      const failure = engine.failure || { message: "", causes: [] };
      message.textContent = "";
      bar.hidden = true;
      error.hidden = false;
      this.$("ck-engine-error-msg").textContent = failure.message;
      const causes = failure.causes || [];
      this.$("ck-engine-causes").hidden = !causes.length;
      this.$("ck-engine-causes-list").replaceChildren(...causes.map((c) => h("li", {}, c)));
    } else {
      error.hidden = true;
      bar.hidden = state !== "loading";
      if (state === "loading") {
        message.textContent = (engine.progress && engine.progress.message) || this.t.engine.loading;
        if (engine.progress) bar.value = engine.progress.percent;
        else bar.removeAttribute("value");
      } else if (state === "ready") {
        message.textContent = this.t.engine.ready;
      }
    }
    if (!this.busy) {
      const box = this.results;
      const current = box.el.dataset.state;
      if (state === "error") box.set("error", this.report ? "" : this.t.results.failed);
      else if (state === "loading") box.set("loading", this.report ? "" : this.t.results.none);
      else if (current === "loading") box.set("ready", this.report ? "" : this.t.results.none);
    }
    if (!this.indBusy) {
      const current = this.indResults.el.dataset.state;
      if (state === "error") this.indResults.set("error");
      else if (state === "loading") this.indResults.set("loading");
      else if (current === "loading") this.indResults.set("ready");
    }
  }

  // ---- checking -------------------------------------------------------------------------

  // Runs an operation that ends by setting the results' state (import, example, share link,
  // check); while one runs, the engine's own state changes leave the results alone.
  async task(fn) {
    this.busy++;
    try {
      return await fn();
    } catch (err) {
      // Never a raw error on the page: say what failed, keep the user's data.
      if (!this.dead) this.results.set("error", fmt(this.t.errors.engine_failed, { message: err && err.message }));
      return null;
    } finally {
      this.busy--;
    }
  }

  // Checks `doc` (the form's document by default) and shows the report or the problems.
  check(options) {
    return this.task(() => this.runCheck(options));
  }

  async runCheck({ doc = this.doc, name = null, focus = true } = {}) {
    const run = ++this.run;
    this.results.set("loading", this.engine.state === "ready" ? this.t.results.checking : this.t.results.waiting);
    let result;
    try {
      result = await this.engine.check(clone(doc), { lang: "id", name });
    } catch (err) {
      result = { crash: err };
    }
    if (this.dead || run !== this.run) return null;
    if (result.crash) {
      this.clearReport();
      this.results.set("error", fmt(this.t.errors.engine_failed, { message: result.crash.message }));
      return null;
    }
    if (result.error) {
      this.clearReport();
      this.showErrors("main", this.t.errors.check_heading, result.error, true);
      this.results.set("error", this.t.results.invalid);
      return null;
    }
    this.hideErrors("main");
    this.showReport(result, doc, focus);
    return result;
  }

  showReport(report, doc, focus) {
    this.report = report;
    this.checked = clone(doc);
    this.checkedAt = new Date();
    this.$("ck-report").replaceChildren(renderReport(report, this.checked, { ...this.ui, checkedAt: this.checkedAt }));
    this.results.set("ready", "");
    announce(this.results.live, fmt(this.t.results.announce, { title: report.verdict.title }));
    if (focus) focusOn(this.$("ck-summary"));
  }

  clearReport() {
    this.report = null;
    this.checked = null;
    this.$("ck-report").replaceChildren();
  }

  onReportClick(event) {
    const change = event.target.closest("[data-change]");
    if (change) {
      event.preventDefault();
      const task = this.data.tasks.find((t) => t.sections.includes(change.dataset.change));
      focusOn(this.$(task ? `ck-task-${task.name}-h` : `ck-sec-${change.dataset.change}-h`), "start");
      return;
    }
    const button = event.target.closest("[data-report]");
    if (!button || !this.report) return;
    const name = `hasil-${slug(this.report.unit && this.report.unit.name)}`;
    const what = button.dataset.report;
    if (what === "print") {
      window.print();
      return;
    }
    // Reports are records: the time of the check, and links that work outside the site.
    const meta = { checked_at: isoLocal(this.checkedAt), site_url: this.ui.siteRoot.href };
    const [format, ext, type] = what === "json" ? ["json", "json", "application/json"] : ["markdown", "md", "text/markdown"];
    this.engine.call("render", { report: this.report, format, meta })
      .then((text) => download(`${name}.${ext}`, text.endsWith("\n") ? text : `${text}\n`, type))
      .catch((err) => this.status(fmt(this.t.errors.engine_failed, { message: err.message })));
  }

  // ---- problems ----------------------------------------------------------------------------

  // The summary of problems (GOV.UK): in page order, each with the question's label and a plain
  // message, linking to the field, where the same message is shown. `link` false: an import's
  // problems (the file, not the form, is wrong: no field to go to, the form is unchanged).
  showErrors(which, heading, error, link, doc = this.doc) {
    const prefix = which === "main" ? "ck-errors" : "ck-ind-errors";
    const box = this.$(prefix);
    this.$(`${prefix}-intro`).textContent = heading;
    let items;
    if (which === "main" && link) {
      items = this.fieldErrors.set(error, doc);
      this.updateTasks();
    } else {
      items = this.plainItems(error, which === "individual");
      if (which === "individual") this.markIndividual(items);
    }
    this.$(`${prefix}-list`).replaceChildren(...items.map((item) => {
      if (!link || !item.path) return h("li", {}, item.summary);
      return h("li", {}, h("a", { href: `#${which === "main" ? "ck-form" : "ck-ind-form"}`, "data-issue": item.path }, item.summary));
    }));
    box.hidden = false;
    focusOn(box);
  }

  // Issues with the page's labels, in the engine's order (imports; the individual form).
  plainItems(error, individual) {
    const issues = error.issues || [];
    return (error.messages || []).map((message, i) => {
      const path = issues[i] ? issues[i].path : null;
      const rest = issueParts(message, path);
      if (!path) return { path, summary: rest, text: rest };
      const m = /^employees\[(\d+)\](?:\.(.+))?$/.exec(path);
      const sub = m ? (m[2] || "id") : path.replace(/\[\d+\]/g, "");
      let label = individual && sub.startsWith("period.") ? this.t.individual.week_start
        : this.fieldErrors.label(sub, Boolean(m));
      // A column the format does not know: name it as written in the file, under its table.
      if (issues[i].code === "unknown_field") label = `${this.fieldErrors.label(sub.split(".").slice(0, -1).join(".") || sub, Boolean(m))}, "${sub.split(".").pop()}"`;
      const who = m && !individual ? `${fmt(this.t.errors.employee, { n: Number(m[1]) + 1 })}, ` : "";
      return { path, sub, summary: `${who}${label}: ${rest}`, text: capitalize(rest) };
    });
  }

  markIndividual(items) {
    const form = this.$("ck-ind-form");
    for (const el of form.querySelectorAll(".ck-error-msg")) {
      el.hidden = true;
      el.textContent = "";
    }
    for (const el of form.querySelectorAll(".ck-field--error")) el.classList.remove("ck-field--error");
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const item of items) {
      if (!item.path) continue;
      const control = this.individualControlFor(item.path);
      if (!control || control === form) continue;
      const id = control.id;
      let msg = form.querySelector(`#${CSS.escape(`${id}-error`)}`);
      if (!msg) {
        const fieldset = control.closest("fieldset[id]");
        msg = fieldset && form.querySelector(`#${CSS.escape(`${fieldset.id}-error`)}`);
      }
      if (!msg) continue;
      msg.textContent = item.text;
      msg.hidden = false;
      control.setAttribute("aria-invalid", "true");
      (msg.closest(".ck-field") || msg.parentElement).classList.add("ck-field--error");
    }
  }

  hideErrors(which) {
    this.$(which === "main" ? "ck-errors" : "ck-ind-errors").hidden = true;
    if (which === "main") this.$("ck-load-draft").hidden = true;
    if (which === "main") {
      this.fieldErrors.clear();
      this.roster.render();
      this.updateTasks();
    } else {
      this.markIndividual([]);
    }
  }

  onErrorClick(event, which) {
    const a = event.target.closest("a[data-issue]");
    if (!a) return;
    event.preventDefault();
    const el = which === "main" ? this.controlFor(a.dataset.issue) : this.individualControlFor(a.dataset.issue);
    focusOn(el);
  }

  // The form control of a validation path such as "unit.service_hours" or "employees[2].week.mon".
  controlFor(path) {
    const dotted = path.replace(/\[(\d+)\]/g, ".$1");
    const m = /^employees\.(\d+)(?:\.(.+))?$/.exec(dotted);
    if (m) return this.roster.reveal(Number(m[1]), (m[2] || "id").replace(/\.\d+/g, ""));
    if (dotted === "employees") return this.$("ck-add");
    const parts = dotted.split(".").filter((p) => !/^\d+$/.test(p));
    for (let n = parts.length; n > 0; n--) {
      const el = this.root.querySelector(`#${CSS.escape(domId("ck-f-", parts.slice(0, n).join(".")))}`);
      if (el) return el;
    }
    return this.$(`ck-sec-${parts[0]}-h`) || this.form;
  }

  individualControlFor(path) {
    const dotted = path.replace(/\[(\d+)\]/g, ".$1");
    if (dotted.startsWith("period.")) return this.$("ck-i-period-start");
    const rest = dotted.replace(/^employees\.\d+\.?/, "");
    const parts = rest.split(".").filter((p) => p && !/^\d+$/.test(p));
    for (let n = parts.length; n > 0; n--) {
      const el = this.root.querySelector(`#${CSS.escape(domId("ck-i-", parts.slice(0, n).join(".")))}`);
      if (el) return el;
    }
    return this.$("ck-ind-form");
  }

  // ---- tools: examples, import, export, share, start again ------------------------------

  bindTools(signal) {
    const on = (id, fn) => this.$(id) && this.$(id).addEventListener("click", fn, { signal });
    on("ck-load-example", () => this.loadExample(this.$("ck-example").value));
    this.$("ck-import").addEventListener("change", (event) => this.importFile(event.target), { signal });
    this.$("ck-csv-import").addEventListener("change", (event) => this.importCsv(event.target), { signal });
    on("ck-csv-export", () => this.exportCsv());
    on("ck-csv-template", () => this.csvTemplate());
    on("ck-export-json", () => this.exportJson());
    on("ck-export-toml", () => this.exportToml());
    on("ck-share", () => this.share());
    on("ck-reset", () => this.askReset(true));
    on("ck-reset-no", () => this.askReset(false));
    on("ck-reset-yes", () => this.reset());
    on("ck-replace-keep", () => this.answerReplace(false));
    on("ck-replace-yes", () => this.answerReplace(true));
    on("ck-replace-download", () => this.exportJson());
    on("ck-load-draft", () => this.openDraft());
  }

  // ---- nothing replaced without asking ----------------------------------------------------

  // True when the form holds work that `incoming` would replace: not the empty start, not the
  // same data, and changed since it was last loaded from a file, an example or a link.
  holdsOtherWork(incoming) {
    const now = JSON.stringify(this.doc);
    if (now === JSON.stringify(freshDocument())) return false;
    if (incoming !== undefined && now === JSON.stringify(incoming)) return false;
    return now !== this.cleanJson;
  }

  // Asks before `what` replaces the form's data; resolves true (replace) or false (keep).
  askReplace(what) {
    if (this.pendingReplace) this.pendingReplace(false);
    const box = this.$("ck-replace");
    const t = this.t.replace;
    const list = Array.isArray(this.doc.employees) ? this.doc.employees : [];
    const unit = (isObject(this.doc.unit) && typeof this.doc.unit.name === "string" && this.doc.unit.name.trim()) || t.unnamed;
    this.$("ck-replace-text").textContent = fmt(t.text, { current: fmt(t.current, { unit, count: list.length }), what: capitalize(what) });
    this.$("ck-replace-yes").textContent = fmt(t.replace, { what });
    this.replaceFrom = document.activeElement;
    box.hidden = false;
    focusOn(box);
    return new Promise((resolve) => {
      this.pendingReplace = (yes) => {
        this.pendingReplace = null;
        box.hidden = true;
        resolve(yes);
      };
    });
  }

  answerReplace(yes) {
    if (this.pendingReplace) this.pendingReplace(yes);
    const back = this.replaceFrom;
    if (back && back.isConnected && back.type !== "file") back.focus();
    else focusOn(this.$("ck-status"));
  }

  // Runs `load` (which replaces the form's data) after asking, when the form holds other work.
  async replaceWith(incoming, what, load) {
    if (this.holdsOtherWork(incoming)) {
      this.settleResults();
      if (!(await this.askReplace(what))) {
        this.status(fmt(this.t.tools.kept, { what }));
        return false;
      }
    }
    await this.task(load);
    return true;
  }

  // The results' state when nothing is running: the last report, or what the engine allows.
  settleResults() {
    const state = this.engine.state;
    if (this.report) this.results.set("ready", "");
    else if (state === "error") this.results.set("error", this.t.results.failed);
    else if (state === "ready") this.results.set("ready", this.t.results.none);
    else this.results.set("loading", this.t.results.none);
  }

  // Loads a document that passed validation (or could not be validated) and shows its report.
  adopt(doc, report, note) {
    this.setDocument(doc);
    this.cleanJson = JSON.stringify(doc);
    this.saveNow();
    this.hideErrors("main");
    this.status(note);
    if (report) this.showReport(report, doc, true);
  }

  failImport(heading, error) {
    this.$("ck-load-draft").hidden = true;
    this.draftOffer = null;
    this.clearReport();
    this.showErrors("main", heading, Array.isArray(error) ? { messages: error } : error, false);
    this.results.set("error", this.t.results.invalid);
  }

  // Reads a file as the command line does (the engine's own loader, validation included), asks
  // before it replaces other work, then checks it.
  importFile(input) {
    const file = input.files && input.files[0];
    if (!file) return null;
    const name = file.name;
    const heading = fmt(this.t.errors.import_heading, { file: name });
    let doc;
    return this.task(async () => {
      this.results.set("loading", this.t.results.checking);
      try {
        if (file.size > MAX_BYTES) {
          this.failImport(heading, [fmt(this.t.errors.too_large, { limit_mb: MAX_BYTES / 1048576 })]);
          return;
        }
        const bytes = new Uint8Array(await file.arrayBuffer());
        let parsed;
        try {
          parsed = await this.engine.call("parseBytes", { data: toBase64(bytes), name, lang: "id" });
        } catch (err) {
          // No engine: a JSON file is still loaded (unchecked), so the form can be filled and saved.
          doc = jsonOrNull(bytes);
          if (isObject(doc)) {
            this.adopt(doc, null, fmt(this.t.tools.loaded_file, { file: name }));
            this.clearReport();
            this.results.set("error", fmt(this.t.errors.engine_failed, { message: err.message }));
          } else {
            this.failImport(heading, [this.t.errors.engine_needed]);
          }
          doc = undefined;
          return;
        }
        if (parsed.error) {
          this.failImport(heading, parsed.error);
          await this.offerDraft(bytes, name);
          return;
        }
        doc = parsed.document;
      } finally {
        input.value = "";
      }
    }).then(() => doc === undefined ? null : this.replaceWith(doc, fmt(this.t.replace.what_file, { file: name }),
      () => this.validateAndAdopt(doc, name, heading, fmt(this.t.tools.loaded_file, { file: name }))));
  }

  // A file that is rejected but readable (an unfinished draft saved from this page) can still be
  // opened as a draft: its data comes into the form with every problem marked at its field.
  async offerDraft(bytes, name) {
    const button = this.$("ck-load-draft");
    button.hidden = true;
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return;
    }
    let parsed;
    try {
      parsed = await this.engine.call("parse", { text, name, lang: "id", keep_invalid: true });
    } catch {
      return;
    }
    if (!parsed || !isObject(parsed.document) || !parsed.error) return;
    button.hidden = false;
    this.draftOffer = { doc: parsed.document, error: parsed.error, name };
  }

  async openDraft() {
    const offer = this.draftOffer;
    if (!offer) return;
    this.draftOffer = null;
    this.$("ck-load-draft").hidden = true;
    await this.replaceWith(offer.doc, fmt(this.t.replace.what_file, { file: offer.name }), async () => {
      this.setDocument(offer.doc);
      this.cleanJson = JSON.stringify(offer.doc);
      this.saveNow();
      this.clearReport();
      this.status(fmt(this.t.tools.loaded_draft, { file: offer.name }));
      this.showErrors("main", this.t.errors.check_heading, offer.error, true);
      this.results.set("error", this.t.results.invalid);
    });
  }

  async validateAndAdopt(doc, name, heading, note) {
    if (!isObject(doc)) {
      this.failImport(heading, [fmt(this.t.errors.not_object, { kind: kindOf(doc) })]);
      return;
    }
    const run = ++this.run;
    this.results.set("loading", this.t.results.checking);
    let result;
    try {
      result = await this.engine.check(clone(doc), { lang: "id", name });
    } catch (err) {
      result = { crash: err };
    }
    if (this.dead || run !== this.run) return;
    if (result.crash) {
      this.adopt(doc, null, note);
      this.clearReport();
      this.results.set("error", fmt(this.t.errors.engine_failed, { message: result.crash.message }));
      return;
    }
    if (result.error) {
      this.failImport(heading, result.error);
      return;
    }
    this.adopt(doc, result, note);
  }

  async loadExample(slugValue) {
    const example = this.data.examples.find((e) => e.slug === slugValue);
    const heading = this.t.errors.heading;
    let doc;
    await this.task(async () => {
      if (!example) {
        this.failImport(heading, [fmt(this.t.errors.example_unknown, { slug: slugValue })]);
        return;
      }
      this.results.set("loading", this.t.results.checking);
      let text;
      try {
        const response = await fetch(new URL(`../${this.data.examplesDir}/${example.file}`, location.href));
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        text = await response.text();
      } catch (err) {
        this.failImport(heading, [fmt(this.t.errors.example_missing, { file: example.file, detail: err.message })]);
        return;
      }
      let parsed;
      try {
        parsed = await this.engine.parse(text, { name: example.file, lang: "id" });
      } catch (err) {
        this.failImport(heading, [fmt(this.t.errors.engine_failed, { message: err.message })]);
        return;
      }
      if (parsed.error) {
        this.failImport(fmt(this.t.errors.import_heading, { file: example.file }), parsed.error);
        return;
      }
      doc = parsed.document;
    });
    if (doc === undefined || this.dead) return;
    await this.replaceWith(doc, fmt(this.t.replace.what_example, { title: example.title }), async () => {
      this.setDocument(doc);
      this.cleanJson = JSON.stringify(doc);
      this.saveNow();
      this.hideErrors("main");
      this.status(fmt(this.t.tools.loaded_example, { title: example.title }));
      await this.runCheck({ name: example.file });
    });
  }

  async applyHash() {
    const hash = store.readHash(location.hash);
    if (!hash || this.dead) return;
    // Until the link is dealt with, a page view that replaces this one (Material's instant
    // navigation re-creates the page) gets it back in the address: see destroy().
    this.pendingHash = location.hash;
    const drop = () => history.replaceState(history.state, "", location.pathname + location.search);
    try {
      await this.applyLink(hash, drop);
    } finally {
      this.pendingHash = null;
    }
  }

  async applyLink(hash, drop) {
    if (hash.kind === "example") {
      drop();
      await this.loadExample(hash.value);
      return;
    }
    let doc;
    try {
      doc = await store.decodeShare(hash.value);
      // This page view was replaced meanwhile: the link stays in the address for the new one.
      if (this.dead) return;
      drop();
    } catch (err) {
      drop();
      this.task(async () => this.failImport(this.t.errors.heading, [err.code === "unsupported" ? this.t.errors.share_unsupported : this.t.errors.share_invalid]));
      return;
    }
    if (!isObject(doc)) {
      this.task(async () => this.failImport(this.t.errors.heading, [this.t.errors.share_invalid]));
      return;
    }
    if (this.dead) return;
    // A shared arrangement is restored as it was, even if incomplete; the check says what is missing.
    await this.replaceWith(doc, this.t.replace.what_share, async () => {
      this.setDocument(doc);
      this.cleanJson = JSON.stringify(doc);
      this.saveNow();
      this.hideErrors("main");
      this.status(this.t.tools.loaded_share);
      await this.runCheck({ name: null });
    });
  }

  // ---- the roster as a spreadsheet (CSV), read and written by the engine ------------------

  csvName(suffix) {
    return `${slug(this.doc.unit && this.doc.unit.name)}-${suffix}.csv`;
  }

  async exportCsv() {
    try {
      const text = await this.engine.call("rosterToCsv", { document: clone(this.doc), lang: "id" });
      const name = this.csvName("pegawai");
      download(name, text, "text/csv");
      this.status(fmt(this.t.tools.exported, { file: name }));
    } catch (err) {
      this.status(fmt(this.t.errors.engine_failed, { message: err.message }));
    }
  }

  async csvTemplate() {
    try {
      const text = await this.engine.call("rosterCsvTemplate", { lang: "id" });
      download("templat-daftar-pegawai.csv", text, "text/csv");
      this.status(fmt(this.t.tools.exported, { file: "templat-daftar-pegawai.csv" }));
    } catch (err) {
      this.status(fmt(this.t.errors.engine_failed, { message: err.message }));
    }
  }

  // Takes the staff list and weekly pattern from a CSV file: rows become the roster, and a person
  // matched by code keeps what the CSV does not hold. Dropping people not in the file is asked
  // first; a bad file names the line and column and leaves the form as it was.
  async importCsv(input) {
    const file = input.files && input.files[0];
    if (!file) return;
    const name = file.name;
    const heading = fmt(this.t.tools.csv_error, { file: name });
    let merged;
    await this.task(async () => {
      this.results.set("loading", this.t.results.checking);
      try {
        const text = await file.text();
        let answer;
        try {
          answer = await this.engine.call("rosterFromCsv", { text, lang: "id", name });
          if (!answer.error) answer = await this.engine.call("rosterMerge", { document: clone(this.doc), employees: answer.employees });
        } catch (err) {
          this.failImport(heading, [fmt(this.t.errors.engine_failed, { message: err.message })]);
          return;
        }
        if (answer.error) {
          this.failImport(heading, { messages: answer.error.messages || [] });
          return;
        }
        merged = answer;
        this.settleResults();
      } finally {
        input.value = "";
      }
    });
    if (!merged) return;
    const what = fmt(this.t.replace.what_csv, { file: name });
    if ((merged.removed || []).length && JSON.stringify(this.doc) !== JSON.stringify(freshDocument())) {
      if (!(await this.askReplace(what))) {
        this.status(fmt(this.t.tools.kept, { what }));
        return;
      }
    }
    await this.task(async () => {
      this.setDocument(merged.document);
      this.hideErrors("main");
      this.saveNow();
      this.status(fmt(this.t.tools.loaded_csv, { file: name, count: merged.document.employees.length }));
      await this.runCheck({ name: null, focus: false });
    });
  }

  exportName(ext) {
    return `${slug(this.doc.unit && this.doc.unit.name)}.${ext}`;
  }

  exportJson() {
    const name = this.exportName("json");
    download(name, `${JSON.stringify(this.doc, null, 2)}\n`, "application/json");
    this.status(fmt(this.t.tools.exported, { file: name }));
  }

  async exportToml() {
    const name = this.exportName("toml");
    try {
      const text = await this.engine.toToml(clone(this.doc));
      download(name, text, "application/toml");
      this.status(fmt(this.t.tools.exported, { file: name }));
    } catch (err) {
      this.status(fmt(this.t.errors.export_failed, { message: err.message }));
    }
  }

  async share() {
    let code;
    try {
      code = await store.encodeShare(this.doc);
    } catch (err) {
      this.status(fmt(this.t.errors.share_failed, { message: err.message }));
      return;
    }
    const url = `${location.origin}${location.pathname}${location.search}#data=${code}`;
    const field = this.$("ck-share-url");
    field.value = url;
    this.$("ck-share-out").hidden = false;
    field.focus();
    field.select();
    try {
      await navigator.clipboard.writeText(url);
      this.status(this.t.tools.share_copied);
    } catch {
      this.status(this.t.tools.share_made);
    }
  }

  askReset(open) {
    this.$("ck-reset-confirm").hidden = !open;
    this.$("ck-reset").setAttribute("aria-expanded", String(open));
    (open ? this.$("ck-reset-no") : this.$("ck-reset")).focus();
  }

  reset() {
    this.$("ck-reset-confirm").hidden = true;
    this.$("ck-reset").setAttribute("aria-expanded", "false");
    store.remove(DOC_KEY);
    this.cleanJson = null;
    this.run++;
    this.setDocument(freshDocument(), { save: false });
    this.clearReport();
    this.hideErrors("main");
    this.engineChanged();
    this.results.set(this.engine.state === "error" ? "error" : this.engine.state === "ready" ? "ready" : "loading",
      this.engine.state === "error" ? this.t.results.failed : this.t.results.none);
    this.status(this.t.tools.reset_done);
    focusOn(this.$("ck-tasks-h"));
  }

  // ---- quick individual check -----------------------------------------------------------

  bindIndividual(signal) {
    const form = this.$("ck-ind-form");
    const saved = store.load(INDIVIDUAL_KEY);
    this.ind = isObject(saved) ? saved : { period: { start: nextMonday() }, week: { ...NEW_WEEK } };
    for (const el of controls(form)) writeControl(el, getPath(this.ind, el.dataset.path));
    applyConditions(form, this.ind, null);
    bindControls(form, () => this.ind, () => {
      applyConditions(form, this.ind, null);
      store.save(INDIVIDUAL_KEY, this.ind);
    }, signal);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.checkIndividual();
    }, { signal });
  }

  individualDocument() {
    const { period = {}, ...employee } = clone(this.ind);
    const p = {};
    if (period.start) {
      p.start = period.start;
      const end = addDays(period.start, 6);
      if (end) p.end = end;
    }
    if (period.ramadan === true || period.ramadan === false) p.ramadan = period.ramadan;
    return {
      period: p,
      unit: { name: this.t.individual.unit_name, agency: this.t.individual.agency },
      employees: [{ ...employee, id: this.t.individual.employee_id }],
    };
  }

  async checkIndividual() {
    const run = ++this.indRun;
    this.indBusy = true;
    this.indResults.set("loading");
    let result;
    try {
      result = await this.engine.call("personal", { document: this.individualDocument(), lang: "id", name: null });
    } catch (err) {
      result = { crash: err };
    } finally {
      this.indBusy = false;
    }
    if (this.dead || run !== this.indRun) return;
    const box = this.$("ck-ind-report");
    if (result.crash) {
      box.replaceChildren(h("p", { class: "ck-results-msg" }, fmt(this.t.errors.engine_failed, { message: result.crash.message })));
      this.indResults.set("error");
      return;
    }
    if (result.error) {
      // Without a start date the end date is missing too: report the start only.
      const keep = (result.error.issues || []).map((issue) => !(issue.path === "period.end" &&
        (result.error.issues || []).some((other) => other.path === "period.start")));
      const error = {
        messages: (result.error.messages || []).filter((_, i) => keep[i] !== false),
        issues: (result.error.issues || []).filter((_, i) => keep[i]),
      };
      box.replaceChildren();
      this.showErrors("individual", this.t.errors.check_heading, error, true);
      this.indResults.set("error");
      return;
    }
    this.hideErrors("individual");
    const { title, element } = renderPersonal(result, this.ui);
    box.replaceChildren(element);
    this.indResults.set("ready");
    announce(this.indResults.live, fmt(this.t.results.announce, { title }));
    focusOn(this.$("ck-ind-summary"));
  }
}
