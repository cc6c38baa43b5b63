"""What the build ships to the browser (``sitegen/bundle.py``), checked without a browser.

The engine zip is deterministic and holds only the ``checker`` package's ``.py`` and ``.toml``
files; the manifest's URLs are relative and point to files of the built site; the Pyodide runtime
sits in a versioned folder; a profile build carries the profile's plain data; no built page, style
or script loads anything from another origin.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from checker.api import check_document
from sitebuild import ROOT
from sitegen.bundle import RUNTIME_FILES, BundleError, engine_zip, write_runtime
from sitegen.site import site_data

PROFILE = ROOT / "examples" / "profiles" / "dinas-contoh.toml"
PYODIDE_VERSION = json.loads((ROOT / "node_modules/pyodide/package.json").read_text())["version"]


def manifest_of(site: Path) -> dict:
    return json.loads((site / "assets/checker/manifest.json").read_text(encoding="utf-8"))


def package_files() -> list[str]:
    package = ROOT / "checker"
    return sorted(f"checker/{p.relative_to(package).as_posix()}" for p in package.rglob("*")
                  if p.suffix in (".py", ".toml") and "__pycache__" not in p.parts)


def test_engine_zip_is_deterministic_and_holds_only_the_package() -> None:
    first = engine_zip(ROOT / "checker")
    assert engine_zip(ROOT / "checker") == first
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        names = zf.namelist()
        assert names == sorted(names) == package_files()
        assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())
        # Stored: the worker takes the files out without inflating them (the server compresses).
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
        assert zf.read("checker/api.py") == (ROOT / "checker/api.py").read_bytes()
    assert "checker/__init__.py" in names and "checker/messages/id.toml" in names
    # The calendar's data and package travel with the engine, so Pyodide sees the same dates.
    assert {"checker/calendar/__init__.py", "checker/data/calendar_2025.toml",
            "checker/data/calendar_2026.toml", "checker/data/calendar_sources.toml"} <= set(names)


def test_built_zip_is_named_by_its_hash(built_site: Path) -> None:
    manifest = manifest_of(built_site)
    zips = list((built_site / "assets/checker").glob("engine-*.zip"))
    assert [z.name for z in zips] == [manifest["engine"]["url"]]
    data = zips[0].read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert zips[0].name == f"engine-{digest[:16]}.zip"
    assert manifest["engine"]["sha256"] == digest and manifest["engine"]["bytes"] == len(data)
    with zipfile.ZipFile(zips[0]) as zf:
        assert all(n.startswith("checker/") and n.endswith((".py", ".toml")) for n in zf.namelist())


def test_manifest_urls_are_relative_and_point_to_existing_files(built_site: Path) -> None:
    manifest = manifest_of(built_site)
    folder = built_site / "assets/checker"
    for url in (manifest["pyodide"]["url"], manifest["engine"]["url"]):
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc and not url.startswith("/"), url
    runtime = (folder / manifest["pyodide"]["url"]).resolve()
    assert runtime == (built_site / "assets/pyodide" / PYODIDE_VERSION).resolve()
    assert manifest["pyodide"]["version"] == PYODIDE_VERSION
    assert manifest["pyodide"]["files"] == list(RUNTIME_FILES)
    for name in RUNTIME_FILES:
        shipped = runtime / name
        assert shipped.is_file(), name
        assert shipped.stat().st_size == (ROOT / "node_modules/pyodide" / name).stat().st_size
    assert (folder / manifest["engine"]["url"]).is_file()
    lock = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text())
    assert manifest["pyodide"]["lock_info"] == lock["info"]  # boots with lockFileContents
    assert manifest["profile"] is None


def test_the_engine_files_are_published(built_site: Path) -> None:
    for name in ("engine.mjs", "worker.mjs"):
        assert (built_site / "assets/checker" / name).is_file()
    worker = (built_site / "assets/checker/worker.mjs").read_text(encoding="utf-8")
    assert "loadPackage" not in worker and "micropip" not in worker  # core runtime only


def test_profile_build_puts_the_profile_data_in_the_manifest(tmp_path: Path) -> None:
    site = site_data(str(PROFILE))
    manifest = write_runtime(tmp_path, site, ROOT)
    profile = tomllib.loads(PROFILE.read_text(encoding="utf-8"))
    assert manifest["profile"] == profile == manifest_of(tmp_path)["profile"]
    example = tomllib.loads((ROOT / "examples" / "bagian-umum.toml").read_text(encoding="utf-8"))
    example = json.loads(json.dumps(example, default=str))
    report = check_document(example, "bagian-umum.toml", "id", manifest["profile"])
    assert "error" not in report
    assert {s["origin"] for s in report["settings"]} == {"profile"}  # the agency's policy applies


def test_missing_pyodide_fails_the_build_clearly(tmp_path: Path) -> None:
    with pytest.raises(BundleError) as exc:
        write_runtime(tmp_path / "site", site_data(None), tmp_path)
    message = str(exc.value)
    assert "node_modules" in message and "npm ci" in message and "make setup" in message


# --- nothing is loaded from another origin ---------------------------------------------------------

OTHER_ORIGIN = re.compile(r"^\s*(https?:)?//", re.I)
ASSET_ATTRS = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"),
               ("source", "srcset"), ("iframe", "src"), ("audio", "src"), ("video", "src"),
               ("video", "poster"), ("embed", "src"), ("object", "data"), ("track", "src"),
               ("input", "src")}
NAVIGATION_RELS = {"alternate", "canonical", "next", "prev", "author", "help", "license",
                   "search", "nofollow", "noopener", "noreferrer", "external", "bookmark"}
CDN_HOSTS = re.compile(r"(cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|"
                       r"fonts\.gstatic\.com|ajax\.googleapis\.com|code\.jquery\.com|"
                       r"googletagmanager\.com|google-analytics\.com|api\.github\.com)", re.I)
# Vendored JavaScript that names a CDN only on paths the site never takes (checked below).
VENDORED_CDN_USE = {
    # Pyodide's default for loadPackage(); the engine never loads a package.
    f"assets/pyodide/{PYODIDE_VERSION}/pyodide.mjs": "cdn.jsdelivr.net",
    # Material: Mermaid from unpkg only on a page with a Mermaid diagram; the GitHub API only with
    # a repo_url.
    "assets/javascripts/bundle": "unpkg.com api.github.com",
}


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for name, value in values.items():
            if (tag, name) in ASSET_ATTRS and any(OTHER_ORIGIN.match(u.split()[0])
                                                  for u in value.split(",") if u.strip()):
                self.found.append(f"<{tag} {name}={value}>")
            if name == "style" and re.search(r"url\(\s*['\"]?(https?:)?//", value):
                self.found.append(f"<{tag} style={value}>")
        rels = set(values.get("rel", "").lower().split())
        if tag == "link" and OTHER_ORIGIN.match(values.get("href", "")) and not rels <= NAVIGATION_RELS:
            self.found.append(f"<link rel={values.get('rel')} href={values['href']}>")


def test_no_built_file_loads_an_asset_from_another_origin(built_site: Path) -> None:
    offenders = []
    for html in built_site.rglob("*.html"):
        parser = _Assets()
        text = html.read_text(encoding="utf-8")
        parser.feed(text)
        offenders += [f"{html.relative_to(built_site)}: {f}" for f in parser.found]
        for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.S):
            if re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", style):
                offenders.append(f"{html.relative_to(built_site)}: <style> loads from another origin")
        if 'class="mermaid"' in text or "md-source" in text:
            offenders.append(f"{html.relative_to(built_site)}: a Mermaid diagram or a repo_url")
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        if re.search(r"(url\(|@import)\s*['\"]?(https?:)?//", text):
            offenders.append(f"{css.relative_to(built_site)}: loads from another origin")
    for js in [*built_site.rglob("*.js"), *built_site.rglob("*.mjs")]:
        name = js.relative_to(built_site).as_posix()
        text = js.read_text(encoding="utf-8", errors="replace")
        hosts = {m.group(1).lower() for m in CDN_HOSTS.finditer(text)}
        allowed = next((v.split() for k, v in VENDORED_CDN_USE.items() if name.startswith(k)), [])
        offenders += [f"{name}: names {h}" for h in sorted(hosts) if h not in allowed]
        if re.search(r"""(import\s*\(?\s*|from\s+|new\s+Worker\s*\(\s*|importScripts\s*\(\s*)"""
                     r"""['"`](https?:)?//""", text):
            offenders.append(f"{name}: imports code from another origin")
    own = [built_site / "assets/checker" / name for name in ("engine.mjs", "worker.mjs")]
    for js in own:  # the engine's own code names no absolute URL at all
        if re.search(r"https?://[\w-]", js.read_text(encoding="utf-8")):
            offenders.append(f"{js.relative_to(built_site)} names an absolute URL")
    assert not offenders, "\n".join(offenders)


# --- snapshot, standard library, gzip copies, service worker ----------------------------------------


def test_snapshot_and_stdlib_are_named_by_their_hash(built_site: Path) -> None:
    manifest = manifest_of(built_site)
    folder = built_site / "assets/checker"
    for key, suffix in (("snapshot", ".bin"), ("stdlib", ".zip")):
        entry = manifest[key]
        files = sorted(p.name for p in folder.glob(f"{key}-*{suffix}"))
        assert files == [entry["url"]], key
        data = (folder / entry["url"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest() and entry["bytes"] == len(data)
        assert entry["url"] == f"{key}-{entry['sha256'][:16]}{suffix}"
    assert manifest["offline"] is True
    # The worker gives Pyodide a buffer of the unpacked length before the file arrives.
    packed = (folder / manifest["snapshot"]["url"]).read_bytes()
    assert manifest["snapshot"]["unpacked_bytes"] == int.from_bytes(packed[8:12], "little") > len(packed)


def test_stdlib_zip_holds_only_what_the_engine_imports(built_site: Path) -> None:
    """The engine's part of python_stdlib.zip: much smaller, and with what checker.api needs."""
    manifest = manifest_of(built_site)
    with zipfile.ZipFile(built_site / "assets/checker" / manifest["stdlib"]["url"]) as zf:
        names = set(zf.namelist())
        assert zf.read("json/__init__.py") == zipfile.ZipFile(
            ROOT / "node_modules/pyodide/python_stdlib.zip").read("json/__init__.py")
    assert {"json/__init__.py", "tomllib/__init__.py", "dataclasses.py", "datetime.py"} <= names
    assert "unittest/__init__.py" not in names and "tkinter/__init__.py" not in names
    assert manifest["stdlib"]["bytes"] < 0.5 * (ROOT / "node_modules/pyodide/python_stdlib.zip").stat().st_size


def test_gzip_copies_decompress_to_exactly_the_originals(built_site: Path) -> None:
    copies = list(built_site.rglob("*.gz"))
    manifest = manifest_of(built_site)
    must = {f"assets/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm", f"assets/pyodide/{PYODIDE_VERSION}/pyodide.asm.mjs",
            "assets/checker/" + manifest["snapshot"]["url"], "assets/checker/worker.mjs", "periksa/index.html"}
    originals = {c.relative_to(built_site).as_posix()[:-3] for c in copies}
    assert must <= originals
    for copy in copies:
        original = copy.with_suffix("")
        assert gzip.decompress(copy.read_bytes()) == original.read_bytes(), copy
        assert copy.stat().st_size < original.stat().st_size
    # The engine zip's files are stored, so it gets a copy; the standard library's are deflated.
    zips = sorted(c.name.split("-")[0] for c in copies if c.name.endswith(".zip.gz"))
    assert zips == ["engine"], zips


def test_brotli_copies_decompress_to_exactly_the_originals_and_beat_gzip(built_site: Path) -> None:
    from unbrotli import unbrotli

    manifest = manifest_of(built_site)
    for name in (f"assets/pyodide/{PYODIDE_VERSION}/pyodide.asm.wasm", f"assets/pyodide/{PYODIDE_VERSION}/pyodide.asm.mjs",
                 "assets/checker/" + manifest["snapshot"]["url"], "assets/checker/worker.mjs", "periksa/index.html"):
        original, copy = built_site / name, built_site / (name + ".br")
        assert unbrotli(copy.read_bytes()) == original.read_bytes(), name
        assert copy.stat().st_size < (built_site / (name + ".gz")).stat().st_size, name
    engine = built_site / "assets/checker" / manifest["engine"]["url"]
    assert [p.name for p in built_site.rglob("*.zip.br")] == [engine.name + ".br"]
    assert unbrotli(engine.with_name(engine.name + ".br").read_bytes()) == engine.read_bytes()


def test_compressed_copies_are_the_same_bytes_every_build(tmp_path: Path) -> None:
    from sitegen.precompress import precompress

    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.json").write_text(json.dumps(list(range(2000))), encoding="utf-8")
    (site / "old.css.gz").write_bytes(b"stale")  # its original is gone
    (site / "old.css.br").write_bytes(b"stale")
    first = [p.read_bytes() for p in precompress(site, cache)]
    assert [p.read_bytes() for p in precompress(site, cache)] == first
    assert sorted(p.name for p in site.iterdir()) == ["a.json", "a.json.br", "a.json.gz"]
    (cache / next(cache.iterdir()).name).write_bytes(b"from the cache")  # made once, then reused
    assert (site / "a.json.br").read_bytes() != b"from the cache"
    precompress(site, cache)
    assert (site / "a.json.br").read_bytes() == b"from the cache"


def test_service_worker_carries_the_build_and_offline_0_ships_a_remover(built_site: Path, tmp_path: Path) -> None:
    from sitegen.offline import build_id, write_service_worker

    sw = (built_site / "sw.js").read_text(encoding="utf-8")
    assert f'const BUILD = "{build_id(built_site)}";' in sw
    assert "__BUILD__" not in sw and "clients.claim" in sw
    site = tmp_path / "s"
    site.mkdir()
    (site / "index.html").write_text("a", encoding="utf-8")
    one = build_id(site)
    (site / "index.html").write_text("b", encoding="utf-8")
    assert build_id(site) != one  # any changed file gives a new service worker
    remover = write_service_worker(site, offline=False).read_text(encoding="utf-8")
    assert "unregister()" in remover and "fetch" not in remover


def test_packed_snapshot_gives_back_the_snapshot_exactly() -> None:
    import struct

    from sitegen.snapshot import pack_snapshot, unpack_snapshot

    header = struct.pack("<IIII", 0x12345678, 32, 0, 0) + bytes(16)  # Pyodide's: memory at 32
    image = bytes(range(256)) * 16 + bytes(4096)  # static data, then zeros
    memory = bytearray(image) + bytes(4096) * 3 + b"\x01" * 10 + bytes(9000) + b"\x02" * 4096 + b"\x03"
    memory[5:9] = b"live"  # a change of the static data
    snapshot = header + bytes(memory)
    packed = pack_snapshot(snapshot, image)
    assert unpack_snapshot(packed, image) == snapshot
    # Unchanged static data and zeros are left out: what is stored is little more than the changes.
    assert len(packed) < len(snapshot) / 2
    assert unpack_snapshot(pack_snapshot(header + image, image), image) == header + image


def test_a_failed_snapshot_build_shows_the_error_and_not_the_runtime_source_node_quotes() -> None:
    """Node quotes the source line of an error inside Pyodide: one 1.2 MB line of minified code,
    which used to fill the whole build error."""
    from sitegen.snapshot import _readable

    stderr = "file:///x/pyodide.asm.mjs:1\n" + "var Module=1;" * 100_000 + "\n\nPythonError: Traceback\nNameError: x\n"
    shown = _readable(stderr)
    assert shown.endswith("PythonError: Traceback\nNameError: x") and len(shown) < 600
