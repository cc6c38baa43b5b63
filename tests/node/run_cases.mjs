#!/usr/bin/env node
// Runs checker.api.check_text (or another API call, see tests/node/parity_ops.py) inside Pyodide
// (under Node) for a list of inputs.
//
//   node tests/node/run_cases.mjs INPUTS.json [--zip checker.zip] [--out RESULTS.json] [--info INFO.json]
//
// INPUTS.json is a JSON list of {"name": ..., "text": ..., "lang": ..., "profile": ...?, "op": ...?}.
// The output (stdout, or --out) is a JSON list with, for each input, the result text of
// check_text(text, name, lang, profile), or {"crash": ..., "traceback": ...} if it raised (or if
// the runtime itself died: then a fresh runtime is started for the remaining inputs).
// The list is serialised by Python with ensure_ascii=True, so every string (even one holding a
// lone surrogate) survives the trip through JS strings and files unchanged.
//
// The checker package comes from --zip (a zip whose top level holds checker/, unpacked with
// pyodide.unpackArchive as the site does) or, without --zip, straight from the source tree.
// --info writes {"python", "pyodide", "load_ms", "run_ms", "count", "restarts"} as JSON.
// Only the standard library is imported inside Pyodide: no wheels, no micropip.

import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { copyChecker } from "./checker_fs.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const PYODIDE_DIR = resolve(process.env.PYODIDE_DIR || join(ROOT, "node_modules", "pyodide"));
const PKG_DIR = "/home/pyodide/pkg";

function usage(message) {
  process.stderr.write(`${message}\nusage: node run_cases.mjs INPUTS.json [--zip FILE] [--out FILE] [--info FILE]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const args = { input: null, zip: null, out: null, info: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--zip" || a === "--out" || a === "--info") {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      args[a.slice(2)] = argv[++i];
    } else if (a.startsWith("--")) {
      usage(`unknown option ${a}`);
    } else if (args.input === null) {
      args.input = a;
    } else {
      usage(`unexpected argument ${a}`);
    }
  }
  if (args.input === null) usage("missing INPUTS.json");
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const inputText = readFileSync(args.input, "utf8");
  JSON.parse(inputText); // fail early, in JS, on a malformed input file

  const loader = join(PYODIDE_DIR, "pyodide.mjs");
  if (!existsSync(loader)) {
    process.stderr.write(`Pyodide not found: ${loader} is missing (run npm ci)\n`);
    process.exit(3);
  }
  const { loadPyodide } = await import(pathToFileURL(loader).href);

  const t0 = performance.now();
  let pyodide = await boot(loadPyodide, args);
  const t1 = performance.now();
  const loadMs = t1 - t0;

  // One call per input: a fatal error of the runtime (a JS stack overflow, say) is recorded
  // for that input, a fresh runtime is started, and the run goes on with the next input.
  const inputs = JSON.parse(inputText);
  const results = [];
  let restarts = 0;
  for (const item of inputs) {
    try {
      results.push(pyodide.globals.get("_run_one")(JSON.stringify(item)));
    } catch (err) {
      const fatal = Boolean(err && err.pyodide_fatal_error);
      results.push(JSON.stringify({
        crash: `${fatal ? "Pyodide fatal error: " : ""}${err && err.name ? err.name + ": " : ""}${err && err.message ? err.message : err}`,
        traceback: String(err && err.stack ? err.stack : err),
      }));
      if (fatal) {
        restarts += 1;
        pyodide = await boot(loadPyodide, args);
      }
    }
  }
  const t2 = performance.now();
  const output = "[" + results.join(",\n") + "]";

  const info = {
    python: pyodide.runPython("import sys; sys.version"),
    pyodide: pyodide.version,
    load_ms: Math.round(loadMs),
    run_ms: Math.round(t2 - t1),
    count: inputs.length,
    restarts,
  };
  if (args.out) writeFileSync(args.out, output);
  else process.stdout.write(output + "\n");
  if (args.info) writeFileSync(args.info, JSON.stringify(info, null, 2));
  process.stderr.write(`Pyodide ${info.pyodide} (Python ${info.python.split(" ")[0]}): loaded in ${info.load_ms} ms, ` +
                       `${info.count} inputs checked in ${info.run_ms} ms` +
                       (restarts ? `, ${restarts} fatal error(s) and restart(s)` : "") + "\n");
}

// Start Pyodide, put the checker package into its file system and define _run_one.
async function boot(loadPyodide, args) {
  // Pyodide may write to stdout while starting: keep stdout for the results only.
  const toStderr = (msg) => process.stderr.write(`[pyodide] ${msg}\n`);
  const pyodide = await loadPyodide({ indexURL: PYODIDE_DIR + sep, stdout: toStderr, stderr: toStderr });
  if (args.zip) {
    const buf = new Uint8Array(readFileSync(args.zip)); // a Uint8Array, not a Buffer
    pyodide.unpackArchive(buf, "zip", { extractDir: PKG_DIR });
  } else {
    copyChecker(pyodide, ROOT, PKG_DIR);
  }
  pyodide.runPython(`
import sys
sys.path.insert(0, ${JSON.stringify(PKG_DIR)})
`);
  // The same dispatcher as on CPython (tests/node/parity_ops.py): check_text by default, other
  // API calls by the input's "op".
  pyodide.runPython(readFileSync(join(ROOT, "tests", "node", "parity_ops.py"), "utf8"));
  pyodide.runPython(`
import json, traceback

def _run_one(item_json):
    item = json.loads(item_json)
    try:
        result = parity_run(item)
    except BaseException as exc:  # report, do not abort the other inputs
        result = {"crash": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
    return json.dumps(result, ensure_ascii=True)
`);
  return pyodide;
}

main().catch((err) => {
  process.stderr.write(`run_cases.mjs failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
