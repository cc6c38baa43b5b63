// The checker engine's module worker: Pyodide (self-hosted) running checker.api.
//
// Started by engine.mjs as `new Worker(new URL("./worker.mjs", import.meta.url), {type: "module"})`.
// Every URL is resolved from this file's own URL, so the site works under any sub-path.
//
// Boot: fetch manifest.json (written by sitegen/bundle.py), import the versioned pyodide.mjs, load
// the runtime (booting with lockFileContents, so no lock file is fetched), unpack the engine zip
// into a folder on sys.path, import checker.api.
//
// Messages posted to the page:
//   {type: "progress", stage, message, percent}   stage: manifest | runtime | python | engine | ready
//   {type: "ready", version, python, profile}
//   {type: "failed", stage, message, detail}      message is Indonesian and names the file
//   {type: "csp", directive, blocked}             a Content-Security-Policy violation was seen
//   {id, ok: true, result} | {id, ok: false, error}   the answer to a request
// Requests from the page: {id, op, args, raw}, op one of check | parse | parseBytes | toToml |
// render | rosterToCsv | rosterFromCsv | rosterMerge | rosterCsvTemplate | personal; with
// raw: true the result is the JSON text Python wrote instead of the parsed value.
// Data crosses into Python as JSON text and comes back as JSON text, so no proxy is leaked.

const MANIFEST_URL = new URL("./manifest.json", import.meta.url);
const ENGINE_DIR = "/home/pyodide/asn-mesin";

// Python side: one dispatcher taking and returning JSON text.
const BOOT_PY = `
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
        if a.get("keep_invalid"):
            return _api.parse_document(a.get("text") or "", a.get("name"), a.get("lang") or "id", True)
        return _api.parse_document(a.get("text") or "", a.get("name"), a.get("lang") or "id")
    if op == "toToml":
        return _api.to_toml(a.get("document") or {})
    if op == "render":
        if "meta" in a:
            return _api.render_report(a.get("report") or {}, a.get("format") or "text", a.get("meta"))
        return _api.render_report(a.get("report") or {}, a.get("format") or "text")
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

def _asn_call(op, args_json):
    # "1" + the result as JSON, or "0" + {"error", "traceback"} as JSON.
    try:
        return "1" + _dumps(_run(op, json.loads(args_json)))
    except BaseException as exc:
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return "0" + _dumps({"error": "Galat di mesin pemeriksa: " + last,
                             "traceback": traceback.format_exc()})
`;

const STAGES = {
  manifest: ["Menyiapkan mesin pemeriksa (langkah 1 dari 4)…", 5],
  runtime: ["Mengunduh mesin pemeriksa (langkah 2 dari 4)…", 15],
  python: ["Menyalakan mesin pemeriksa (langkah 3 dari 4)…", 30],
  engine: ["Memuat aturan pemeriksaan (langkah 4 dari 4)…", 85],
  ready: ["Mesin pemeriksa siap.", 100],
};

let stage = "manifest";
let call = null; // the Python dispatcher (one proxy, kept for the worker's life)

function post(message) {
  self.postMessage(message);
}

function progress(name) {
  stage = name;
  const [message, percent] = STAGES[name];
  post({ type: "progress", stage: name, message, percent });
}

// "assets/..." part of a URL, as the user finds it in the built site.
function fileName(url) {
  const path = new URL(url).pathname;
  const at = path.lastIndexOf("/assets/");
  return at >= 0 ? path.slice(at + 1) : path;
}

async function fetchOk(url, what, cache = "default") {
  let response;
  try {
    response = await fetch(url, { cache });
  } catch (err) {
    throw new Error(`Berkas ${what} tidak dapat diambil dari server (${err && err.message}).`);
  }
  if (!response.ok) {
    throw new Error(`Berkas ${what} tidak dapat dimuat (HTTP ${response.status}).`);
  }
  return response;
}

async function fetchManifest() {
  const response = await fetchOk(MANIFEST_URL, "assets/checker/manifest.json", "no-cache");
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error("Berkas assets/checker/manifest.json tidak berisi data JSON" +
      (text.trimStart().startsWith("<") ? " (server mengirim halaman HTML)." : "."));
  }
}

async function fetchZip(url) {
  const response = await fetchOk(url, fileName(url));
  const bytes = new Uint8Array(await response.arrayBuffer());
  // A zip starts with "PK"; anything else is most likely an HTML error page.
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new Error(`Berkas ${fileName(url)} bukan arsip zip ` +
      "(server mungkin mengirim halaman HTML sebagai gantinya).");
  }
  return bytes;
}

// Turns whatever a stage threw into an Indonesian sentence that names the file involved.
function describe(err, runtimeURL) {
  const text = err instanceof Error ? err.message : String(err);
  const runtimeFile = (name) => (runtimeURL ? fileName(runtimeURL) : "assets/pyodide/") + name;
  if (err instanceof Error && /^Berkas /.test(text)) return text;
  if (!(err instanceof Error) || text === "[object Object]") {
    // Pyodide rejects with a plain object when python_stdlib.zip cannot be fetched.
    return `Berkas ${runtimeFile("python_stdlib.zip")} (pustaka standar Python) tidak dapat dimuat. ` +
      "Pastikan berkas itu ada di server.";
  }
  if (/Unexpected token '<'|is not valid JSON|<!DOCTYPE/i.test(text)) {
    const file = stage === "manifest" ? "assets/checker/manifest.json" : `salah satu berkas di ${runtimeFile("")}`;
    return `Server mengirim halaman HTML (biasanya halaman "404 tidak ditemukan") untuk ${file}. ` +
      "Pastikan semua berkas hasil build ikut diunggah.";
  }
  const module = /(?:imported module|module script)[^h]*(https?:\/\/\S+\.mjs)/.exec(text);
  if (module || stage === "runtime") {
    const file = module ? fileName(module[1]) : runtimeFile("pyodide.mjs");
    return `Berkas ${file} tidak dapat dimuat. Pastikan berkas itu ada dan server menyajikan ` +
      `.mjs sebagai JavaScript (text/javascript). Rincian: ${text}`;
  }
  if (stage === "python" && /wasm|WebAssembly|CompileError/i.test(text)) {
    return `Berkas ${runtimeFile("pyodide.asm.wasm")} tidak dapat dijalankan. Pastikan server ` +
      "menyajikan .wasm sebagai application/wasm dan Content-Security-Policy mengizinkan " +
      `'wasm-unsafe-eval'. Rincian: ${text}`;
  }
  if (stage === "python") {
    return `Runtime Python gagal dinyalakan dari ${runtimeFile("")}. Rincian: ${text}`;
  }
  if (stage === "engine") {
    return `Mesin pemeriksa (checker) gagal dimuat. Rincian: ${text}`;
  }
  return `Mesin pemeriksa gagal dimuat. Rincian: ${text}`;
}

async function boot() {
  let runtimeURL = null;
  try {
    progress("manifest");
    const manifest = await fetchManifest();
    runtimeURL = new URL(manifest.pyodide.url, MANIFEST_URL).href;
    const engineURL = new URL(manifest.engine.url, MANIFEST_URL).href;

    progress("runtime");
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);

    progress("python");
    // Fetch the engine zip while Python starts.
    const zip = fetchZip(engineURL);
    zip.catch(() => {}); // awaited below; avoid an "unhandled rejection" meanwhile
    const pyodide = await Promise.race([
      loadPyodide({
        indexURL: runtimeURL,
        lockFileContents: { info: manifest.pyodide.lock_info, packages: {} },
        stdout: (line) => console.log("[python]", line),
        stderr: (line) => console.warn("[python]", line),
      }),
      zip.then(() => new Promise(() => {})), // only a failed zip download ends the race early
    ]);

    progress("engine");
    pyodide.unpackArchive(await zip, "zip", { extractDir: ENGINE_DIR });
    pyodide.runPython(BOOT_PY);
    const setup = pyodide.globals.get("_asn_setup");
    setup(JSON.stringify(manifest.profile ?? null));
    setup.destroy();
    call = pyodide.globals.get("_asn_call");

    progress("ready");
    post({
      type: "ready",
      version: manifest.pyodide.version,
      python: pyodide.runPython("import sys; sys.version.split()[0]"),
      profile: manifest.profile ?? null,
    });
  } catch (err) {
    post({ type: "failed", stage, message: describe(err, runtimeURL), detail: detail(err) });
    throw err;
  }
}

function detail(err) {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

// A blocked WebAssembly compile hangs Pyodide without an error: tell the page at once.
self.addEventListener("securitypolicyviolation", (event) => {
  post({ type: "csp", directive: event.effectiveDirective || event.violatedDirective, blocked: event.blockedURI });
});

// Pyodide leaves some of its own promises unhandled when a download fails; the failure is
// already reported through the "failed" message, so keep it out of the page's error console.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  console.warn("[mesin pemeriksa]", event.reason);
});

const booted = boot();
booted.catch(() => {}); // reported through the "failed" message

self.addEventListener("message", async (event) => {
  const { id, op, args, raw } = event.data || {};
  if (id === undefined) return;
  try {
    await booted;
  } catch {
    post({ id, ok: false, error: "Mesin pemeriksa tidak dapat dimuat." });
    return;
  }
  try {
    const answer = call(String(op), JSON.stringify(args ?? {}));
    const json = answer.slice(1);
    if (answer[0] === "1") {
      // raw: the JSON text exactly as Python wrote it (tests compare it with CPython's).
      post({ id, ok: true, result: raw ? json : JSON.parse(json) });
    } else {
      const { error, traceback } = JSON.parse(json);
      post({ id, ok: false, error, traceback });
    }
  } catch (err) {
    post({ id, ok: false, error: `Galat di mesin pemeriksa: ${detail(err)}` });
  }
});
