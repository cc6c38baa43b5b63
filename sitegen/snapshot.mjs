#!/usr/bin/env node
// Makes the checker engine's Pyodide memory snapshot at build time (called by sitegen/bundle.py).
//
//   node sitegen/snapshot.mjs RUNTIME_DIR ENGINE_ZIP EXAMPLES_DIR LOCK_JSON OUT_SNAPSHOT OUT_MODULES
//                             IMPORTS_JSON OUT_IMAGE
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
// Two things keep the snapshot small (see restore.mjs): before it is taken, the memory Python no
// longer uses (free heap blocks, the unused stack, memory past the heap) is zeroed, so that the
// packed file leaves it out; and OUT_IMAGE receives the wasm's static data as the runtime wrote it
// into memory when it was instantiated (taken by restore.mjs's captureDataImage, as in the
// browser), so that snapshot.py can store the start of the memory as its difference from it.
//
// `_makeSnapshot`, `_loadSnapshot` and `makeMemorySnapshot` are private API of Pyodide 314.0.7:
// the version is pinned in package-lock.json and the worker falls back to a normal start.

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { BOOT_PY, ENGINE_DIR, PYTHON_ENV } from "../docs/assets/checker/boot.mjs";
import { captureDataImage } from "../docs/assets/checker/restore.mjs";

const [runtimeDir, enginePath, examplesDir, lockPath, outSnapshot, outModules, importsPath, outImage] =
  process.argv.slice(2);
if (!outImage) {
  console.error("usage: node sitegen/snapshot.mjs RUNTIME_DIR ENGINE_ZIP EXAMPLES_DIR LOCK_JSON OUT_SNAPSHOT " +
    "OUT_MODULES IMPORTS_JSON OUT_IMAGE");
  process.exit(2);
}

const runtime = resolve(runtimeDir) + sep;
const { loadPyodide } = await import(pathToFileURL(join(runtime, "pyodide.mjs")).href);
const lockInfo = JSON.parse(readFileSync(lockPath, "utf8")).info;
let image = null; // the memory just after instantiation: the wasm's static data, then zeros
const pyodide = await captureDataImage((memory) => {
  let end = memory.length;
  while (end > 0 && memory[end - 1] === 0) end--;
  image = memory.slice(0, Math.ceil(end / 4096) * 4096);
}, () => loadPyodide({
  indexURL: runtime,
  lockFileContents: { info: lockInfo, packages: {} },
  _makeSnapshot: true,
  env: { ...PYTHON_ENV, PYTHONHASHSEED: "0" }, // the seed: fewer differences between two builds
  stdout: (line) => console.log("[python]", line),
  stderr: (line) => console.error("[python]", line),
}));
if (!image) throw new Error("the runtime's memory was not seen at instantiation (restore.mjs, captureDataImage)");

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
const zeroed = zeroUnusedMemory(pyodide._module);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(outSnapshot, snapshot);
writeFileSync(outModules, modules);
writeFileSync(outImage, image);
console.log(`snapshot: ${snapshot.length} bytes (${zeroed} bytes of unused memory zeroed), ` +
  `${JSON.parse(modules).length} standard-library files, data image ${image.length} bytes`);

// Zeroes the memory that holds nothing live: what is left in freed heap blocks, the stack below
// the stack pointer and the memory past the heap's end (Emscripten's malloc, exported by Pyodide).
// Every free block is taken with malloc (largest first, never growing the heap), zeroed and freed
// again, so the allocator's own records stay right. Returns how many bytes were zeroed.
function zeroUnusedMemory(M) {
  const needed = ["_malloc", "_free", "_sbrk", "_mallinfo", "_malloc_trim",
    "_emscripten_stack_get_current", "_emscripten_stack_get_end"];
  const missing = needed.filter((name) => typeof M[name] !== "function");
  if (missing.length) {
    console.warn(`unused memory not zeroed (the runtime lacks ${missing.join(", ")}): a larger snapshot`);
    return 0;
  }
  const info = M._malloc(64);
  M._mallinfo(info); // struct mallinfo: fordblks (free bytes) is its 9th int
  const free = M.HEAP32[(info >> 2) + 8];
  M._free(info);
  const end = M._sbrk(0);
  const held = [];
  let zeroed = 0;
  let size = 8;
  while (size * 2 <= free) size *= 2;
  for (; size >= 8; size >>= 1) {
    for (;;) {
      const p = M._malloc(size);
      if (!p) break;
      if (p + size > end) { // no free block this large is left: it came from new memory
        M._free(p);
        break;
      }
      M.HEAPU8.fill(0, p, p + size);
      zeroed += size;
      held.push(p);
    }
  }
  for (const p of held) M._free(p);
  M._malloc_trim(0);
  const stackEnd = M._emscripten_stack_get_end();
  const stackLow = M._emscripten_stack_get_current() - 1024; // a margin below this very call
  M.HEAPU8.fill(0, stackEnd, stackLow);
  M.HEAPU8.fill(0, M._sbrk(0), M.HEAPU8.length);
  return zeroed + (stackLow - stackEnd) + (M.HEAPU8.length - M._sbrk(0));
}
