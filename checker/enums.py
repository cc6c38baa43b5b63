"""Closed vocabularies of the arrangement format and of results.

Values are the exact strings written in arrangement files, so they never change once published.
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "Weekday", "DayKind", "EmploymentStatus", "Institution", "EssentialService", "TimePattern",
    "Disciplinary", "NewInPost", "Frequency", "Status", "Severity", "Provenance", "Group",
    "LOCATION_FLEXIBLE", "WORKING",
]


class _Str(str, Enum):
    """A string enum whose str() is its value (3.11 and 3.14 agree on this spelling)."""

    def __str__(self) -> str:
        return self.value


class Weekday(_Str):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def index(self) -> int:
        """Monday is 0, as in ``date.weekday()``."""
        return _WEEKDAY_INDEX[self]


_WEEKDAY_INDEX = {day: i for i, day in enumerate(Weekday)}
WEEKDAYS: tuple[Weekday, ...] = tuple(Weekday)


class DayKind(_Str):
    """What an employee does on a day of the weekly pattern."""

    WFO = "wfo"
    WFH = "wfh"
    WFA = "wfa"
    LEAVE = "leave"
    TRAVEL = "travel"
    OFF = "off"


LOCATION_FLEXIBLE = frozenset({DayKind.WFH, DayKind.WFA})
"""Days away from the office that count against the weekly limit (official travel does not)."""

WORKING = frozenset({DayKind.WFO, DayKind.WFH, DayKind.WFA, DayKind.TRAVEL})
"""Days on which working hours are counted."""


class EmploymentStatus(_Str):
    PNS = "pns"
    PPPK = "pppk"


class Institution(_Str):
    """Kind of institution; three kinds are outside PermenPANRB 4/2025 (reported as Pasal 38)."""

    CIVIL = "civil"
    TNI = "tni"
    POLRI = "polri"
    MISSION_ABROAD = "mission_abroad"


class EssentialService(_Str):
    NONE = "none"
    HEALTH = "health"
    TRANSPORT = "transport"
    SECURITY_ORDER = "security_order"
    DISASTER = "disaster"


class TimePattern(_Str):
    NORMAL = "normal"
    SHIFT = "shift"
    DYNAMIC = "dynamic"


class Disciplinary(_Str):
    NONE = "none"
    IN_PROCESS = "in_process"
    SERVING = "serving"


class NewInPost(_Str):
    """Whether the employee has just taken up the post, and how."""

    NO = "no"
    RECRUITMENT = "recruitment"
    PROMOTION = "promotion"
    TRANSFER = "transfer"
    ROTATION = "rotation"


class Frequency(_Str):
    """How often performance is monitored; ordered from most to least often."""

    DAILY = "daily"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    NONE = "none"

    @property
    def rank(self) -> int:
        """Smaller is more often; ``none`` is the largest."""
        return _FREQUENCY_RANK[self]


_FREQUENCY_RANK = {f: i for i, f in enumerate(Frequency)}


class Status(_Str):
    PASSED = "passed"
    WARNING = "warning"
    FAILED = "failed"
    NOT_APPLICABLE = "not-applicable"
    NOT_ASSESSABLE = "not-assessable"


class Severity(_Str):
    """What a breach of the rule yields: a failure or a warning."""

    FAIL = "fail"
    WARNING = "warning"


class Provenance(_Str):
    """Where a legal claim was read: the official text, an official summary, or only news/copies."""

    OFFICIAL_TEXT = "official-text"
    OFFICIAL_SUMMARY = "official-summary"
    NEWS = "news"
    SECONDARY = "secondary"
    AGENCY_POLICY = "agency-policy"


class Group(_Str):
    """The rule groups: the regulation's scope, the approval trail, location and time, then the
    five principles."""

    SCOPE = "scope"
    APPROVAL = "approval"
    LOCATION = "location"
    TIME = "time"
    SPBE = "spbe"
    PUBLIC_SERVICE = "public-service"
    LEAVE = "leave"
    PERFORMANCE = "performance"
    COMPLAINTS = "complaints"
