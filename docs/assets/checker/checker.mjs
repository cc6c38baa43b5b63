// The checker page's controller: the arrangement document, the form bound to it, the task list,
// the engine, autosave and results. Its other parts are mixed in from problems.mjs (errors),
// tools.mjs (examples, files, share links, the roster spreadsheet) and individual.mjs.
// Loaded by app.mjs only on the page that has #ck-root; one instance per page view.

import { DOC_KEY, freshDocument, isoLocal } from "./draft.mjs";
import { getEngine } from "./engine.mjs";
import { FieldErrors } from "./errors.mjs";
import { applyConditions, bindControls, controls, writeControl } from "./form.mjs";
import { IndividualPart } from "./individual.mjs";
import { bindLists, entryOf, renderLists } from "./lists.mjs";
import { ProblemsPart } from "./problems.mjs";
import { renderReport } from "./results.mjs";
import { Roster } from "./roster.mjs";
import * as store from "./store.mjs";
import { ToolsPart } from "./tools.mjs";
import { announce, clone, download, flatFields, fmt, focusOn, getPath, h, isObject, slug } from "./util.mjs";

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
    let given = 0; // answered by the user, not by a default
    let total = 0;
    for (const name of task.sections) {
      if (name === "employees") {
        const list = Array.isArray(this.doc.employees) ? this.doc.employees : [];
        const started = list.some((e) => isObject(e) && (e.status !== undefined || e.name !== undefined));
        const complete = list.length > 0 && list.every((e) => isObject(e) && e.id && e.status);
        total += 1;
        answered += complete ? 1 : started ? 0.5 : 0;
        given += started || complete ? 1 : 0;
        continue;
      }
      const section = this.data.sections.find((sec) => sec.name === name);
      for (const field of flatFields(section ? section.fields : [])) {
        // Only questions that need an answer count: not free notes, lists of extras, or choices
        // that already hold a default (an unchanged default is an answer).
        if (field.readonly || ["check", "tablelist", "textarea", "lines"].includes(field.widget)) continue;
        const el = this.form.querySelector(`[data-field="${CSS.escape(field.path)}"]`);
        if (el && el.hidden) continue;
        total += 1;
        const value = getPath(this.doc, field.path);
        const hasDefault = field.default !== null && field.default !== undefined;
        if (value !== undefined) given += 1;
        if (value !== undefined || hasDefault) answered += 1;
      }
    }
    if (!given) return "not-started";
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
}

// The controller's parts live in their own modules; their methods become the controller's.
for (const part of [ProblemsPart, ToolsPart, IndividualPart]) {
  for (const name of Object.getOwnPropertyNames(part.prototype)) {
    if (name !== "constructor") Object.defineProperty(Checker.prototype, name, Object.getOwnPropertyDescriptor(part.prototype, name));
  }
}
