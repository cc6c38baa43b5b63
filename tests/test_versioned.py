"""The handbook's own scripts and styles are asked for under ``?v=<hash>`` (sitegen/versioned.py).

The service worker serves such an address from its cache without asking the server, so the
address must name exactly one content: every page and every module asks for the own files with
the build's hash, the built files differ from ``docs/`` only by those addresses, and a change to
any of them (or to the engine's manifest) gives a new hash.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from sitebuild import ROOT
from sitegen.versioned import BUILT, own_files, version_of, write_versioned

DOCS = ROOT / "docs"


class Addresses(HTMLParser):
    """The src and href of a page's script and link elements."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "link"):
            self.found += [value for name, value in attrs if name in ("src", "href") and value]


def addresses(page: Path) -> list[str]:
    parser = Addresses()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def test_every_page_asks_for_the_own_scripts_and_styles_with_the_builds_hash(built_site: Path) -> None:
    names = own_files(DOCS)
    version = version_of(DOCS, names, built_site)
    seen: set[str] = set()
    for page in built_site.rglob("*.html"):
        for address in addresses(page):
            path = urlsplit(address).path
            own = next((n for n in names if path.endswith("/" + n) or path == n), None)
            if own:
                assert urlsplit(address).query == f"v={version}", f"{page.relative_to(built_site)}: {address}"
                seen.add(own)
    # The checker page's early script and every page's stylesheets and scripts are among them.
    assert {"assets/checker/early.js", "assets/checker/app.mjs", "assets/checker/engine.mjs",
            "assets/checker/checker.css", "assets/stylesheets/handbook.css"} <= seen


def test_the_built_modules_differ_from_docs_only_by_the_versioned_addresses(built_site: Path) -> None:
    names = own_files(DOCS)
    version = version_of(DOCS, names, built_site)
    suffix = f"?v={version}"
    for name in names:
        built = (built_site / name).read_text(encoding="utf-8")
        assert built.replace(suffix, "") == (DOCS / name).read_text(encoding="utf-8"), name
    # Every module asks for the modules beside it, and the worker for the manifest, with the hash.
    folder = built_site / "assets/checker"
    for module in folder.glob("*.mjs"):
        text = module.read_text(encoding="utf-8")
        for target in re.findall(r"""["']\./([\w-]+\.(?:mjs|json))[^"']*["']""", text):
            assert f'./{target}{suffix}"' in text, f"{module.name} asks for {target} without the hash"
    worker = (folder / "worker.mjs").read_text(encoding="utf-8")
    assert f'"./manifest.json{suffix}"' in worker and f'"./boot.mjs{suffix}"' in worker
    assert f'"worker.mjs{suffix}"' in (folder / "early.js").read_text(encoding="utf-8")


def test_a_changed_script_or_manifest_gives_a_new_hash(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    site = tmp_path / "site"
    (docs / "assets/checker").mkdir(parents=True)
    (docs / "assets/checker/a.mjs").write_text('import { b } from "./b.mjs";\n', encoding="utf-8")
    (docs / "assets/checker/b.mjs").write_text('export const b = fetch("./manifest.json");\n', encoding="utf-8")
    (docs / "page.md").write_text("not a script", encoding="utf-8")

    def build(manifest: str) -> str:
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(docs / "assets", site / "assets")
        (site / BUILT[0]).write_text(manifest, encoding="utf-8")
        (site / "index.html").write_text('<script type="module" src="assets/checker/a.mjs"></script>',
                                          encoding="utf-8")
        return write_versioned(site, docs)

    first = build("{}")
    assert re.fullmatch(r"[0-9a-f]{16}", first)
    assert (site / "index.html").read_text(encoding="utf-8") == (
        f'<script type="module" src="assets/checker/a.mjs?v={first}"></script>')
    assert f'"./b.mjs?v={first}"' in (site / "assets/checker/a.mjs").read_text(encoding="utf-8")
    assert f'"./manifest.json?v={first}"' in (site / "assets/checker/b.mjs").read_text(encoding="utf-8")
    assert build("{}") == first  # the same files give the same addresses
    assert build('{"snapshot": "new"}') != first  # a changed rule changes the manifest
    (docs / "assets/checker/b.mjs").write_text("export const b = 2;\n", encoding="utf-8")
    assert build("{}") not in (first, "")
