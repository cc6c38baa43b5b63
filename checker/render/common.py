"""Pieces shared by the text and Markdown renderers."""

from __future__ import annotations

from typing import Any, Iterator

from ..i18n import Catalogue

__all__ = ["shown_evidence", "citation_text", "group_results"]


def shown_evidence(result: dict[str, Any], cat: Catalogue, limit: int) -> Iterator[str]:
    """The first ``limit`` evidence lines, then one line saying how many more there are."""
    items = result["evidence"]
    for item in items[:limit]:
        yield item["text"]
    if len(items) > limit:
        yield cat.text("word.more", count=len(items) - limit)


def citation_text(c: dict[str, Any], cat: Catalogue) -> str:
    parts = [f"{c['text']} ({c['provenance_label']}"]
    if c["article_provenance"]:
        label = cat.text(f"provenance.{c['article_provenance']}")
        parts.append("; " + cat.text("cli.article_from", provenance=label.lower()))
    if c["interpretation"]:
        parts.append("; " + cat.text("cli.interpretation"))
    return "".join(parts) + ")"


def group_results(data: dict[str, Any]) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    for group in data["groups"]:
        yield group, [r for r in data["results"] if r["group"] == group["id"]]
