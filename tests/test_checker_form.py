"""The checker page as rendered at build time (no browser): every model field has a labelled
control, the form follows the model, and the page obeys the strict CSP (no inline scripts)."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Optional

import pytest

from checker.fieldspec import fields_of
from checker.i18n import catalogue
from checker.model import Arrangement, Digital, Employee, doc
from sitegen.checker_page import (
    DATED_AGENCY_FIELDS,
    DATED_FIELDS,
    HIDDEN,
    INDIVIDUAL_HIDDEN,
    ROSTER,
    ROW_FIELDS,
    checker_page,
    individual_rules,
    sections,
)
from sitegen.site import site_data

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "examples" / "profiles" / "dinas-contoh.toml"
LABELLABLE = {"input", "select", "textarea"}


class Page(HTMLParser):
    """Collects elements (tag, attributes, text, nearest fieldset legend) of the rendered page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, Any]] = []
        self.stack: list[dict[str, Any]] = []
        self.labels: dict[str, str] = {}  # for= -> label text
        self.scripts: list[dict[str, Any]] = []
        self.templates: dict[str, dict[str, Any]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        el = {"tag": tag, "attrs": dict(attrs), "text": "", "parent": self.stack[-1] if self.stack else None}
        self.elements.append(el)
        if tag == "script":
            self.scripts.append(el)
        if tag == "template" and el["attrs"].get("id"):
            self.templates[el["attrs"]["id"]] = el
        if tag not in ("input", "br", "hr", "img", "meta", "link", "source", "col", "wbr"):
            self.stack.append(el)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            el = self.stack.pop()
            if el["tag"] == "label" and el["attrs"].get("for"):
                self.labels[el["attrs"]["for"]] = el["text"].strip()
            if el["tag"] == tag:
                break

    def handle_data(self, data: str) -> None:
        for el in self.stack:
            el["text"] += data

    def by_id(self, ident: str) -> Optional[dict[str, Any]]:
        return next((e for e in self.elements if e["attrs"].get("id") == ident), None)


def page_template_text(html: str) -> str:
    return html.split('<template id="ck-data">', 1)[1].split("</template>", 1)[0]


def parse(markdown: str) -> Page:
    page = Page()
    page.feed(markdown.split("<!-- checker -->", 1)[1])
    page.close()
    return page


def accessible_name(page: Page, el: dict[str, Any]) -> str:
    """The control's label: <label for>, aria-labelledby, or its fieldset's legend."""
    attrs = el["attrs"]
    if attrs.get("aria-labelledby"):
        parts = [page.by_id(i) for i in attrs["aria-labelledby"].split()]
        return " ".join(p["text"].strip() for p in parts if p is not None)
    if el["tag"] == "fieldset":
        legend = next((e for e in page.elements if e["tag"] == "legend" and e["parent"] is el), None)
        return legend["text"].strip() if legend else ""
    return page.labels.get(attrs.get("id", ""), "")


def expected_paths(cls: type, prefix: str = "") -> list[str]:
    """Every leaf field path the form should offer, with one path per weekday of a map."""
    out = []
    for f in fields_of(cls):
        path = f"{prefix}{f.name}"
        if f.type.kind == "table":
            out += expected_paths(f.type.table, f"{path}.")
        elif f.type.kind == "list" and f.type.item is not None and f.type.item.kind == "table":
            out.append(f"{path}[]")  # a list of entries: one editor, each entry's fields inside
        elif f.type.kind == "map":
            out += [f"{path}.{k.value}" for k in f.type.key]
        else:
            out.append(path)
    return out


@pytest.fixture(scope="module")
def default_page() -> tuple[str, Page]:
    text = checker_page(site_data(), [])
    return text, parse(text)


def controls_by_path(page: Page) -> dict[str, list[dict[str, Any]]]:
    """Controls by path; a list editor (data-list) is found as "path[]"."""
    out: dict[str, list[dict[str, Any]]] = {}
    for el in page.elements:
        if "data-path" in el["attrs"] and "data-widget" in el["attrs"]:
            out.setdefault(el["attrs"]["data-path"], []).append(el)
        elif "data-list" in el["attrs"]:
            out.setdefault(el["attrs"]["data-list"] + "[]", []).append(el)
    return out


def test_every_unit_level_field_has_a_labelled_control(default_page):
    _, page = default_page
    found = controls_by_path(page)
    for f in fields_of(Arrangement):
        if f.name in HIDDEN or f.name == ROSTER:
            continue
        if f.type.kind == "table":
            paths = expected_paths(f.type.table, f"{f.name}.")
        else:
            paths = [f.name]
        for path in paths:
            if path.startswith("agency.") and path.split(".")[1] in DATED_AGENCY_FIELDS:
                continue  # the calendar's editor comes with the checker page redesign (issue 9)
            assert path in found, f"no control for {path}"
            for el in found[path]:
                assert el["tag"] in LABELLABLE | {"fieldset"}, f"{path}: unexpected <{el['tag']}>"
                assert accessible_name(page, el), f"{path}: control #{el['attrs'].get('id')} has no label"


def test_every_employee_field_is_in_the_roster_row_or_detail(default_page):
    _, page = default_page
    found = controls_by_path(page)
    for path in expected_paths(Employee):
        if path.split(".")[0] in DATED_FIELDS:
            continue  # the roster-by-date editor comes with the checker page redesign (issue 9)
        controls = [el for el in found.get(path, []) if el["attrs"].get("id", "").startswith("ck-e-IDX-")]
        assert controls, f"the roster has no control for employees[].{path}"
        for el in controls:
            assert accessible_name(page, el), f"employees[].{path}: #{el['attrs']['id']} has no label"


def test_row_controls_are_labelled_by_column_and_employee(default_page):
    _, page = default_page
    row = [el for el in page.elements if el["attrs"].get("id", "").startswith("ck-e-IDX-")
           and el["attrs"].get("aria-labelledby")]
    assert {el["attrs"]["data-path"].split(".")[0] for el in row} == set(ROW_FIELDS)
    for el in row:
        assert el["attrs"]["aria-labelledby"].endswith("ck-r-IDX")


def test_tri_state_questions_keep_not_answered_apart(default_page):
    _, page = default_page
    for el in page.elements:
        if el["attrs"].get("data-widget") != "tri":
            continue
        radios = [e for e in page.elements if e["tag"] == "input" and e["attrs"].get("name") == el["attrs"]["id"]]
        assert [r["attrs"]["value"] for r in radios] == ["true", "false", ""]
        assert "checked" in radios[2]["attrs"], "not answered must be the starting choice"
        assert all(page.labels.get(r["attrs"]["id"]) for r in radios)


def test_every_field_label_comes_from_the_message_catalogue():
    cat = catalogue("id")
    for sec in sections(site_data()):
        for top in sec.controls:
            for c in top.flat():
                assert isinstance(cat.get(f"field.{c.key}.label"), str), f"field.{c.key}.label missing in id.toml"


def test_enum_choices_use_catalogue_labels(default_page):
    text, _ = default_page
    cat = catalogue("id")
    for value, label in cat.get("enum.EssentialService").items():
        assert f'<option value="{value}">{label}</option>' in text or f'value="{value}" selected>{label}' in text


def test_a_field_added_to_the_model_appears_in_the_form():
    digital2 = dataclasses.make_dataclass(
        "Digital2", [("video_meetings", Optional[bool], doc("Video meetings with remote staff."))],
        bases=(Digital,), frozen=True)
    employee2 = dataclasses.make_dataclass(
        "Employee2", [("shoe_size", Optional[int], doc("A new employee field.", minimum=0))],
        bases=(Employee,), frozen=True)
    arrangement2 = dataclasses.make_dataclass(
        "Arrangement2", [("digital", digital2, doc("Digital support.", default=None)),
                         ("employees", list[employee2], doc("Employees.", default=[])),
                         ("travel_budget", Optional[float], doc("A new top-level field."))],
        bases=(Arrangement,), frozen=True)
    text = checker_page(site_data(), [], cls=arrangement2)
    page = parse(text)
    found = controls_by_path(page)
    assert [el["attrs"]["data-widget"] for el in found["digital.video_meetings"]] == ["tri"]
    assert [el["attrs"]["id"] for el in found["shoe_size"]] == ["ck-e-IDX-shoe-size", "ck-i-shoe-size"]
    assert found["travel_budget"][0]["attrs"]["data-widget"] == "float"
    assert page.by_id("ck-sec-travel_budget") is not None
    data = json.loads(page.templates["ck-data"]["text"])
    digital = next(s for s in data["sections"] if s["name"] == "digital")
    assert "digital.video_meetings" in [f["path"] for f in digital["fields"]]


def test_individual_mode_offers_the_employee_fields_it_needs(default_page):
    _, page = default_page
    found = controls_by_path(page)
    individual = {p for p, els in found.items() if any(e["attrs"]["id"].startswith("ck-i-") for e in els)}
    wanted = {p for p in expected_paths(Employee)
              if p.split(".")[0].removesuffix("[]") not in INDIVIDUAL_HIDDEN | DATED_FIELDS | {"agency_criteria_met"}}
    assert wanted | {"period.start", "period.ramadan"} == individual
    section = page.by_id("individu")
    assert section is not None and section["tag"] == "section"


def test_individual_rules_are_the_employee_level_rules():
    assert individual_rules() == [
        "approval-application", "location-max-days", "location-discipline", "location-new-in-post",
        "location-task-criteria",
        "location-place", "time-weekly-hours", "time-dynamic-criteria", "leave-entitlement",
        "performance-skp", "performance-work-plan"]


def test_testable_surface_and_no_inline_scripts(default_page):
    _, page = default_page
    assert page.by_id("ck-import")["attrs"]["data-testid"] == "import-file"
    assert page.by_id("ck-import")["attrs"]["type"] == "file"
    results = page.by_id("ck-results")
    assert results["attrs"]["data-testid"] == "results" and results["attrs"]["data-state"] == "loading"
    assert not page.scripts, "inline scripts break the CSP (and Material's instant navigation re-runs them)"
    for el in page.elements:
        handlers = [a for a in el["attrs"] if a.startswith("on")]
        assert not handlers, f"inline event handler {handlers} on <{el['tag']}>"
    data = json.loads(page.templates["ck-data"]["text"])
    assert data["strings"]["tools"]["reset"] == "Mulai lagi"
    assert data["msg"]["status"]["not-assessable"] == "Belum dapat dinilai"


def test_raw_html_block_has_no_blank_lines(default_page):
    text, _ = default_page
    html = text.split("<!-- checker -->", 1)[1]
    assert "\n\n" not in html.strip(), "a blank line would end Markdown's raw HTML block"
    data = page_template_text(html)
    assert not set("<>&") & set(data), "the JSON block must hold no markup characters"


def test_agency_profile_settings_are_shown_read_only():
    site = site_data(str(PROFILE))
    text = checker_page(site, [])
    page = parse(text)
    found = controls_by_path(page)
    fixed = [n for n, item in site.settings.items.items() if item.origin == "profile"]
    assert fixed
    for name in fixed:
        assert f"agency.{name}" not in found, f"agency.{name} is agency policy: it must not be editable"
        readonly = next(e for e in page.elements if e["attrs"].get("data-readonly") == f"agency.{name}")
        assert f"kebijakan {site.agency_name}" in readonly["text"]
    data = json.loads(page.templates["ck-data"]["text"])
    assert data["profile"]["agency"] == site.agency_name


def test_without_profile_agency_settings_are_editable_and_marked_as_policy(default_page):
    _, page = default_page
    for f in fields_of(Arrangement):
        if f.name != "agency":
            continue
        for sub in fields_of(f.type.table):
            if sub.name in DATED_AGENCY_FIELDS:
                continue  # not yet in the form (issue 9)
            hint = page.by_id(f"ck-f-agency-{sub.name.replace('_', '-')}-hint")
            assert hint is not None and "kebijakan instansi" in hint["text"].lower(), sub.name
