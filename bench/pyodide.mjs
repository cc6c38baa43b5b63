#!/usr/bin/env node
// The 30-person figure of bench/engine.py, measured inside Pyodide under Node (not a test).
//
//   node bench/pyodide.mjs [--repeats N] [--large]
//
// Loads Pyodide from node_modules/pyodide, writes checker/ and bench/engine.py into its file
// system and runs engine.measure() there: unit checks per second for a 30-person unit (validate +
// rules, and with localized JSON). --large adds the 2,000-person figures. Exits 0 whatever the
// figures.

import { existsSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { copyChecker, putFile } from "../tests/node/checker_fs.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = resolve(process.env.PYODIDE_DIR || join(ROOT, "node_modules", "pyodide"));
const HOME = "/home/pyodide";

const argv = process.argv.slice(2);
const repeatsAt = argv.indexOf("--repeats");
const repeats = repeatsAt >= 0 ? Math.max(1, parseInt(argv[repeatsAt + 1], 10) || 5) : 5;
const large = argv.includes("--large");

const loader = join(PYODIDE_DIR, "pyodide.mjs");
if (!existsSync(loader)) {
  console.error(`Pyodide not found: ${loader} is missing (run npm ci)`);
  process.exit(0);
}
const { loadPyodide } = await import(pathToFileURL(loader).href);
const t0 = performance.now();
const pyodide = await loadPyodide({
  indexURL: PYODIDE_DIR + sep,
  stdout: (s) => process.stdout.write(s + "\n"),
  stderr: (s) => process.stderr.write(s + "\n"),
});
const loadMs = performance.now() - t0;
copyChecker(pyodide, ROOT, HOME);
putFile(pyodide, join(ROOT, "bench", "engine.py"), `${HOME}/bench/engine.py`);
console.log(`Pyodide ${pyodide.version} loaded in ${Math.round(loadMs)} ms`);
pyodide.runPython(`
import sys
sys.path[:0] = ["${HOME}", "${HOME}/bench"]
import engine
print(engine.report(engine.measure(repeats=${repeats}, large=${large ? "True" : "False"})))
`);
