// The checker page's controller: the arrangement document, the form bound to it, the engine,
// imports and exports, autosave and share links, results, and the quick individual check.
// Loaded by app.mjs only on the page that has #ck-root; one instance per page view.

import { getEngine } from "./engine.mjs";
import { bindControls, controls, writeControl } from "./form.mjs";
import { renderIndividual, renderReport } from "./results.mjs";
import { Roster } from "./roster.mjs";
import * as store from "./store.mjs";
import { addDays, announce, clone, domId, download, fmt, focusOn, getPath, h, isObject, nextMonday, slug } from "./util.mjs";

const DOC_KEY = "pengaturan";
const INDIVIDUAL_KEY = "perorangan";
const MAX_BYTES = 20 * 1024 * 1024;
const NEW_WEEK = { mon: "wfo", tue: "wfo", wed: "wfo", thu: "wfo", fri: "wfo" };

function freshDocument() {
  return { period: {}, unit: {}, employees: [{ id: "P1", week: { ...NEW_WEEK } }] };
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

    this.roster = new Roster(root, this.t, {
      changed: (event) => this.changed(event), announce: (text) => this.status(text), signal,
    });
    bindControls(this.form, (el) => (el.closest("#ck-roster-body") ? null : this.doc),
      (el, event) => this.changed(event), signal);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.check({ name: null });
    }, { signal });
    this.bindTools(signal);
    this.bindEngine(signal);
    this.bindIndividual(signal);
    this.$("ck-report").addEventListener("click", (event) => this.onReportClick(event), { signal });
    this.$("ck-errors").addEventListener("click", (event) => this.onErrorClick(event, "main"), { signal });
    this.$("ck-ind-errors").addEventListener("click", (event) => this.onErrorClick(event, "individual"), { signal });
    addEventListener("hashchange", () => this.task(() => this.applyHash()), { signal });
    addEventListener("pagehide", () => this.saveNow(), { signal });

    const saved = store.load(DOC_KEY);
    this.setDocument(saved && isObject(saved.doc) ? saved.doc : freshDocument(), { save: false });
    if (saved && isObject(saved.doc)) this.status(this.t.form.restored);
    this.engine.start();
    this.engineChanged();
    root.dataset.ckReady = "true";
    this.task(() => this.applyHash());
  }

  destroy() {
    this.saveNow();
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
    this.roster.setList(doc.employees);
    this.$("ck-share-out").hidden = true;
    if (save) this.saveNow();
  }

  changed(event) {
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
    if (!store.save(DOC_KEY, { doc: this.doc, saved: new Date().toISOString() }) && !this.storageWarned) {
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
    this.$("ck-report").replaceChildren(renderReport(report, this.checked, this.ui));
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
      focusOn(this.$(`ck-sec-${change.dataset.change}-h`));
      return;
    }
    const button = event.target.closest("[data-report]");
    if (!button || !this.report) return;
    const name = `hasil-${slug(this.report.unit && this.report.unit.name)}`;
    const what = button.dataset.report;
    if (what === "print") window.print();
    else if (what === "json") download(`${name}.json`, `${JSON.stringify(this.report, null, 2)}\n`, "application/json");
    else if (what === "markdown") {
      const report = this.report;
      this.engine.render(report, "markdown")
        .then((text) => download(`${name}.md`, text, "text/markdown"))
        .catch((err) => this.status(fmt(this.t.errors.engine_failed, { message: err.message })));
    }
  }

  // ---- problems -------------------------------------------------------------------------

  showErrors(which, heading, error, link) {
    const prefix = which === "main" ? "ck-errors" : "ck-ind-errors";
    const box = this.$(prefix);
    const issues = error.issues || [];
    this.$(`${prefix}-intro`).textContent = heading;
    this.$(`${prefix}-list`).replaceChildren(...(error.messages || []).map((text, i) => {
      const path = issues[i] && issues[i].path;
      if (!link || path === undefined || path === null || path === "") return h("li", {}, text);
      return h("li", {}, h("a", { href: `#${which === "main" ? "ck-form" : "ck-ind-form"}`, "data-issue": path }, text));
    }));
    box.hidden = false;
    focusOn(box);
  }

  hideErrors(which) {
    this.$(which === "main" ? "ck-errors" : "ck-ind-errors").hidden = true;
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
    on("ck-load-example", () => this.task(() => this.loadExample(this.$("ck-example").value)));
    this.$("ck-import").addEventListener("change", (event) => this.task(() => this.importFile(event.target)), { signal });
    on("ck-export-json", () => this.exportJson());
    on("ck-export-toml", () => this.exportToml());
    on("ck-share", () => this.share());
    on("ck-reset", () => this.askReset(true));
    on("ck-reset-no", () => this.askReset(false));
    on("ck-reset-yes", () => this.reset());
  }

  // Loads a document that passed validation (or could not be validated) and shows its report.
  adopt(doc, report, note) {
    this.setDocument(doc);
    this.hideErrors("main");
    this.status(note);
    if (report) this.showReport(report, doc, true);
  }

  // Validates a parsed document before it replaces the form's: bad input keeps the user's data.
  async validateAndAdopt(doc, name, heading, note) {
    if (!isObject(doc)) {
      this.failImport(heading, [fmt(this.t.errors.not_object, { kind: kindOf(doc) })]);
      return;
    }
    const run = ++this.run;
    let result;
    try {
      result = await this.engine.check(clone(doc), { lang: "id", name });
    } catch (err) {
      result = { crash: err };
    }
    if (this.dead || run !== this.run) return;
    if (result.crash) {
      // The engine is not available: keep the document (nothing is lost), say why there is no report.
      this.adopt(doc, null, note);
      this.clearReport();
      this.results.set("error", fmt(this.t.errors.engine_failed, { message: result.crash.message }));
      return;
    }
    if (result.error) {
      this.failImport(heading, result.error.messages || []);
      return;
    }
    this.adopt(doc, result, note);
  }

  failImport(heading, messages) {
    this.clearReport();
    this.showErrors("main", heading, { messages }, false);
    this.results.set("error", this.t.results.invalid);
  }

  async importFile(input) {
    const file = input.files && input.files[0];
    if (!file) return;
    this.results.set("loading", this.t.results.checking);
    const name = file.name;
    const heading = fmt(this.t.errors.import_heading, { file: name });
    try {
      if (file.size > MAX_BYTES) {
        this.failImport(heading, [fmt(this.t.errors.too_large, { limit_mb: MAX_BYTES / 1048576 })]);
        return;
      }
      const text = await file.text();
      const lower = name.toLowerCase();
      const json = lower.endsWith(".json") || (!lower.endsWith(".toml") && text.trimStart().startsWith("{"));
      let doc;
      if (json) {
        try {
          doc = JSON.parse(text.replace(/^\uFEFF/, ""));
        } catch {
          doc = undefined;
        }
      }
      if (doc === undefined) {
        // TOML, or JSON that JS cannot read: the engine parses it and words the problem.
        let parsed;
        try {
          parsed = await this.engine.parse(text, { name, lang: "id" });
        } catch (err) {
          this.failImport(heading, [json ? fmt(this.t.errors.engine_failed, { message: err.message }) : this.t.errors.engine_needed]);
          return;
        }
        if (parsed.error) {
          this.failImport(heading, parsed.error.messages || []);
          return;
        }
        doc = parsed.document;
      }
      await this.validateAndAdopt(doc, name, heading, fmt(this.t.tools.loaded_file, { file: name }));
    } finally {
      input.value = "";
    }
  }

  async loadExample(slugValue) {
    const example = this.data.examples.find((e) => e.slug === slugValue);
    const heading = this.t.errors.heading;
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
      this.failImport(fmt(this.t.errors.import_heading, { file: example.file }), parsed.error.messages || []);
      return;
    }
    if (this.dead) return;
    this.setDocument(parsed.document);
    this.hideErrors("main");
    this.status(fmt(this.t.tools.loaded_example, { title: example.title }));
    await this.runCheck({ name: example.file });
  }

  async applyHash() {
    const hash = store.readHash(location.hash);
    if (!hash) return;
    history.replaceState(history.state, "", location.pathname + location.search);
    if (hash.kind === "example") {
      await this.loadExample(hash.value);
      return;
    }
    let doc;
    try {
      doc = await store.decodeShare(hash.value);
    } catch (err) {
      this.failImport(this.t.errors.heading, [err.code === "unsupported" ? this.t.errors.share_unsupported : this.t.errors.share_invalid]);
      return;
    }
    if (!isObject(doc)) {
      this.failImport(this.t.errors.heading, [this.t.errors.share_invalid]);
      return;
    }
    if (this.dead) return;
    // A shared arrangement is restored as it was, even if incomplete; the check says what is missing.
    this.setDocument(doc);
    this.hideErrors("main");
    this.status(this.t.tools.loaded_share);
    await this.runCheck({ name: null });
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
    this.run++;
    this.setDocument(freshDocument(), { save: false });
    this.clearReport();
    this.hideErrors("main");
    this.engineChanged();
    this.results.set(this.engine.state === "error" ? "error" : this.engine.state === "ready" ? "ready" : "loading",
      this.engine.state === "error" ? this.t.results.failed : this.t.results.none);
    this.status(this.t.tools.reset_done);
    focusOn(this.form.querySelector(".ck-section h3"));
  }

  // ---- quick individual check -----------------------------------------------------------

  bindIndividual(signal) {
    const form = this.$("ck-ind-form");
    const saved = store.load(INDIVIDUAL_KEY);
    this.ind = isObject(saved) ? saved : { period: { start: nextMonday() }, week: { ...NEW_WEEK } };
    for (const el of controls(form)) writeControl(el, getPath(this.ind, el.dataset.path));
    bindControls(form, () => this.ind, () => store.save(INDIVIDUAL_KEY, this.ind), signal);
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
      result = await this.engine.check(this.individualDocument(), { lang: "id", name: null });
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
    const { title, element } = renderIndividual(result, this.ui);
    box.replaceChildren(element);
    this.indResults.set("ready");
    announce(this.indResults.live, fmt(this.t.results.announce, { title }));
    focusOn(this.$("ck-ind-summary"));
  }
}
