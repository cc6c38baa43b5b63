"""Facts about one arrangement that many rules need, computed once per check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Optional

from .enums import (
    LOCATION_FLEXIBLE,
    DayKind,
    EssentialService,
    TimePattern,
    Weekday,
)
from .calendar.period import DateInfo, PeriodCalendar
from .calendar.roster import EmployeeRoster, Planned, date_counts
from .model import AgencyDay, Arrangement, Employee
from .parameters import DatedValue, parameter
from .settings import Settings

__all__ = ["Context", "Facts", "MissingParameter", "label", "minutes"]

WEEKDAYS = tuple(Weekday)
WEEKDAY_INDEX = {day: i for i, day in enumerate(WEEKDAYS)}


class MissingParameter(Exception):
    """No value of a national parameter is in force for the arrangement's period."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


@dataclass
class Facts:
    """What one employee's weekly pattern amounts to, worked out once per check."""

    away_days: tuple[Weekday, ...]  # WFH or WFA, in weekday order
    kinds: frozenset[DayKind]


def label(e: Employee) -> str:
    """How an employee is named in evidence: the id, and the name when given."""
    return f"{e.id} ({e.name})" if e.name else e.id


def minutes(hours: float) -> int:
    """Hours to whole minutes, so that sums are exact on every platform."""
    return int(round(hours * 60))


class Context:
    """Everything rules share about one check; parameters are looked up for the period."""

    def __init__(self, arrangement: Arrangement, settings: Settings,
                 agency_days: Optional[list[AgencyDay]] = None,
                 agency_days_origin: str = "arrangement") -> None:
        a = arrangement
        self.arrangement = a
        self.unit = a.unit
        self.period = a.period
        self.settings = settings
        self.employees = a.employees
        self.used_parameters: dict[str, DatedValue] = {}

        normal = TimePattern.NORMAL
        self.location_flexible: list[Employee] = []
        self.flexible: list[Employee] = []
        self.facts_by_id: dict[str, Facts] = {}
        for e in a.employees:
            away = sorted((day for day, kind in e.week.items() if kind in LOCATION_FLEXIBLE),
                          key=WEEKDAY_INDEX.__getitem__)
            self.facts_by_id[e.id] = Facts(tuple(away), frozenset(e.week.values()))
            if away:
                self.location_flexible.append(e)
            if away or e.time_pattern is not normal:
                self.flexible.append(e)

        start = a.period.start
        # Counted, not stepped past the end: the last day may be date.max.
        self.dates = [start + timedelta(days=i) for i in range((a.period.end - start).days + 1)]

        wanted = set(a.unit.service_days)
        self.service_days = [d for d in WEEKDAYS if d in wanted]

        # The calendar and the roster by date (see checker.calendar).
        self.agency_days_origin = agency_days_origin
        self.calendar = PeriodCalendar(self.dates, agency_days or (), a.period.ramadan)
        self.rosters = {e.id: EmployeeRoster(e, self.calendar) for e in a.employees}
        self._date_counts: Optional[dict] = None
        for e in a.employees:
            roster = self.rosters[e.id]
            if roster.regular:
                continue
            kinds = set(self.facts_by_id[e.id].kinds)
            if roster.rotation is not None:
                kinds.update(k for w in roster.rotation for k in w.week.values())
            kinds.update(entry.day for entry in roster.overrides.values())
            facts = self.facts_by_id[e.id]
            self.facts_by_id[e.id] = Facts(facts.away_days, frozenset(kinds))
            if kinds & LOCATION_FLEXIBLE and e not in self.location_flexible:
                self.location_flexible.append(e)
            if (kinds & LOCATION_FLEXIBLE or e.time_pattern is not normal) and e not in self.flexible:
                self.flexible.append(e)
        if len(self.location_flexible) > 1:
            order = {e.id: i for i, e in enumerate(a.employees)}
            self.location_flexible.sort(key=lambda e: order[e.id])
            self.flexible.sort(key=lambda e: order[e.id])

    def facts(self, e: Employee) -> Facts:
        return self.facts_by_id[e.id]

    # Dates ------------------------------------------------------------------------------
    def signature(self, e: Employee) -> Optional[int]:
        """A key shared by employees whose plan is the same on every date (regular patterns
        only; None otherwise), so per-week answers are worked out once per pattern."""
        memo = self.__dict__.setdefault("_signatures", {})
        if e.id in memo:
            return memo[e.id]
        roster = self.rosters[e.id]
        sig = None
        if roster.regular:
            full = (tuple(sorted((d._value_, k._value_) for d, k in e.week.items())),
                    tuple(sorted((d._value_, h) for d, h in e.hours.items())), e.daily_hours,
                    e.time_pattern, roster.on_holidays)
            ids = self.__dict__.setdefault("_signature_ids", {})
            sig = ids.setdefault(full, len(ids))  # a small int: cheap to hash in caches
        memo[e.id] = sig
        return sig

    def plan(self, e: Employee, info: DateInfo) -> Planned:
        """What the employee does on that date (pattern, rotation, calendar, date entries)."""
        return self.rosters[e.id].on(info)

    def date_counts(self) -> dict:
        """Head counts by kind of day (a ``Counter`` of ``DayKind``) for every date."""
        if self._date_counts is None:
            self._date_counts = date_counts(self.calendar, list(self.rosters.values()))
        return self._date_counts

    def service_dates(self) -> list[DateInfo]:
        """The dates the unit serves the public: its service weekdays, less the calendar's days
        off unless the unit runs an essential service (which keeps serving on holidays)."""
        wanted = set(self.service_days)
        return [i for i in self.calendar.dates if WEEKDAYS[i.date.weekday()] in wanted
                and (i.day is None or self.essential)]

    # Parameters -------------------------------------------------------------------------
    def param(self, name: str) -> float:
        """The value in force for the period; raises ``MissingParameter`` if there is none."""
        found = self.used_parameters.get(name)
        if found is not None:
            return found.value
        found = parameter(name).for_period(self.period.start, self.period.end)
        if found is None:
            raise MissingParameter(name)
        self.used_parameters[name] = found
        return found.value

    def uncertain(self, name: str) -> bool:
        """Whether the sources leave the parameter's value in force uncertain (see rules/policy.py)."""
        self.param(name)
        return self.used_parameters[name].uncertain

    # Coverage ---------------------------------------------------------------------------
    @property
    def essential(self) -> bool:
        return self.unit.essential_service is not EssentialService.NONE

    def required_on_site(self) -> Optional[int]:
        """Staff needed on site each service day: the agency minimum for essential services,
        one person for other face-to-face services, none otherwise."""
        if self.essential:
            return int(self.settings["min_onsite_staff"])
        if self.unit.serves_public_in_person:
            return 1
        return None
