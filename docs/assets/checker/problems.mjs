// Part of the checker page's controller (checker.mjs mixes it in): the summary of problems in the
// GOV.UK pattern, the messages at the fields of the individual form, and the way from a problem to
// its control.

import { issueParts } from "./errors.mjs";
import { capitalize, domId, fmt, focusOn, h } from "./util.mjs";

export class ProblemsPart {
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
}
