"""One input of the Pyodide parity run, answered through ``checker.api``: run as it is on CPython
(imported by tests/test_parity_pyodide.py) and inside Pyodide (read and run by run_cases.mjs), so
both sides call exactly the same code. Every answer is text, compared byte for byte.

An input is ``{"text", "name", "lang", "profile"?, "op"?, ...}``; ``op`` is one of
- ``check`` (the default): ``check_text``;
- ``parse``: ``parse_document`` (the page's import; ``keep_invalid`` for a draft);
- ``render``: ``render_report`` of the checked text, with ``format`` and ``meta`` (a fixed time);
- ``personal``: ``personal_answer`` for ``employee`` of the parsed text;
- ``roster_out``: ``roster_to_csv`` of the parsed text; ``roster_in``: ``roster_from_csv`` of it;
- ``template``: ``roster_csv_template``.
"""

import json

import checker.api as api
from checker.loader import parse_text


def _json(value):
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def parity_run(item):
    op = item.get("op", "check")
    text, name, lang = item["text"], item.get("name"), item.get("lang", "id")
    if op == "check":
        return api.check_text(text, name, lang, item.get("profile"))
    if op == "parse":
        return _json(api.parse_document(text, name, lang, bool(item.get("keep_invalid"))))
    if op == "render":
        data = json.loads(api.check_text(text, name, lang, item.get("profile")))
        return api.render_report(data, item["format"], item.get("meta"))
    if op == "personal":
        document = json.loads(json.dumps(parse_text(text, name), default=str))
        return _json(api.personal_answer(document, item.get("employee"), lang, item.get("profile"), name))
    if op == "roster_out":
        document = json.loads(json.dumps(parse_text(text, name), default=str))
        return api.roster_to_csv(document, lang)
    if op == "roster_in":
        return _json(api.roster_from_csv(text, lang, name))
    if op == "template":
        return api.roster_csv_template(lang)
    raise ValueError(f"unknown op {op!r}")
