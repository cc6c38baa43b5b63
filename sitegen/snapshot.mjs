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

const [runtimeDir, enginePath, examplesDir, lockPath, outSnapshot, outModules] = process.argv.slice(2);
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

// Warm-up: every operation on every example, so that nothing is imported for the first time later.
const examples = readdirSync(examplesDir).filter((n) => n.endsWith(".toml")).sort();
for (const name of examples) {
  const [ok, parsed] = run("parse", { text: readFileSync(join(examplesDir, name), "utf8"), name, lang: "id" });
  if (!ok || !parsed.document) throw new Error(`warm-up: ${name} did not parse: ${JSON.stringify(parsed)}`);
  for (const lang of ["id", "en"]) {
    const [checked, report] = run("check", { document: parsed.document, name, lang });
    if (!checked || report.error) throw new Error(`warm-up: ${name} did not check: ${JSON.stringify(report)}`);
    for (const format of ["text", "markdown", "json"]) run("render", { report, format });
  }
  run("toToml", { document: parsed.document });
}
for (const lang of ["id", "en"]) {
  run("check", { document: { period: "kemarin" }, name: "rusak.json", lang });
  run("parse", { text: "a = = 1\n", name: "rusak.toml", lang });
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
