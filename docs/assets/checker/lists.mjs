// Lists of entries in the form: an employee's changes on particular dates, the weeks of a rotation,
// the agency's own non-working days. Each list is a <fieldset data-list="path"> generated from the
// model (sitegen/checker_page.py, widget "tablelist") with a <template> for one entry; an entry's
// controls have paths relative to the entry, which is the object they write into.

import { fillControls } from "./form.mjs";
import { fmt, getPath, isObject, setPath } from "./util.mjs";

const items = new WeakMap(); // <li data-list-item> -> the entry object

// The entry a control belongs to, or undefined for a control outside any list.
export function entryOf(el) {
  const li = el.closest("[data-list-item]");
  return li ? items.get(li) : undefined;
}

function instantiate(template, uid, n) {
  const fragment = template.content.cloneNode(true);
  for (const el of fragment.querySelectorAll("*")) {
    for (const attr of ["id", "for", "name", "aria-labelledby", "aria-describedby", "aria-controls"]) {
      const value = el.getAttribute(attr);
      if (value && (value.includes("IDX") || value.includes("ITEM"))) {
        el.setAttribute(attr, value.replaceAll("IDX", uid).replaceAll("ITEM", String(n)));
      }
    }
  }
  return fragment;
}

// Draws every list under `container` from `root` (the document or an employee).
export function renderLists(container, root, t) {
  for (const list of container.querySelectorAll("[data-list]")) {
    if (list.parentElement.closest("[data-list-item]")) continue; // nested lists are drawn by their entry
    renderList(list, root, t);
  }
}

function renderList(list, root, t) {
  const path = list.dataset.list;
  const entries = getPath(root, path);
  const ol = list.querySelector("[data-list-items]");
  const template = list.querySelector("template[data-list-tpl]");
  const uid = (list.closest("[data-uid]") || {}).dataset?.uid || "";
  const name = (t.entry_name && t.entry_name[list.dataset.listKey]) || t.entry;
  ol.replaceChildren();
  (Array.isArray(entries) ? entries : []).forEach((entry, i) => {
    const fragment = instantiate(template, uid, i + 1);
    const li = fragment.querySelector("[data-list-item]");
    const heading = li.querySelector("[data-list-heading]");
    if (heading) heading.textContent = fmt(name, { n: i + 1 });
    const remove = li.querySelector("[data-list-remove]");
    if (remove) remove.setAttribute("aria-label", `${remove.textContent}: ${fmt(name, { n: i + 1 })}`);
    if (isObject(entry)) {
      items.set(li, entry);
      fillControls(li, entry);
    }
    ol.append(fragment);
  });
  ol.hidden = !ol.children.length;
}

// Handles "add" and "remove" in the lists under `container`; `rootFor(el)` names the object the
// list lives in. Calls changed() after each edit.
export function bindLists(container, rootFor, t, changed, signal) {
  container.addEventListener("click", (event) => {
    const button = event.target.closest("[data-list-add], [data-list-remove]");
    if (!button || !container.contains(button)) return;
    const list = button.closest("[data-list]");
    const root = rootFor(list);
    if (!root) return;
    const path = list.dataset.list;
    let entries = getPath(root, path);
    if (button.hasAttribute("data-list-add")) {
      if (!Array.isArray(entries)) {
        setPath(root, path, []);
        entries = getPath(root, path);
      }
      entries.push({});
      renderList(list, root, t);
      const last = list.querySelector("[data-list-items] > [data-list-item]:last-child");
      last?.querySelector("input, select, textarea")?.focus();
    } else {
      const li = button.closest("[data-list-item]");
      const index = [...li.parentElement.children].indexOf(li);
      if (Array.isArray(entries)) entries.splice(index, 1);
      if (Array.isArray(entries) && !entries.length) setPath(root, path, undefined);
      renderList(list, root, t);
      list.querySelector("[data-list-add]").focus();
    }
    changed(event);
  }, { signal });
}
