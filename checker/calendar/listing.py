"""What the engine knows about one year, as plain data: for ``python -m checker calendar YEAR``
and the handbook's generated calendar page (one source for both)."""

from __future__ import annotations

from typing import Any, Optional

from ..i18n import catalogue
from ..sources import source
from .data import covered_years, year
from .report import instrument_dict

__all__ = ["year_listing", "listing_text"]


def year_listing(number: int, lang: str = "id") -> Optional[dict[str, Any]]:
    """Every dated entry of a covered year with its instrument; None for an uncovered year."""
    cal = year(number)
    if cal is None:
        return None
    cat = catalogue(lang)
    used: list[str] = []

    def inst(key: Optional[str]) -> Optional[dict[str, Any]]:
        if key is None:
            return None
        if key not in used:
            used.append(key)
        return instrument_dict(key, cat)

    days = [{"date": d.date.isoformat(), "date_text": cat.date(d.date),
             "weekday": cat.text(f"enum.Weekday.{('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun')[d.date.weekday()]}"),
             "type": d.type._value_, "type_label": cat.text(f"calendar.type.{d.type._value_}"),
             "name": d.name, "instrument": inst(d.instrument), "asn_instrument": inst(d.asn_instrument)}
            for d in cal.days.values()]
    windows = [{"start": w.start.isoformat(), "end": w.end.isoformat(),
                "start_text": cat.date(w.start), "end_text": cat.date(w.end),
                "instrument": inst(w.instrument),
                "duties": [cat.text(f"calendar.duty.{k}") for k in w.duties]} for w in cal.windows]
    ramadan = [{"start": r.start.isoformat(), "end": r.end.isoformat(), "start_text": cat.date(r.start),
                "end_text": cat.date(r.end), "hijri": r.hijri, "status": r.status,
                "status_label": cat.text(f"calendar.status.{r.status}"), "instrument": inst(r.instrument)}
               for r in cal.ramadan]
    sources = []
    for key in used:
        s = source(key)
        sources.append({**instrument_dict(key, cat), "dates": s.dates, "note": s.note[lang],
                        "urls": list(s.urls)})
    return {"year": number, "days": days, "windows": windows, "ramadan": ramadan,
            "sources": sources, "covered_years": list(covered_years())}


def listing_text(data: dict[str, Any], lang: str = "id") -> str:
    cat = catalogue(lang)
    t = cat.text
    out = [t("calendar.heading", year=data["year"]), "", t("calendar.holidays")]
    for d in data["days"]:
        names = [x["short"] for x in (d["instrument"], d["asn_instrument"]) if x]
        out.append(f"  {d['date']}  {d['weekday']:<7} {d['type_label']}: {d['name']} ({'; '.join(names)})")
    out += ["", t("calendar.ramadan_heading")]
    for r in data["ramadan"]:
        out.append(f"  {r['start']} – {r['end']}  {r['hijri']} ({r['status_label']}; {r['instrument']['short']})")
    out += ["", t("calendar.windows")]
    for w in data["windows"]:
        span = w["start"] if w["start"] == w["end"] else f"{w['start']} – {w['end']}"
        out.append(f"  {span}  {w['instrument']['short']}: {'; '.join(w['duties'])}")
    out += ["", t("calendar.sources")]
    for s in data["sources"]:
        out.append(f"  {s['short']} ({s['provenance_label']}): {s['title']}")
        out.append(f"      {s['note']}")
        out.extend(f"      {u}" for u in s["urls"])
    return "\n".join(out) + "\n"
