"""Rules engine for flexible work of Indonesian civil servants (PermenPANRB 4/2025).

Stdlib only: the same package runs on CPython and in the browser through Pyodide. Typical use::

    from checker import check_data, to_dict
    report = check_data(document)          # raises ValidationError on bad input
    data = to_dict(report, lang="id")       # localized, JSON-ready results
"""

from __future__ import annotations

from .engine import Report, check, check_data
from .report import to_dict
from .validate import ValidationError
from .version import ENGINE_VERSION

__all__ = ["check", "check_data", "to_dict", "Report", "ValidationError", "__version__"]

__version__ = ENGINE_VERSION
