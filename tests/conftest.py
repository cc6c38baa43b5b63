"""Shared fixtures: one strict build of the site per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("site") / "site")
