"""The checker page (``periksa/index.md``): a form generated from the arrangement model.

The form is plain HTML rendered at build time from ``checker.fieldspec.fields_of``: every field of
the model gets a labelled control (labels and hints from ``checker/messages/id.toml``), so a field
added to ``model.py`` appears here without a hand edit. The browser code
(``docs/assets/checker/app.mjs``) binds the controls to the arrangement document by their
``data-path`` and runs the same engine through Pyodide; what it needs besides the form (labels,
choices, examples, the agency profile) travels in one ``<script type="application/json">`` block.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any, Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from checker.catalogue import catalogue_data
from checker.enums import Weekday
from checker.fieldspec import FieldSpec, TypeSpec, fields_of
from checker.i18n import catalogue
from checker.model import FORMAT_ID, Arrangement, Employee
from checker.personal import personal_rules

from .pages import EXAMPLES_DIR, Example
from .render import TEMPLATES
from .site import SiteData, format_setting

__all__ = ["CHECKER_PAGE", "Control", "Section", "Task", "checker_page", "controls_for", "sections",
           "tasks", "individual_rules", "page_data", "strings"]

CHECKER_PAGE = "periksa/index.md"
STRINGS = TEMPLATES / "checker" / "strings.toml"

SECTION_ORDER = ("unit", "period", "agency", "digital", "monitoring", "complaints", "accessibility",
                 "employees", "notes")
"""Display order of the top-level fields; a field not listed here is shown after these."""
HIDDEN = frozenset({"format"})
"""Top-level fields the form does not offer (the format identifier is a constant)."""
ROW_FIELDS = ("id", "name", "status", "week")
"""Employee fields shown in the roster's compact row; every other field is in the detail panel."""
INDIVIDUAL_HIDDEN = frozenset({"id", "name", "position", "hours", "rotation", "dates"})
"""Employee fields the quick individual form leaves out (identity, and per-day hour overrides)."""
INDIVIDUAL_FIRST = ("status", "week", "time_pattern", "daily_hours")
"""The individual form asks these first (the week is what the person wants to know about)."""
TEXTAREAS = frozenset({"notes"})
DATED_FIELDS: frozenset[str] = frozenset()
"""Employee fields of the roster by date kept out of the form (none: the roster editor offers the
date overrides and the rotation as lists of entries)."""
DATED_AGENCY_FIELDS: frozenset[str] = frozenset()
"""Agency fields of the calendar kept out of the form (none: listed as entries)."""
ROSTER = "employees"
TASKS = (("unit", ("unit", "period", "notes")), ("agency", ("agency",)), ("digital", ("digital",)),
         ("monitoring", ("monitoring",)), ("complaints", ("complaints", "accessibility")),
         ("employees", ("employees",)))
"""The task list: which top-level fields of the model each task (one part of the form) holds.
A top-level field named in no task becomes a task of its own, after these."""
SHOW_IF: dict[str, dict[str, Any]] = {
    "complaints.lapor_officer": {"path": "complaints.lapor_active", "not": [False]},
    "complaints.face_to_face": {"path": "unit.serves_public_in_person", "not": [False]},
    "accessibility.priority_service": {"path": "unit.serves_public_in_person", "not": [False]},
    "agency.min_onsite_staff": {"path": "unit.essential_service", "not": ["none", None]},
    "unit.operating_hours_per_day": {"any": "employees", "path": "time_pattern", "in": ["shift"]},
    "unit.operating_days_per_week": {"any": "employees", "path": "time_pattern", "in": ["shift"]},
    "employees.tasks.not_tied_to_office_hours": {"path": "time_pattern", "in": ["dynamic"]},
    "employees.home_is_recorded_domicile": {"path": "week", "has": "wfh"},
    "employees.other_location_set_by_agency": {"path": "week", "has": "wfa"},
}
"""Questions shown only when they can matter, by catalogue key: the answer at ``path`` (inside the
document, or inside the employee for ``employees.*`` keys; ``any`` = some employee) must be ``in``
the list, not in the ``not`` list, or (for a week) ``has`` that day kind. A hidden question keeps
its answer; the rules that read it say themselves when they do not apply."""


@dataclass
class Control:
    """One form control for one field of the model."""

    path: str  # path inside its document root: "unit.name"; "tasks.ict" inside an employee
    key: str  # label key in the catalogue: "unit.name", "employees.tasks.ict"
    widget: str  # tri | check | select | text | textarea | int | float | date | enumlist | lines
    #              | daymap | nummap | group
    label: str
    hint: Optional[str]
    required: bool
    optional: bool
    doc: str
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, label) of choices
    keys: list[tuple[str, str]] = field(default_factory=list)  # (value, label) of a map's keys
    absent: str = ""  # the choice that a missing map entry means ("off" for a week)
    enum: Optional[str] = None
    default: Any = None  # JSON-ready value used when the field is absent
    constraints: dict[str, Any] = field(default_factory=dict)
    children: list["Control"] = field(default_factory=list)
    readonly: Optional[str] = None  # set when an agency profile fixes the value
    show_if: Optional[dict[str, Any]] = None  # see SHOW_IF
    invert: bool = False  # a positive question for a field whose model name is negative
    glossary: bool = False  # the hint links to the glossary

    @property
    def show_if_json(self) -> str:
        return json.dumps(self.show_if, separators=(",", ":")) if self.show_if else ""

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    def dom_id(self, prefix: str) -> str:
        return prefix + self.path.replace(".", "-").replace("_", "-")

    def flat(self) -> list["Control"]:
        """This control and its descendants, depth first."""
        out = [self]
        for c in self.children:
            out += c.flat()
        return out


@dataclass
class Section:
    name: str  # top-level field name
    title: str
    controls: list[Control]
    doc: str


@dataclass
class Task:
    """One entry of the task list: a part of the form holding one or more sections."""

    name: str
    title: str
    sections: list[Section]


@lru_cache(maxsize=None)
def strings() -> dict[str, Any]:
    """The page's own interface text (``templates/checker/strings.toml``)."""
    return tomllib.loads(STRINGS.read_text(encoding="utf-8"))


def _json_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if value is list or value is dict or value is None:
        return None
    if isinstance(value, (str, int, float, bool)):
        return value
    return None


def _enum_options(enum: type[Enum]) -> list[tuple[str, str]]:
    cat = catalogue("id")
    return [(m.value, cat.enum(m)) for m in enum]  # type: ignore[misc]


def _widget(spec: TypeSpec, f: FieldSpec) -> str:
    kind = spec.kind
    if kind == "bool":
        return "tri" if f.optional else "check"
    if kind == "enum":
        return "select"
    if kind == "str":
        return "textarea" if f.name in TEXTAREAS else "text"
    if kind in ("int", "float", "date"):
        return kind
    if kind == "table":
        return "group"
    if kind == "list" and spec.item is not None:
        if spec.item.kind == "table":
            return "tablelist"
        if spec.item.kind == "enum":
            return "enumlist"
        if spec.item.kind == "str":
            return "lines"
    if kind == "map" and spec.item is not None:
        if spec.item.kind == "enum":
            return "daymap"
        if spec.item.kind in ("int", "float"):
            return "nummap"
    raise TypeError(f"the checker form has no control for field {f.name!r} of kind {kind!r}")


def _hint(key: str, widget: str, f: FieldSpec) -> Optional[str]:
    cat, s = catalogue("id"), strings()["form"]
    parts = []
    text = cat.get(f"field.{key}.hint")
    if isinstance(text, str):
        parts.append(text)
    if widget in ("lines",):
        parts.append(s["lines_hint"])
    cons = f.constraints
    if widget in ("int", "float", "nummap"):
        lo, hi = cons.get("minimum"), cons.get("maximum")
        num = lambda v: cat.value(float(v)) if isinstance(v, float) else str(v)
        if lo is not None and hi is not None:
            parts.append(s["range_hint"].format(min=num(lo), max=num(hi)))
        elif lo is not None:
            parts.append(s["min_hint"].format(min=num(lo)))
    return " ".join(parts) or None


def _control(f: FieldSpec, path: str, key: str) -> Control:
    cat = catalogue("id")
    widget = _widget(f.type, f)
    label = cat.get(f"field.{key}.label")
    question = strings().get("questions", {}).get(key, {})
    control = Control(path, key, question.get("widget", widget),
                      question.get("label") or (label if isinstance(label, str) else path),
                      question.get("hint") or _hint(key, widget, f), f.required, f.optional, f.doc,
                      default=_json_value(f.default), constraints=dict(f.constraints),
                      show_if=SHOW_IF.get(key), invert=bool(question.get("invert")),
                      glossary=key in strings().get("glossary", {}).get("fields", []))
    spec = f.type
    if widget == "select":
        control.enum = spec.enum.__name__  # type: ignore[union-attr]
        control.options = _enum_options(spec.enum)  # type: ignore[arg-type]
    elif widget in ("enumlist",):
        control.enum = spec.item.enum.__name__  # type: ignore[union-attr]
        control.options = _enum_options(spec.item.enum)  # type: ignore[union-attr, arg-type]
    elif widget in ("daymap", "nummap"):
        control.keys = _enum_options(spec.key)  # type: ignore[arg-type]
        if widget == "daymap":
            control.enum = spec.item.enum.__name__  # type: ignore[union-attr]
            control.options = _enum_options(spec.item.enum)  # type: ignore[union-attr, arg-type]
            # "Unlisted days are off" (model.Employee.week): absence reads as the "off" choice.
            control.absent = "off" if any(v == "off" for v, _ in control.options) else ""
    elif widget == "group":
        control.children = controls_for(spec.table, path, key)  # type: ignore[arg-type]
    elif widget == "tablelist":
        # Paths of an entry's controls are relative to the entry (the browser binds each entry).
        control.children = controls_for(spec.item.table, "", key)  # type: ignore[union-attr, arg-type]
    return control


def controls_for(cls: type, path: str = "", key: str = "") -> list[Control]:
    """Controls for every field of the model class ``cls``, walking nested tables."""
    out = []
    for f in fields_of(cls):
        if (key == ROSTER and f.name in DATED_FIELDS) or (key == "agency"
                                                          and f.name in DATED_AGENCY_FIELDS):
            continue
        child_path = f"{path}.{f.name}" if path else f.name
        child_key = f"{key}.{f.name}" if key else f.name
        out.append(_control(f, child_path, child_key))
    return out


def _agency_readonly(site: SiteData, controls: list[Control]) -> None:
    """With an agency profile, the settings it fixes are shown read-only as that agency's policy;
    without one, each setting says it is agency policy and names the default that applies."""
    s = strings()["agency"]
    for c in controls:
        item = site.settings.items.get(c.name)
        if item is None:
            continue
        shown = format_setting(site, c.name)
        if item.origin == "profile":
            c.readonly = shown
            c.hint = s["profile_value"].format(agency=site.agency_name)
        else:
            c.hint = " ".join(x for x in (c.hint, s["hint"].format(value=shown)) if x)


def sections(site: SiteData, cls: type = Arrangement) -> list[Section]:
    """The form's sections: one per top-level field of the arrangement, in display order."""
    cat = catalogue("id")
    specs = {f.name: f for f in fields_of(cls) if f.name not in HIDDEN}
    order = [n for n in SECTION_ORDER if n in specs] + [n for n in specs if n not in SECTION_ORDER]
    out = []
    for name in order:
        f = specs[name]
        title = cat.get(f"field.{name}.label")
        title = title if isinstance(title, str) else name
        if name == ROSTER:
            item = f.type.item.table if f.type.item else Employee  # type: ignore[union-attr]
            controls = controls_for(item, "", ROSTER)
        elif f.type.kind == "table":
            controls = controls_for(f.type.table, name, name)  # type: ignore[arg-type]
            if name == "agency":
                _agency_readonly(site, controls)
        else:
            controls = [_control(f, name, name)]
        out.append(Section(name, title, controls, f.doc))
    return out


def tasks(secs: list[Section]) -> list[Task]:
    """The task list, in TASKS order; sections no task names come last, one task each."""
    titles = strings()["tasks"]
    by_name = {s.name: s for s in secs}
    out, used = [], set()
    for name, members in TASKS:
        mine = [by_name[m] for m in members if m in by_name]
        if mine:
            out.append(Task(name, titles.get(name, mine[0].title), mine))
            used.update(s.name for s in mine)
    out += [Task(s.name, s.title, [s]) for s in secs if s.name not in used]
    return out


def individual_rules() -> list[str]:
    """The personal check's rules: the engine decides which rules concern one employee alone."""
    return personal_rules()


def _individual_controls(site: SiteData, employee: list[Control]) -> list[Control]:
    skip = set(INDIVIDUAL_HIDDEN)
    if not site.settings["extra_criteria"]:
        skip.add("agency_criteria_met")
    shown = [c for c in employee if c.name not in skip]
    first = [c for name in INDIVIDUAL_FIRST for c in shown if c.name == name]
    return first + [c for c in shown if c not in first]


def _field_meta(controls: list[Control]) -> list[dict[str, Any]]:
    """What the browser needs to summarise answers: path, label, widget and choices."""
    out = []
    for c in controls:
        if c.widget == "group":
            out.append({"path": c.path, "label": c.label, "widget": "group",
                        "children": _field_meta(c.children)})
            continue
        if c.widget == "tablelist":
            out.append({"path": c.path, "label": c.label, "widget": "tablelist", "readonly": None,
                        "entries": _field_meta(c.children)})
            continue
        out.append({"path": c.path, "label": c.label, "widget": c.widget, "enum": c.enum,
                    "default": c.default, "required": c.required, "optional": c.optional,
                    "readonly": c.readonly, "showIf": c.show_if, "invert": c.invert})
    return out


def page_data(site: SiteData, examples: list[Example], secs: list[Section]) -> dict[str, Any]:
    """The JSON block the browser reads: labels, choices, examples, profile and rule lists."""
    cat = catalogue("id")
    data = cat.data
    roster = next((s for s in secs if s.name == ROSTER), None)
    return {
        "format": FORMAT_ID,
        "strings": strings(),
        "msg": {k: data[k] for k in ("status", "word", "months", "enum", "provenance", "cli",
                                     "severity")},
        "sections": [{"name": s.name, "title": s.title, "fields": _field_meta(s.controls)}
                     for s in secs if s.name != ROSTER],
        "employee": _field_meta(roster.controls) if roster else [],
        "rosterPosition": [s.name for s in secs].index(ROSTER) if roster else len(secs),
        "tasks": [{"name": t.name, "title": t.title, "sections": [s.name for s in t.sections]}
                  for t in tasks(secs)],
        "weekdays": [[d.value, cat.enum(d)] for d in Weekday],
        "groups": [{"id": g["id"], "title": g["title"]} for g in catalogue_data("id")["groups"]],
        "individualRules": individual_rules(),
        "examples": [{"slug": e.slug, "file": e.filename, "title": e.data["unit"]["name"],
                      "agency": e.data["unit"]["agency"]} for e in examples],
        "examplesDir": EXAMPLES_DIR,
        "profile": ({"agency": site.agency_name,
                     "settings": {n: {"value": _json_value(i.value) if not isinstance(i.value, tuple)
                                      else list(i.value), "text": format_setting(site, n)}
                                  for n, i in site.settings.items.items() if i.origin == "profile"}}
                    if site.profile else None),
    }


def _script_json(value: Any) -> str:
    """JSON safe to embed as the text of an HTML element: no ``<``, ``>`` or ``&`` left in it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@lru_cache(maxsize=None)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                      autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals["s"] = strings()
    return env


def _compact(markdown: str) -> str:
    """Drop blank lines inside the raw HTML block: Markdown would end the block at one."""
    head, sep, html = markdown.partition("<!-- checker -->\n")
    return head + sep + "\n".join(line for line in html.splitlines() if line.strip()) + "\n"


def checker_page(site: SiteData, examples: list[Example], cls: type = Arrangement) -> str:
    """The Markdown source of the checker page (mostly one raw HTML block)."""
    secs = sections(site, cls)
    roster = next(s for s in secs if s.name == ROSTER)
    row = [c for name in ROW_FIELDS for c in roster.controls if c.name == name]
    detail = [c for c in roster.controls if c.name not in ROW_FIELDS]
    period = next((s for s in secs if s.name == "period"), None)
    individual_period = [c for c in (period.controls if period else []) if c.name in ("ramadan",)]
    text = _environment().get_template("checker/page.md.j2").render(
        sections=secs, tasks=tasks(secs), roster=roster, row=row, detail=detail,
        individual=_individual_controls(site, roster.controls), individual_period=individual_period,
        weekdays=[(d.value, catalogue("id").enum(d)) for d in Weekday],
        examples=examples, site=site, data_json=_script_json(page_data(site, examples, secs)))
    return _compact(text)
