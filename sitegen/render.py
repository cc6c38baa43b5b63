"""Jinja2 rendering of the generated handbook pages and tables (templates in ``templates/``)."""

from __future__ import annotations

import posixpath
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from checker.i18n import catalogue

__all__ = ["TEMPLATES", "environment", "render", "relative"]

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def relative(target: str, page: str) -> str:
    """Link from the Markdown file ``page`` to ``target`` (both relative to ``docs/``)."""
    anchor = ""
    if "#" in target:
        target, anchor = target.split("#", 1)
        anchor = "#" + anchor
    if not target:
        return anchor
    return posixpath.relpath(target, posixpath.dirname(page) or ".") + anchor


def url_of(page: str) -> str:
    """The built URL directory of a Markdown page (``use_directory_urls``): a/b.md -> a/b/."""
    stem = page[:-3] if page.endswith(".md") else page
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(target_page: str, page: str, suffix: str = "") -> str:
    """A relative URL from the built ``page`` to the built ``target_page``, for raw HTML links
    whose fragment MkDocs must not validate (``#contoh=...`` is data, not an anchor)."""
    here, there = url_of(page), url_of(target_page)
    rel = posixpath.relpath(there or ".", here.rstrip("/") or ".") if here else there or "."
    return (rel.rstrip("/") + "/" if rel != "." else "./") + suffix


def _num(value: Any) -> str:
    return catalogue("id").value(float(value)) if isinstance(value, float) else str(value)


def _date(value: date) -> str:
    return catalogue("id").date(value)


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


@lru_cache(maxsize=None)
def environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                      autoescape=False)
    env.filters.update(num=_num, date_id=_date, cell=_cell, rel=relative, relurl=relative_url)
    env.globals["t"] = lambda key, **kw: catalogue("id").text(key, **kw)
    return env


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
