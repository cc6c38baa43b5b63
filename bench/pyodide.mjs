#!/usr/bin/env node
// The 30-person figure of bench/engine.py, measured inside Pyodide under Node (not a test).
//
//   node bench/pyodide.mjs [--repeats N] [--large]
//
// Loads Pyodide from node_modules/pyodide, writes checker/ and bench/engine.py into its file
// system and runs engine.measure() there: unit checks per second for a 30-person unit (validate +
// rules, and with localized JSON). --large adds the 2,000-person figures. Exits 0 whatever the
// figures.

import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PYODIDE_DIR = resolve(process.env.PYODIDE_DIR || join(ROOT, "node_modules", "pyodide"));
const HOME = "/home/pyodide";

function packageFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "__pycache__" || entry.startsWith(".")) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files.push(...packageFiles(path));
    else if (entry.endsWith(".py") || entry.endsWith(".toml")) files.push(path);
  }
  return files;
}

function put(pyodide, source, target) {
  pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
  pyodide.FS.writeFile(target, new Uint8Array(readFileSync(source)));
}

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
const src = join(ROOT, "checker");
for (const file of packageFiles(src)) put(pyodide, file, `${HOME}/checker/${relative(src, file).split(sep).join("/")}`);
put(pyodide, join(ROOT, "bench", "engine.py"), `${HOME}/bench/engine.py`);
console.log(`Pyodide ${pyodide.version} loaded in ${Math.round(loadMs)} ms`);
pyodide.runPython(`
import sys
sys.path[:0] = ["${HOME}", "${HOME}/bench"]
import engine
print(engine.report(engine.measure(repeats=${repeats}, large=${large ? "True" : "False"})))
`);
