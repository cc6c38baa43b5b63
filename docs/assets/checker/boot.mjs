// The Python side of the checker engine, shared by the browser worker (worker.mjs) and the build
// step that makes the memory snapshot (sitegen/snapshot.mjs): both must run exactly this code, so
// that a restored snapshot holds the same dispatcher as a normal start.
//
// ENGINE_DIR: where the engine zip is unpacked (on sys.path). BOOT_PY: imports checker.api and
// defines _asn_setup(profile_json) and _asn_call(op, args_json) -> "1"+JSON | "0"+{error,traceback}.
// Data crosses into Python as JSON text and comes back as JSON text, so no proxy is leaked.

export const ENGINE_DIR = "/home/pyodide/asn-mesin";

// Python's environment. PYTHONOPTIMIZE=2 (python -OO) leaves docstrings out of every module Python
// compiles: about 0.4 MB less memory, so a smaller snapshot. The engine reads no docstring and has
// no assert statement, and the tests compare its answers with CPython's, which runs without it.
export const PYTHON_ENV = { PYTHONOPTIMIZE: "2" };

// Python side: one dispatcher taking and returning JSON text.
export const BOOT_PY = `
import json, math, sys, traceback
if ${JSON.stringify(ENGINE_DIR)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(ENGINE_DIR)})
import checker.api as _api

_PROFILE = None

def _finite(value):
    # JSON has no NaN or Infinity (TOML has): keep such a number as its text.
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value

def _dumps(value):
    try:
        return json.dumps(value, allow_nan=False)
    except ValueError:
        return json.dumps(_finite(value), allow_nan=False)

def _asn_setup(profile_json):
    global _PROFILE
    _PROFILE = json.loads(profile_json)

def _run(op, a):
    if op == "check":
        profile = a["profile"] if "profile" in a else _PROFILE
        return _api.check_document(a.get("document"), a.get("name"), a.get("lang") or "id", profile)
    if op == "parse":
        return _api.parse_document(a.get("text") or "", a.get("name"), a.get("lang") or "id",
                                   bool(a.get("keep_invalid")))
    if op == "toToml":
        return _api.to_toml(a.get("document") or {})
    if op == "render":
        return _api.render_report(a.get("report") or {}, a.get("format") or "text", a.get("meta"))
    if op == "parseBytes":
        return _api.parse_bytes(a.get("data") or "", a.get("name"), a.get("lang") or "id")
    if op == "rosterToCsv":
        return _api.roster_to_csv(a.get("document") or {}, a.get("lang") or "id")
    if op == "rosterFromCsv":
        return _api.roster_from_csv(a.get("text") or "", a.get("lang") or "id", a.get("name"))
    if op == "rosterMerge":
        return _api.roster_merge(a.get("document") or {}, a.get("employees") or [])
    if op == "rosterCsvTemplate":
        return _api.roster_csv_template(a.get("lang") or "id")
    if op == "personal":
        profile = a["profile"] if "profile" in a else _PROFILE
        return _api.personal_answer(a.get("document"), a.get("employee_id"), a.get("lang") or "id",
                                    profile, a.get("name"))
    raise LookupError("operasi tidak dikenal: " + repr(op))

def _traceback(exc):
    # Without source lines: after a snapshot is restored, the standard library's sources are not
    # there (the engine zip is in their place), and reading them would raise a second error.
    lines = ["Traceback (most recent call last):\\n"]
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        lines.append(f'  File "{frame.f_code.co_filename}", line {lineno}, in {frame.f_code.co_name}\\n')
    return "".join(lines + traceback.format_exception_only(type(exc), exc))

def _asn_call(op, args_json):
    # "1" + the result as JSON, or "0" + {"error", "traceback"} as JSON.
    try:
        return "1" + _dumps(_run(op, json.loads(args_json)))
    except BaseException as exc:
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return "0" + _dumps({"error": "Galat di mesin pemeriksa: " + last, "traceback": _traceback(exc)})
`;
