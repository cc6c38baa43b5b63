// Copies the checker package from the source tree into a Pyodide file system (Node only).
// Shared by the parity runner (tests/node/run_cases.mjs) and the Pyodide benchmark.

import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

// Every .py and .toml file under `dir`, skipping caches and hidden files.
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

// Write one host file to `target` in Pyodide's file system (a Uint8Array, not a Buffer).
export function putFile(pyodide, source, target) {
  pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
  pyodide.FS.writeFile(target, new Uint8Array(readFileSync(source)));
}

// Copy `root`/checker to `home`/checker inside Pyodide.
export function copyChecker(pyodide, root, home) {
  const src = join(root, "checker");
  for (const file of packageFiles(src)) {
    putFile(pyodide, file, `${home}/checker/${relative(src, file).split(sep).join("/")}`);
  }
}
