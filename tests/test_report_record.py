"""Reports as records: the time of the check (the caller's), engine and data versions, the unit
and period, and handbook links that work outside the site."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.api import check_text, render_report
from checker.cli import main
from checker.i18n import catalogue
from checker.report import HANDBOOK_CATALOGUE
from checker.version import ENGINE_VERSION, versions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "unit-riset.toml"
FIXED = "2026-03-02T09:15:00+07:00"
LANGS = ("id", "en")


def report(lang: str = "id") -> dict[str, Any]:
    return json.loads(check_text(EXAMPLE.read_text(encoding="utf-8"), EXAMPLE.name, lang))


def test_every_report_carries_engine_and_data_versions() -> None:
    data = report()
    assert data["versions"]["engine"]["version"] == ENGINE_VERSION
    assert re.fullmatch(r"[0-9a-f]{12}", data["versions"]["engine"]["build"])
    files = [f["path"] for f in data["versions"]["data"]["files"]]
    shipped = sorted(p.relative_to(ROOT / "checker").as_posix()
                     for p in (ROOT / "checker" / "data").rglob("*.toml"))
    assert files == shipped


def test_versions_are_fresh_copies() -> None:
    versions()["engine"]["version"] = "changed"
    assert versions()["engine"]["version"] == ENGINE_VERSION


@pytest.mark.parametrize("lang", LANGS)
def test_markdown_record_has_time_versions_unit_and_period(lang: str) -> None:
    data = report(lang)
    text = render_report(data, "markdown", {"checked_at": FIXED})
    head = text.split("\n## ", 1)[0]
    assert data["unit"]["name"] in head and data["unit"]["agency"] in head
    assert data["period"]["text"] in head
    assert ("2 Maret 2026 pukul 09.15 WIB" if lang == "id" else "2 March 2026 at 09:15 UTC+7 (WIB)") in head
    assert data["versions"]["engine"]["build"] in head and data["versions"]["data"]["version"] in head


def test_the_engine_reads_no_clock() -> None:
    data = report()
    assert "record" not in data
    without = render_report(data, "markdown")
    assert catalogue("id").text("report.checked_at") not in without
    meta = {"checked_at": FIXED, "site_url": None}
    assert render_report(data, "markdown", meta) == render_report(data, "markdown", meta)


def test_markdown_links_without_site_address_name_the_handbook_section() -> None:
    text = render_report(report(), "markdown", {"checked_at": FIXED})
    assert not re.search(r"\]\((?!https?://)", text), "a relative link would break outside the site"
    path = catalogue("id").text("report.handbook_path")
    assert f"{path} › Batas hari kerja di luar kantor per minggu (bagian #location-max-days)" in text


def test_markdown_links_with_site_address_are_absolute() -> None:
    text = render_report(report(), "markdown",
                         {"checked_at": FIXED, "site_url": "https://intranet.example.go.id/panduan"})
    links = re.findall(r"\]\(([^)]+)\)", text)
    assert links and all(u.startswith("https://intranet.example.go.id/panduan/" + HANDBOOK_CATALOGUE)
                         for u in links)
    assert "https://intranet.example.go.id/panduan/referensi/aturan/#location-max-days" in links


def test_json_record_and_absolute_links() -> None:
    data = json.loads(render_report(report(), "json",
                                    {"checked_at": FIXED, "site_url": "https://a.example/"}))
    assert data["record"] == {"checked_at": FIXED, "site_url": "https://a.example/"}
    assert data["results"][0]["handbook_url"] == "https://a.example/" + data["results"][0]["handbook"]


def test_a_bad_site_address_is_not_used() -> None:
    data = json.loads(render_report(report(), "json", {"checked_at": FIXED, "site_url": "javascript:x"}))
    assert data["record"]["site_url"] is None and "handbook_url" not in data["results"][0]


def test_error_answers_render_unchanged() -> None:
    error = json.loads(check_text("[period", "x.toml", "id"))
    assert json.loads(render_report(error, "json", {"checked_at": FIXED})) == error


def _nav_titles(nav: Any, target: str, trail: tuple[str, ...] = ()) -> tuple[str, ...]:
    for item in nav:
        for title, value in item.items():
            if value == target:
                return trail + (title,)
            if isinstance(value, list):
                found = _nav_titles(value, target, trail + (title,))
                if found:
                    return found
    return ()


def test_named_section_matches_the_handbook_navigation() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    page = HANDBOOK_CATALOGUE.rstrip("/") + ".md"
    expected = " › ".join((config["site_name"],) + _nav_titles(config["nav"], page))
    assert catalogue("id").text("report.handbook_path") == expected
    assert catalogue("en").text("report.handbook_path").endswith(expected.split(" › ", 1)[1])


def test_cli_records_its_time_and_the_site_address(tmp_path: Path) -> None:
    out = io.StringIO()
    main(["check", str(EXAMPLE), "--format", "json", "--checked-at", FIXED,
          "--site-url", "https://a.example/p"], out=out, err=io.StringIO())
    data = json.loads(out.getvalue())
    assert data["record"] == {"checked_at": FIXED, "site_url": "https://a.example/p/"}
    out = io.StringIO()
    main(["check", str(EXAMPLE), "--format", "markdown"], out=out, err=io.StringIO())
    assert catalogue("id").text("report.checked_at") in out.getvalue()  # the CLI's own clock
