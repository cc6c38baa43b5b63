"""Legal sources and citations, with the provenance of each claim.

A citation says which instrument, which article (if known) and how we know it: from the official
text, an official summary, or only from news. The handbook and every result show this.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .data import load
from .enums import Provenance

__all__ = ["Source", "Citation", "sources", "source"]


@dataclass(frozen=True)
class Source:
    id: str
    short: str
    title: str
    dates: str
    provenance: Provenance
    note: dict[str, str]
    urls: tuple[str, ...]


@dataclass(frozen=True)
class Citation:
    """One legal basis of a rule or parameter."""

    source: str
    article: Optional[str] = None
    provenance: Provenance = Provenance.NEWS
    article_provenance: Optional[Provenance] = None
    interpretation: bool = False  # our reading of a principle, not a clause that says it outright

    def short(self) -> str:
        text = source(self.source).short
        return f"{text} {self.article}" if self.article else text


@lru_cache(maxsize=None)
def sources() -> dict[str, Source]:
    result = {}
    # The calendar's instruments (SKB, Keppres, circulars, isbat decisions) live beside it.
    merged = {**load("sources"), **load("calendar_sources")}
    for key, raw in merged.items():
        result[key] = Source(
            id=key, short=raw["short"], title=raw["title"], dates=raw["dates"],
            provenance=Provenance(raw["provenance"]),
            note={"id": raw["note_id"], "en": raw["note_en"]}, urls=tuple(raw["urls"]))
    return result


def source(key: str) -> Source:
    return sources()[key]
