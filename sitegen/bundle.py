"""Ships the engine to the browser: the Pyodide runtime and the ``checker`` package.

Placeholder until the in-browser checker lands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .site import SiteData

__all__ = ["write_runtime"]


def write_runtime(site_dir: Path, site: SiteData, root: Path) -> dict[str, Any]:
    return {}
