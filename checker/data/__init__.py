"""Data files of the engine: legal sources and dated national parameters (TOML)."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["load"]


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """Parse one bundled TOML file once; the result must be treated as read-only."""
    text = resources.files(__name__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
