// Part of the checker page's controller (checker.mjs mixes it in): examples, files, share links,
// the roster spreadsheet and "start again", each asking before it replaces other work.

import { DOC_KEY, MAX_BYTES, freshDocument, jsonOrNull, kindOf, toBase64 } from "./draft.mjs";
import * as store from "./store.mjs";
import { capitalize, clone, download, fmt, focusOn, h, isObject, slug } from "./util.mjs";

export class ToolsPart {
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
}
