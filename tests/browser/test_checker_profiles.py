"""Agency editions: the checker page of a site built with an agency profile applies that profile.

Every rule case with a ``[profile]`` gets a site built with its profile (cases sharing a profile
share a site), and so does the example agency profile (``examples/profiles/``), under which every
example is checked. Statuses on the page must equal the command line's with the same profile; the
profile's settings are shown read-only as that agency's policy.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from casefile import Case, all_cases
from checker_support import (
    ENGINE_TIMEOUT,
    cli_statuses,
    cli_statuses_of_file,
    import_file,
    shown_statuses,
    write_json,
)
from conftest import ROOT, build_site, new_context, start_nginx

from checker.loader import read_document

pytestmark = pytest.mark.browser

CASES = [c for c in all_cases() if c.profile is not None]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
AGENCY_PROFILE = ROOT / "examples" / "profiles" / "dinas-contoh.toml"


def key(profile: dict[str, Any]) -> str:
    return json.dumps(profile, sort_keys=True, default=str)


def profiles() -> dict[str, dict[str, Any]]:
    out = {key(c.profile): c.profile for c in CASES if c.profile is not None}
    agency = json.loads(json.dumps(read_document(str(AGENCY_PROFILE)), default=str))
    out[key(agency)] = agency
    return out


@pytest.fixture(scope="module")
def editions(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One built site, nginx and checker page per distinct profile; the pages boot together."""
    started, pages = [], {}
    try:
        for k, profile in profiles().items():
            folder = tmp_path_factory.mktemp("edition")
            profile_file = folder / "profil.json"
            profile_file.write_text(json.dumps(profile, ensure_ascii=False, default=str), encoding="utf-8")
            site = build_site(folder / "site", profile_file)
            proc, server = start_nginx(site, folder / "nginx")
            context, guard = new_context(browser, server)
            started.append((proc, context, guard))
            page = context.new_page()
            page.errors = []
            page.on("pageerror", lambda exc, p=page: p.errors.append(str(exc)))
            page.goto(server.base + "periksa/")
            pages[k] = page
        for page in pages.values():
            page.wait_for_selector("#ck-engine[data-state=ready]", timeout=ENGINE_TIMEOUT)
        yield pages
    finally:
        for proc, context, guard in started:
            context.close()
            proc.terminate()
            proc.wait(timeout=10)
    for _, _, guard in started:
        assert not guard.blocked, f"requests left the local origin: {guard.blocked}"
    for page in pages.values():
        assert not page.errors, page.errors


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_profile_case_statuses_match_cli(editions: dict[str, Any], case: Case, tmp_path: Path) -> None:
    page = editions[key(case.profile)]
    path = write_json(case.arrangement, tmp_path / f"{case.path.stem}.json")
    assert import_file(page, path) == "ready"
    shown = shown_statuses(page)
    assert shown == cli_statuses(case.arrangement, case.profile, path.name)
    assert {rule: shown[rule] for rule in case.expect} == case.expect


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_under_the_agency_profile(editions: dict[str, Any], path: Path) -> None:
    profile = json.loads(json.dumps(read_document(str(AGENCY_PROFILE)), default=str))
    page = editions[key(profile)]
    assert import_file(page, path) == "ready"
    assert shown_statuses(page) == cli_statuses_of_file(path, profile)


def test_agency_settings_are_shown_read_only_as_policy(editions: dict[str, Any]) -> None:
    profile = json.loads(json.dumps(read_document(str(AGENCY_PROFILE)), default=str))
    page = editions[key(profile)]
    name = profile["agency"]["name"]
    section = page.locator("#ck-sec-agency")
    assert f"kebijakan {name}" in section.text_content()
    for setting in ("min_onsite_staff", "max_away_share", "monitoring_frequency", "extra_criteria"):
        assert section.locator(f"[data-readonly='agency.{setting}']").count() == 1
        assert section.locator(f"[data-path='agency.{setting}']").count() == 0
    # The individual form asks about the agency's extra criteria when the profile sets any.
    assert page.locator("#ck-i-agency-criteria-met").count() == 1
