"""MkDocs hook: generated pages, markers in hand-written pages, and the checker's files.

Configured in ``mkdocs.yml`` (``hooks:``). The agency profile comes from the ``ASN_PROFILE``
environment variable (``make build PROFILE=...``); without it the documented defaults apply.
``ASN_OFFLINE=0`` (``make build OFFLINE=0``) builds without the offline cache (service worker).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from checker.errors import error_lines
from checker.validate import ValidationError
from sitegen.bundle import write_runtime
from sitegen.offline import write_service_worker
from sitegen.precompress import precompress
from sitegen.versioned import write_versioned
from sitegen.checker_page import CHECKER_PAGE, checker_page
from sitegen.markers import MarkerError, replace_markers
from sitegen.pages import EXAMPLES_DIR, Example, generated_pages, load_examples
from sitegen.site import SiteData, site_data
from sitegen.theme_script import defer_theme_script

ROOT = Path(__file__).resolve().parent.parent
_state: dict[str, Any] = {}


def _site() -> SiteData:
    return _state["site"]


def on_config(config: MkDocsConfig) -> Optional[MkDocsConfig]:
    profile = os.environ.get("ASN_PROFILE") or None
    try:
        site = site_data(profile)
        examples = load_examples(ROOT / "examples", site)
    except ValidationError as exc:
        raise PluginError("\n".join(error_lines(exc, "id"))) from None
    _state.update(site=site, examples=examples)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site: SiteData = _site()
    examples: list[Example] = _state["examples"]
    for path, content in generated_pages(site, examples).items():
        files.append(File.generated(config, path, content=content))
    files.append(File.generated(config, CHECKER_PAGE, content=checker_page(site, examples)))
    for ex in examples:
        files.append(File.generated(config, f"{EXAMPLES_DIR}/{ex.filename}", content=ex.text))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    try:
        return replace_markers(markdown, _site(), page.file.src_uri)
    except MarkerError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not (page.meta or {}).get("engine"):
        return output
    try:
        return defer_theme_script(output)
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    offline = os.environ.get("ASN_OFFLINE", "1").strip() not in ("0", "false", "no")
    write_runtime(site_dir, _site(), ROOT, offline=offline)
    write_versioned(site_dir, Path(config.docs_dir))
    write_service_worker(site_dir, offline)
    precompress(site_dir, ROOT / "build" / "brotli")
