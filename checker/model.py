"""The arrangement format: one unit, one period, its settings and its employees.

Each field carries a one-line ``doc``; the JSON Schema, the validator and the browser form are all
derived from these classes, so this file is the single definition of the format. ``None`` means
"not stated": rules that need a missing answer report "not assessable" instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional

from .enums import (
    DayKind,
    Disciplinary,
    EmploymentStatus,
    EssentialService,
    Frequency,
    Institution,
    NewInPost,
    TimePattern,
    Weekday,
)

__all__ = [
    "FORMAT_ID", "Period", "Unit", "AgencySettingsInput", "Digital", "Monitoring", "Complaints",
    "Accessibility", "AgencyDay", "Tasks", "Leave", "DateEntry", "RotationWeek", "Rotation", "Employee",
    "Arrangement", "Approval", "Application",
]

FORMAT_ID = "asn-fleksibel/1"
"""Value of the optional top-level ``format`` key; bumped only on an incompatible change."""


def doc(text: str, default: Any = None, **extra: Any) -> Any:
    """A dataclass field with a one-line description (and optional validation hints)."""
    meta = {"doc": text, **extra}
    if isinstance(default, (list, dict)):
        factory = list if isinstance(default, list) else dict
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


def required(text: str, **extra: Any) -> Any:
    return field(metadata={"doc": text, "required": True, **extra})


@dataclass(frozen=True)
class Period:
    start: date = required("First day of the period the arrangement covers.")
    end: date = required("Last day of the period (inclusive); at most 366 days after the start.")
    ramadan: Optional[bool] = doc(
        "Whether the whole period is in Ramadan (shorter weekly hours); leave it out to take the "
        "Ramadan dates from the checker's calendar, true or false overrides them for every date.")


@dataclass(frozen=True)
class Unit:
    name: str = required("Name of the organisational unit.", min_length=1)
    agency: str = required("Name of the agency (instansi) the unit belongs to.", min_length=1)
    agency_adopted: Optional[bool] = doc(
        "Whether the agency has adopted flexible work at all (it is optional for agencies).")
    institution: Institution = doc(
        "Kind of institution; TNI, Polri and missions abroad are outside the regulation.",
        Institution.CIVIL)
    serves_public_in_person: Optional[bool] = doc(
        "Whether the unit serves members of the public face to face.")
    service_days: list[Weekday] = doc("Days on which the unit serves the public.", [])
    service_hours: Optional[str] = doc(
        "Public service hours, as HH:MM-HH:MM (HH.MM, the Indonesian way, is accepted too).",
        pattern=r"^([01]\d|2[0-3])[:.][0-5]\d ?[\-\u2013] ?([01]\d|2[0-4])[:.][0-5]\d$",
        normalize="time_range")
    essential_service: EssentialService = doc(
        "Essential service the unit provides, if any.", EssentialService.NONE)
    operating_hours_per_day: Optional[float] = doc(
        "How many hours a day the unit's duties must be covered (for shift work).",
        minimum=0, maximum=24)
    operating_days_per_week: Optional[int] = doc(
        "How many days a week the unit's duties must be covered (for shift work).",
        minimum=0, maximum=7)
    schedule_changes_announced: Optional[bool] = doc(
        "Whether changes to service days or hours are announced to the public.")


@dataclass(frozen=True)
class AgencyDay:
    """A non-working day the agency sets for itself (a regional holiday, say): agency policy."""

    date: date = required("The agency's non-working date (the first, when until is given).")
    reason: str = required("Why the agency does not work that day (the decision and its number).",
                           min_length=1)
    until: Optional[date] = doc("Last date of a run of non-working dates (inclusive).")


@dataclass(frozen=True)
class AgencySettingsInput:
    """The unit's copy of agency policy; an agency profile, when given, takes precedence."""

    min_onsite_staff: Optional[int] = doc(
        "Minimum staff on site on each service day of an essential service.", minimum=0)
    max_away_share: Optional[float] = doc(
        "The head of agency's percentage (as a share, 0 to 1) of staff who may work away from the "
        "office (WFH or WFA) on any working day (PermenPANRB 4/2025 Pasal 14, as reported).",
        minimum=0, maximum=1)
    monitoring_frequency: Optional[Frequency] = doc(
        "How often the agency requires performance of flexible workers to be monitored.")
    extra_criteria: Optional[list[str]] = doc(
        "Extra task criteria the agency sets for location-flexible work.")
    non_working_days: Optional[list[AgencyDay]] = doc(
        "The agency's own non-working days beyond the national calendar, each with its reason.")
    binding_rules: Optional[list[str]] = doc(
        "Ids of advisory (Anjuran) rules the agency makes binding, so that a breach fails.")


@dataclass(frozen=True)
class Digital:
    electronic_attendance: Optional[bool] = doc("Electronic attendance that works away from the office.")
    electronic_documents: Optional[bool] = doc("Official documents handled electronically.")
    e_kinerja: Optional[bool] = doc("Performance recorded in e-Kinerja (BKN) or the agency's system.")
    remote_contact: Optional[bool] = doc("A channel to reach staff who work away from the office.")


@dataclass(frozen=True)
class Monitoring:
    frequency: Optional[Frequency] = doc("How often the leader monitors flexible workers' performance.")
    periodic_evaluation: Optional[bool] = doc("Whether the arrangement itself is evaluated periodically.")


@dataclass(frozen=True)
class Complaints:
    lapor_active: Optional[bool] = doc("Whether SP4N-LAPOR! is active for the unit.")
    lapor_officer: Optional[str] = doc("Who handles SP4N-LAPOR! complaints for the unit.")
    face_to_face: Optional[bool] = doc("A face-to-face complaint channel on every service day.")
    channels_announced: Optional[bool] = doc("Whether the complaint channels are announced to the public.")


@dataclass(frozen=True)
class Accessibility:
    priority_service: Optional[bool] = doc(
        "Priority service and assistance for vulnerable groups on every service day.")


@dataclass(frozen=True)
class Approval:
    """The approval trail an HR officer checks before signing; every answer is optional."""

    decision_number: Optional[str] = doc("Number of the agency's decision adopting flexible work.")
    decision_date: Optional[date] = doc("Date of the agency's decision adopting flexible work.")
    sop: Optional[bool] = doc("Whether the agency has a standard operating procedure (SOP) for flexible work.")
    duties_and_staff_designated: Optional[bool] = doc(
        "Whether the PPK or head of agency has designated the duties and the employees that may "
        "work flexibly (Perpres 21/2023 Pasal 8 ayat (3)).")
    wfa_locations_set: Optional[bool] = doc(
        "Whether the PPK or head of agency has set the locations for work from another location (WFA).")
    monitored_by_unit_head: Optional[bool] = doc(
        "Whether the head of the organisational unit monitors and evaluates the flexible work (first tier).")
    monitored_by_ppk: Optional[bool] = doc(
        "Whether the PPK or head of agency monitors and evaluates it in turn (second tier).")


@dataclass(frozen=True)
class Application:
    """An employee's own application for flexible work on grounds of special circumstances."""

    reason: Optional[str] = doc("The special circumstances (keadaan khusus) the employee gives as the reason.")
    approved_by_unit_head: Optional[bool] = doc(
        "Whether the head of the organisational unit has approved the application.")


@dataclass(frozen=True)
class Tasks:
    """The task criteria for location-flexible work, as reported from PermenPANRB 4/2025."""

    outside_office: Optional[bool] = doc("The duties are or can be done outside the office.")
    no_special_equipment: Optional[bool] = doc("The duties need no special room or equipment.")
    ict: Optional[bool] = doc("The duties can be done with information and communication technology.")
    minimal_face_to_face: Optional[bool] = doc("The duties need minimal face-to-face contact.")
    no_continuous_supervision: Optional[bool] = doc("The duties need no continuous supervision.")
    not_tied_to_office_hours: Optional[bool] = doc(
        "The duties are not tied to the agency's office hours (for dynamic hours).")


@dataclass(frozen=True)
class Leave:
    carried_over: int = doc("Annual leave days left from earlier years.", 0, minimum=0, maximum=365)
    unused_years: int = doc(
        "Consecutive earlier years in which annual leave was not taken.", 0, minimum=0, maximum=50)
    taken_this_year: int = doc(
        "Annual leave days already taken this year before the period.", 0, minimum=0, maximum=365)


@dataclass(frozen=True)
class DateEntry:
    """One change to an employee's pattern on a date (or a run of dates), e.g. a duty on a holiday."""

    date: date = required("The date the entry applies to (the first, when until is given).")
    day: DayKind = required("What the employee does on that date: wfo, wfh, wfa, leave, travel or off.")
    until: Optional[date] = doc("Last date of a run of dates with the same entry (inclusive).")
    hours: Optional[float] = doc("Working hours on that date (overrides the pattern's hours).",
                                 minimum=0, maximum=24)
    note: Optional[str] = doc("Why the date differs, for readers (a swapped shift, a holiday duty).")


@dataclass(frozen=True)
class RotationWeek:
    """One week of a rotation: a weekly pattern with its hours."""

    week: dict[Weekday, DayKind] = doc("What the employee does on each weekday of this week; "
                                       "unlisted days are off.", {})
    daily_hours: Optional[float] = doc("Working hours on each working day of this week.",
                                       minimum=0, maximum=24)
    hours: dict[Weekday, float] = doc("Working hours on particular weekdays of this week.", {},
                                      minimum=0, maximum=24)


@dataclass(frozen=True)
class Rotation:
    """Several weekly patterns that follow each other (a shift roster), from an anchor date."""

    anchor: Optional[date] = doc("A date in the week (Monday to Sunday) where the first pattern "
                                 "applies; needed when weeks are given.")
    weeks: list[RotationWeek] = doc("The weekly patterns in order; after the last, the first "
                                    "comes again. When given, they replace week and hours.", [])


@dataclass(frozen=True)
class Employee:
    id: str = required("Identifier unique within the unit (not necessarily the NIP).", min_length=1)
    status: EmploymentStatus = required("PNS or PPPK.")
    name: Optional[str] = doc("Name, for the report only.")
    position: Optional[str] = doc("Position (jabatan).")
    tasks: Tasks = doc("How the employee's duties meet the task criteria.", default=None)
    agency_criteria_met: Optional[list[str]] = doc(
        "Which of the agency's extra criteria the employee's duties meet.")
    disciplinary: Optional[Disciplinary] = doc("Disciplinary penalty: none, in process, or being served.")
    new_in_post: Optional[NewInPost] = doc("Whether the employee has just taken up the post, and how.")
    special_circumstances: bool = doc("Special circumstances (keadaan khusus) recognised by the agency.", False)
    duties_outside_office: bool = doc("Duties that must be done outside the office.", False)
    skp_targets: Optional[bool] = doc("SKP targets are set for the period.")
    work_plan: Optional[bool] = doc("A measurable work plan exists for the flexible days.")
    home_is_recorded_domicile: Optional[bool] = doc(
        "Home for WFH is the domicile recorded in personnel data.")
    other_location_set_by_agency: Optional[bool] = doc(
        "The WFA location is one the PPK or agency has set.")
    time_pattern: TimePattern = doc("Normal hours, shift, or dynamic hours.", TimePattern.NORMAL)
    week: dict[Weekday, DayKind] = doc("What the employee does on each weekday; unlisted days are off.", {})
    daily_hours: Optional[float] = doc("Working hours on each working day.", minimum=0, maximum=24)
    hours: dict[Weekday, float] = doc("Working hours on particular weekdays (overrides daily_hours).", {},
                                     minimum=0, maximum=24)
    years_of_service: Optional[float] = doc("Years of continuous service.", minimum=0, maximum=60)
    leave: Leave = doc("Annual leave carried over and already taken.", default=None)
    rotation: Rotation = doc("A rotation of weekly patterns from an anchor date (shift rosters).",
                             default=None)
    dates: list[DateEntry] = doc("Changes on particular dates, over the weekly pattern or rotation.",
                                 [])
    pattern_on_holidays: Optional[bool] = doc(
        "Whether the weekly pattern or rotation also runs on national holidays and cuti bersama; "
        "left out: yes for shift work, no otherwise (then only dates entries put anyone on duty).")
    application: Application = doc(
        "The employee's own application on grounds of special circumstances, if any.", default=None)


@dataclass(frozen=True)
class Arrangement:
    period: Period = required("The period the arrangement covers.")
    unit: Unit = required("The organisational unit.")
    employees: list[Employee] = required("The unit's employees.", min_items=1)
    format: Optional[str] = doc("Format identifier, asn-fleksibel/1.", const=FORMAT_ID)
    notes: Optional[str] = doc("Free text for readers of the file; the checker does not read it.")
    agency: AgencySettingsInput = doc("The agency's settings as recorded by the unit.", default=None)
    digital: Digital = doc("Digital support for work away from the office.", default=None)
    monitoring: Monitoring = doc("Performance monitoring and evaluation.", default=None)
    complaints: Complaints = doc("Complaint channels.", default=None)
    accessibility: Accessibility = doc("Service for vulnerable groups.", default=None)
    approval: Approval = doc("The approval trail: the agency's decisions behind the arrangement.",
                             default=None)
