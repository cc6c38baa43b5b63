#!/usr/bin/env node
// Makes the checker engine's Pyodide memory snapshot at build time (called by sitegen/bundle.py).
//
//   node sitegen/snapshot.mjs RUNTIME_DIR ENGINE_ZIP EXAMPLES_DIR LOCK_JSON OUT_SNAPSHOT OUT_MODULES
//
// Loads Pyodide from the site's own copy of the runtime (RUNTIME_DIR), unpacks the engine zip and
// runs boot.mjs's BOOT_PY exactly as the browser worker does, warms the engine up (every example is
// parsed, checked in both languages, written back as TOML and rendered in every format, plus an
// invalid document and malformed TOML), so that every module the engine uses is imported and its
// first check in the browser is fast. Then it drops the import caches that describe the full
// standard library zip (the browser gets only the imported part of it), releases every proxy and
// writes `pyodide.makeMemorySnapshot()` to OUT_SNAPSHOT, and the standard-library files the engine
// imported (paths inside python_stdlib.zip, JSON list) to OUT_MODULES.
//
// `_makeSnapshot`, `_loadSnapshot` and `makeMemorySnapshot` are private API of Pyodide 314.0.7:
// the version is pinned in package-lock.json and the worker falls back to a normal start.

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { BOOT_PY, ENGINE_DIR } from "../docs/assets/checker/boot.mjs";

const [runtimeDir, enginePath, examplesDir, lockPath, outSnapshot, outModules, importsPath] =
  process.argv.slice(2);
if (!outModules) {
  console.error("usage: node sitegen/snapshot.mjs RUNTIME_DIR ENGINE_ZIP EXAMPLES_DIR LOCK_JSON OUT_SNAPSHOT OUT_MODULES");
  process.exit(2);
}

const runtime = resolve(runtimeDir) + sep;
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const lockInfo = JSON.parse(readFileSync(lockPath, "utf8")).info;
const pyodide = await loadPyodide({
  indexURL: runtime,
  lockFileContents: { info: lockInfo, packages: {} },
  _makeSnapshot: true,
  env: { PYTHONHASHSEED: "0" }, // fewer differences between two builds of the same inputs
  stdout: (line) => console.log("[python]", line),
  stderr: (line) => console.error("[python]", line),
});

// A Uint8Array, not a Buffer: unpackArchive refuses Node's Buffer.
pyodide.unpackArchive(new Uint8Array(readFileSync(enginePath)), "zip", { extractDir: ENGINE_DIR });
pyodide.runPython(BOOT_PY);

const call = pyodide.globals.get("_asn_call");
function run(op, args) {
  const answer = call(op, JSON.stringify(args));
  return [answer[0] === "1", JSON.parse(answer.slice(1))];
}

// After a restore the browser has no full standard library (see snapshot.py), so nothing may be
// imported for the first time later. First every module the engine names in an import statement,
// even inside a function (listed by snapshot.py from the source, so that no parser is imported
// here and kept in the snapshot), and the codecs it decodes with; then every operation of the
// dispatcher on every example, with its error paths.
pyodide.globals.set("_ASN_IMPORTS", JSON.stringify(JSON.parse(readFileSync(importsPath, "utf8"))));
pyodide.runPython(`
import codecs, importlib, json
for _name in json.loads(_ASN_IMPORTS):
    importlib.import_module(_name)
for _codec in ("utf-8", "utf-8-sig", "ascii", "latin-1"):
    codecs.lookup(_codec)
del _name, _codec, _ASN_IMPORTS
`);
const b64 = (text) => Buffer.from(text, "utf8").toString("base64");
const warm = (op, args, what) => {
  const [ok, result] = run(op, args);
  if (!ok) throw new Error(`warm-up: ${op} (${what}) raised: ${JSON.stringify(result)}`);
  return result;
};
const examples = readdirSync(examplesDir).filter((n) => n.endsWith(".toml")).sort();
const meta = { checked_at: "2026-01-05T09:15:00+07:00", site_url: "https://contoh.go.id/panduan/" };
for (const name of examples) {
  const text = readFileSync(join(examplesDir, name), "utf8");
  const parsed = warm("parse", { text, name, lang: "id" }, name);
  if (!parsed.document) throw new Error(`warm-up: ${name} did not parse: ${JSON.stringify(parsed)}`);
  warm("parseBytes", { data: b64("\ufeff" + text), name, lang: "id" }, name);
  for (const lang of ["id", "en"]) {
    const report = warm("check", { document: parsed.document, name, lang }, name);
    if (report.error) throw new Error(`warm-up: ${name} did not check: ${JSON.stringify(report)}`);
    for (const format of ["text", "markdown", "json"]) {
      warm("render", { report, format }, name);
      warm("render", { report, format, meta }, name);
    }
    const csv = warm("rosterToCsv", { document: parsed.document, lang }, name);
    const roster = warm("rosterFromCsv", { text: csv, lang, name: "pegawai.csv" }, name);
    if (roster.employees) warm("rosterMerge", { document: parsed.document, employees: roster.employees }, name);
    warm("rosterFromCsv", { text: csv.replaceAll(";", ","), lang, name: "pegawai.csv" }, name);
    warm("rosterCsvTemplate", { lang }, name);
    for (const e of parsed.document.employees) {
      warm("personal", { document: parsed.document, employee_id: e.id, name, lang }, name);
    }
  }
  warm("toToml", { document: parsed.document }, name);
}
for (const lang of ["id", "en"]) {
  run("check", { document: { period: "kemarin" }, name: "rusak.json", lang });
  run("parse", { text: "a = = 1\n", name: "rusak.toml", lang });
  run("parse", { text: '{"period": 1}', name: "draf.json", lang, keep_invalid: true });
  run("parseBytes", { data: Buffer.from([0xff, 0xfe, 0x41]).toString("base64"), name: "rusak.toml", lang });
  run("rosterFromCsv", { text: "kode;nama\n;x;y\n", lang, name: "rusak.csv" });
  run("personal", { document: { period: "kemarin" }, employee_id: "x", lang });
}
run("render", {}); // a failing call: the error path (traceback) is imported too
call.destroy();

const modules = pyodide.runPython(`
import gc, importlib, json, sys, zipimport
_stdlib = next(p for p in sys.path if p.endswith(".zip"))
_files = sorted({m.__file__[len(_stdlib) + 1:] for m in list(sys.modules.values())
                 if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(_stdlib + "/")})
_PROFILE = None
# The browser gets a smaller standard-library zip: forget what the full one held.
zipimport._zip_directory_cache.clear()
sys.path_importer_cache.clear()
importlib.invalidate_caches()
del _stdlib
gc.collect()
json.dumps(_files)
`);
pyodide.runPython("del _files; import gc; gc.collect()");
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(outSnapshot, snapshot);
writeFileSync(outModules, modules);
console.log(`snapshot: ${snapshot.length} bytes, ${JSON.parse(modules).length} standard-library files`);
