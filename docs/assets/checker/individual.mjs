// Part of the checker page's controller (checker.mjs mixes it in): the personal check of one
// employee's own week, answered first in the second person.

import { INDIVIDUAL_KEY, NEW_WEEK } from "./draft.mjs";
import { applyConditions, bindControls, controls, writeControl } from "./form.mjs";
import { renderPersonal } from "./results.mjs";
import * as store from "./store.mjs";
import { addDays, announce, clone, fmt, focusOn, getPath, h, isObject, nextMonday } from "./util.mjs";

export class IndividualPart {
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
