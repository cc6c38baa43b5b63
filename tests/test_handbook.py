"""The handbook: strict build, anchors the engine links to, links, offline assets, agency edition,
and pages generated from the engine's own catalogue."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from checker.api import check_document
from checker.enums import Group, Provenance, Severity
from checker.i18n import catalogue
from checker.loader import read_document
from checker.rules import RULES
from checker.rules.base import ok, rule
from checker.sources import Citation
from sitebuild import ROOT, build_site
from sitegen.markers import MarkerError, replace_markers
from sitegen.pages import CATALOGUE_PAGE, PARAMETER_PAGE, generated_pages, load_examples
from sitegen.site import site_data

PROFILE = ROOT / "examples" / "profiles" / "dinas-contoh.toml"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.refs.append((tag, name, value))


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _pages(site: Path) -> list[Path]:
    """Built HTML pages, except 404.html: MkDocs writes it with root-absolute links because a
    server shows it at any depth; the hosting guide says so."""
    return [p for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html"]


def _target(site: Path, page: Path, url: str) -> Path:
    """The built file a relative URL on ``page`` points to (directory URLs end in index.html)."""
    path = unquote(urlsplit(url).path)
    target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def test_strict_build_writes_every_page(built_site: Path) -> None:
    for page in ("index.html", "referensi/aturan/index.html", "referensi/parameter/index.html",
                 "referensi/contoh/index.html", "referensi/format/index.html", "periksa/index.html", "prinsip/spbe/index.html"):
        assert (built_site / page).is_file(), page


def test_catalogue_has_an_anchor_for_every_rule(built_site: Path) -> None:
    ids = _parse(built_site / "referensi/aturan/index.html").ids
    missing = [r.id for r in RULES if r.id not in ids]
    assert not missing, f"rules without an anchor in the catalogue: {missing}"


def test_every_link_in_engine_results_resolves(built_site: Path) -> None:
    report = check_document(read_document(str(ROOT / "tests/cases/_base/office.toml")))
    links = {r["handbook"] for r in report["results"]}
    assert len(links) == len(RULES)
    for link in links:
        page, _, anchor = link.partition("#")
        target = built_site / page / "index.html"
        assert target.is_file(), link
        assert anchor in _parse(target).ids, link


def test_no_leftover_markers_in_built_pages(built_site: Path) -> None:
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not re.search(r"\[\[(param|setting|rules|sources)", text), html


EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def test_no_asset_is_loaded_from_another_origin(built_site: Path) -> None:
    """Links to sources are fine; scripts, styles, images, frames and fonts must be local."""
    offenders = []
    for html in built_site.rglob("*.html"):
        for tag, attr, url in _parse(html).refs:
            is_asset = attr == "src" or tag == "link"
            if is_asset and EXTERNAL.match(url):
                offenders.append(f"{html.relative_to(built_site)}: <{tag} {attr}={url}>")
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if EXTERNAL.match(url):
                offenders.append(f"{css.relative_to(built_site)}: url({url})")
        if re.search(r"@import\s+(url\()?['\"]?(https?:)?//", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(built_site)}: @import from another origin")
    own_js = list((built_site / "assets").glob("checker/*.mjs")) + \
        list((built_site / "assets/javascripts").glob("csp-*.js"))
    for js in own_js:
        text = js.read_text(encoding="utf-8").replace("http://www.w3.org/", "")  # XML namespaces
        if re.search(r"https?://[\w-]", text):
            offenders.append(f"{js.relative_to(built_site)} mentions an absolute URL")
    assert not offenders, "\n".join(offenders)


def test_internal_links_and_anchors_resolve(built_site: Path) -> None:
    broken = []
    parsed: dict[Path, _Links] = {}
    for html in _pages(built_site):
        for tag, attr, url in _parse(html).refs:
            if EXTERNAL.match(url) or url.startswith(("mailto:", "data:", "javascript:")):
                continue
            target = _target(built_site, html, url)
            if not target.exists():
                broken.append(f"{html.relative_to(built_site)}: {url}")
                continue
            fragment = urlsplit(url).fragment
            if fragment and target.suffix == ".html" and "=" not in fragment:
                ids = parsed.setdefault(target, _parse(target)).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{html.relative_to(built_site)}: {url} (no anchor)")
    assert not broken, "\n".join(broken[:40])


def test_links_use_relative_urls_so_any_sub_path_works(built_site: Path) -> None:
    absolute = []
    for html in _pages(built_site):
        for tag, attr, url in _parse(html).refs:
            if url.startswith("/") and not url.startswith("//"):
                absolute.append(f"{html.relative_to(built_site)}: {url}")
    assert not absolute, "\n".join(absolute[:20])


def test_agency_edition_shows_the_profile_values(tmp_path: Path) -> None:
    site = build_site(tmp_path / "site", PROFILE)
    text = (site / "referensi/parameter/index.html").read_text(encoding="utf-8")
    assert "Dinas Contoh Kabupaten Sukamaju" in text
    assert "40%" in text and "setiap minggu" in text
    assert "Data pribadi warga tidak dibawa keluar kantor" in text
    principle = (site / "prinsip/layanan-publik/index.html").read_text(encoding="utf-8")
    assert "kebijakan Dinas Contoh Kabupaten Sukamaju" in principle


def test_default_edition_labels_settings_as_agency_policy(built_site: Path) -> None:
    text = (built_site / "referensi/parameter/index.html").read_text(encoding="utf-8")
    assert "Nilai bawaan" in text and "bukan ketentuan nasional" in text


@pytest.fixture
def temporary_rule(monkeypatch: pytest.MonkeyPatch):
    """A rule added to the catalogue for one test, with its messages."""
    messages = catalogue("id").data["rule"]
    monkeypatch.setitem(messages, "time-temporary-test", {
        "title": "Aturan sementara untuk pengujian", "checks": "Memeriksa sesuatu yang baru.",
        "fix": {"failed": "Perbaiki sesuatu."}, "reason": {"passed": "Terpenuhi."}})
    before = list(RULES)

    @rule(id="time-temporary-test", group=Group.TIME, severity=Severity.WARNING,
          since=RULES[0].since, basis=[Citation("perpres-21-2023", "Pasal 9", Provenance.NEWS)],
          inputs=["period.start"], parameters=["weekly_hours"])
    def temporary(ctx):  # pragma: no cover - only its metadata matters here
        return ok()

    yield "time-temporary-test"
    RULES[:] = before


def test_a_rule_added_to_the_engine_appears_in_the_handbook(temporary_rule: str) -> None:
    site = site_data()
    pages = generated_pages(site, [])
    catalogue_page = pages[CATALOGUE_PAGE]
    assert f"{{ #{temporary_rule} }}" in catalogue_page
    assert "Aturan sementara untuk pengujian" in catalogue_page
    table = replace_markers("[[rules:time]]", site, "kebijakan/waktu-kerja.md")
    assert "Aturan sementara untuk pengujian" in table
    assert "../referensi/aturan.md#time-temporary-test" in table


def test_a_changed_parameter_value_appears_in_the_handbook(monkeypatch: pytest.MonkeyPatch) -> None:
    site = site_data()
    for p in site.parameters:
        if p["name"] == "max_location_flexible_days":
            monkeypatch.setitem(p, "current", 3)
            monkeypatch.setitem(p, "values", [dict(p["values"][0], value=3)])
    assert replace_markers("[[param:max_location_flexible_days]] hari", site, "x.md") == "3 hari"
    assert "**3**" in generated_pages(site, [])[PARAMETER_PAGE]


def test_unknown_markers_stop_the_build() -> None:
    site = site_data()
    for marker in ("[[param:nope]]", "[[setting:nope]]", "[[rules:nope]]"):
        with pytest.raises(MarkerError):
            replace_markers(marker, site, "x.md")


def test_examples_gallery_checks_every_example() -> None:
    site = site_data()
    examples = load_examples(ROOT / "examples", site)
    assert [e.filename for e in examples] == sorted(p.name for p in (ROOT / "examples").glob("*.toml"))
    for ex in examples:
        assert ex.data["format"] == "asn-fleksibel-hasil/1"


def test_format_reference_lists_every_model_field() -> None:
    from checker.fieldspec import fields_of
    from checker.model import Employee, Unit
    from sitegen.format_page import format_page

    text = format_page()
    for cls in (Unit, Employee):
        for f in fields_of(cls):
            assert f"| `{f.name}`" in text, f.name


# ---- legal accuracy and language (issue 8) -------------------------------------------------

DOCS = ROOT / "docs"
HANDWRITTEN = sorted(p for p in DOCS.rglob("*.md") if "assets" not in p.parts)


def _catalogue_sections(page: str) -> dict[str, str]:
    """The catalogue page split into rule sections, keyed by rule id."""
    parts = re.split(r"^### .*\{ #([a-z0-9-]+) \}$", page, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_catalogue_page_states_the_severity_policy_and_each_rules_kind() -> None:
    site = site_data()
    page = generated_pages(site, [])[CATALOGUE_PAGE]
    assert "{ #jenis-aturan }" in page and "Anjuran" in page and "Wajib" in page
    sections = _catalogue_sections(page)
    assert set(sections) == {r.id for r in RULES}
    for r in site.catalogue["rules"]:
        text = sections[r["id"]]
        assert f"| Jenis | {r['severity_label']}" in text, r["id"]
        binding = [c for c in r["citations"] if c["binding"]]
        assert ("**mewajibkan**" in text) == bool(binding), r["id"]


def test_sources_page_lists_every_source_the_new_reports_and_the_conflicts(built_site: Path) -> None:
    text = (built_site / "referensi/sumber/index.html").read_text(encoding="utf-8")
    cat = catalogue("id")
    from checker.sources import sources

    for s in sources().values():
        assert s.short in text, s.id
        assert s.urls[0].replace("&", "&amp;") in text, s.id
    for provenance in ("official-text", "official-summary", "news", "secondary"):
        assert cat.text(f"provenance.{provenance}") in text
    for reported in ("bloombergtechnoz.com", "radaraktual.com", "atriumwin.pro", "poskota.co.id",
                     "mblonyox/data-peraturan"):
        assert reported in text, reported
    for conflict in ("Asal kelima prinsip", "Keadaan khusus", "ayat (4)", "Lama cuti tahunan PPPK"):
        assert conflict in text, conflict


def test_handbook_no_longer_says_keadaan_khusus_is_undefined_or_that_no_percentage_is_set() -> None:
    wrong = [
        re.compile(r"[Dd]efinisi(nya)? keadaan khusus[^.]*belum kami temukan"),
        re.compile(r"tidak menemukan kuota persentase"),
        re.compile(r"Kuota persentase tidak berasal dari Permen"),
        re.compile(r"Kuota persentase\*\* dalam Permen"),
    ]
    found = [f"{p.relative_to(DOCS)}: {rx.pattern}" for p in HANDWRITTEN
             for rx in wrong if rx.search(p.read_text(encoding="utf-8"))]
    assert not found, found


INFORMAL = re.compile(r"\b(bisa|cek|admin|lewat|jatah)\b|ingin tahu", re.I)
DOUBLE_NEGATIVE_QUESTION = re.compile(r"Apakah[^?|]*\b(bukan|tidak|belum)\b[^?|]*\?")


def _message_values(node: object):
    if isinstance(node, dict):
        for value in node.values():
            yield from _message_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from _message_values(value)
    elif isinstance(node, str):
        yield node


def test_pages_and_messages_avoid_informal_words_and_double_negative_questions() -> None:
    texts = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in HANDWRITTEN]
    texts += [("checker/messages/id.toml", v) for v in _message_values(catalogue("id").data)]
    problems = []
    for where, text in texts:
        for rx in (INFORMAL, DOUBLE_NEGATIVE_QUESTION):
            for m in rx.finditer(text):
                problems.append(f"{where}: {m.group(0)!r}")
    labels = [v for k, v in catalogue("id").data.items() if k == "field"]
    negative_labels = [v for v in _message_values(labels)
                       if re.match(r"(Tidak|Bukan|Belum) ", v)]
    assert not problems and not negative_labels, problems + negative_labels


def test_the_regulation_has_one_short_name() -> None:
    """PermenPANRB 4/2025 (or "Permen" after the first mention); no other spellings."""
    variants = re.compile(r"Permen PAN|PermenPAN[ -]RB|Permenpan|PERMENPAN|Permen-PANRB")
    found = [f"{p.relative_to(DOCS)}: {m.group(0)}" for p in HANDWRITTEN
             for m in variants.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found
