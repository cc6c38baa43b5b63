// The checker engine's module worker: Pyodide (self-hosted) running checker.api.
//
// Started by engine.mjs as `new Worker(new URL("./worker.mjs", import.meta.url), {type: "module"})`.
// Every URL is resolved from this file's own URL, so the site works under any sub-path.
//
// Boot: fetch manifest.json (written by sitegen/bundle.py), import the versioned pyodide.mjs, load
// the runtime (booting with lockFileContents, so no lock file is fetched) by restoring the build's
// memory snapshot (the engine already imported and warmed up), unpack the engine zip into a folder
// on sys.path (the file system is not in the snapshot). When the snapshot cannot be fetched, is
// damaged (size or SHA-256 differ from the manifest) or fails to restore, the console says why and
// the runtime starts the normal way: boot Python, run boot.mjs's BOOT_PY (imports checker.api).
//
// Messages posted to the page:
//   {type: "progress", stage, message, percent}   stage: manifest | runtime | python | engine | ready
//   {type: "ready", version, python, profile, mode, note, offline, files, marks, runtime, lockInfo}
//        mode "snapshot" | "normal"; note: why the snapshot was not used ("" otherwise);
//        offline: whether the build wants the offline cache; files: the URLs the engine used;
//        fromCache: those of them read straight from the offline cache (kept.mjs);
//        marks: when each step of the start ended (ms since 1970);
//        runtime, lockInfo: the runtime folder's URL and its lock file's "info" (for prime.mjs)
//   {type: "failed", stage, message, detail}      message is Indonesian and names the file
//   {type: "csp", directive, blocked}             a Content-Security-Policy violation was seen
//   {id, ok: true, result} | {id, ok: false, error}   the answer to a request
// Requests from the page: {id, op, args, raw}, op one of check | parse | parseBytes | toToml |
// render | rosterToCsv | rosterFromCsv | rosterMerge | rosterCsvTemplate | personal; with
// raw: true the result is the JSON text Python wrote instead of the parsed value.
// Data crosses into Python as JSON text and comes back as JSON text, so no proxy is leaked.

// When each step of the start ended (ms since 1970: the page subtracts its own time origin), sent
// with "ready" so that `make bench` can say where the time goes.
const MARKS = { worker: performance.timeOrigin };
const mark = (name) => { MARKS[name] = performance.timeOrigin + performance.now(); };

import { BOOT_PY, ENGINE_DIR, PYTHON_ENV } from "./boot.mjs";
import { readKeptFiles } from "./kept.mjs";
import { NOT_COMPLETED, captureDataImage, sha256, unpackSnapshot } from "./restore.mjs";
import { unzip } from "./unzip.mjs";

// The build asks for it as manifest.json?v=<hash> (sitegen/versioned.py): that address names one
// build's manifest, so a cached copy is always the right one, and a new build gives a new address.
const MANIFEST_URL = new URL("./manifest.json", import.meta.url);

// What the page shows while the engine loads: plain words, no technical terms.
const STAGES = {
  manifest: ["Memuat pemeriksa (1 dari 4)…", 5],
  runtime: ["Memuat pemeriksa (2 dari 4)…", 15],
  python: ["Memuat pemeriksa (3 dari 4)…", 40],
  engine: ["Memuat pemeriksa (4 dari 4)…", 90],
  ready: ["Pemeriksa siap dipakai.", 100],
};

let stage = "manifest";
let stdlibName = null; // the standard-library zip of the build, as named in errors
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

async function fetchOk(url, what) {
  let response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`Berkas ${what} tidak dapat diambil dari server (${err && err.message}).`);
  }
  if (!response.ok) {
    throw new Error(`Berkas ${what} tidak dapat dimuat (HTTP ${response.status}).`);
  }
  return response;
}

async function fetchManifest() {
  const response = await fetchOk(MANIFEST_URL, "assets/checker/manifest.json");
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
    // Pyodide rejects with a plain object when the standard-library zip cannot be fetched.
    return `Berkas ${stdlibName || runtimeFile("python_stdlib.zip")} (pustaka standar Python) tidak dapat dimuat. ` +
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

// The memory snapshot, unpacked (restore.mjs) into `into` and checked against the manifest's
// SHA-256: a damaged or cut file must never be restored, as it could give wrong results instead
// of an error. The hash is computed while Pyodide starts; restore.mjs waits for it before
// completing the snapshot, and a snapshot that is not completed is refused.
async function fetchSnapshot(url, entry, into) {
  const response = await fetchOk(url, fileName(url));
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length !== entry.bytes) {
    throw new Error(`ukurannya ${bytes.length} bita, seharusnya ${entry.bytes}`);
  }
  const intact = sha256(bytes).then((digest) =>
    digest === entry.sha256 ? "" : "isinya tidak sama dengan hasil build (SHA-256 berbeda)");
  return unpackSnapshot(bytes, intact, into);
}

// Writes the engine's files into Pyodide's file system before Python starts (Pyodide's fsInit
// hook), so that Python need not unpack the zip once started. Never throws: false when they could
// not be written (Python then unpacks the zip).
async function writeEngineFiles(FS, engineFiles) {
  const files = await engineFiles;
  if (!files) return false;
  try {
    for (const [name, data] of files) {
      const path = `${ENGINE_DIR}/${name}`;
      FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
      FS.writeFile(path, data);
    }
    mark("files");
    return true;
  } catch (err) {
    console.warn("[mesin pemeriksa] berkas mesin tidak dapat ditulis; Python membukanya sendiri:", err);
    return false;
  }
}

// A restored snapshot holds every standard-library module the engine uses, already imported, so
// it needs no standard-library file: Pyodide still insists on fetching one, so it gets the engine
// zip (fetched anyway). A normal start gets the engine's part of the standard library.
// Resolves to {pyodide, filesWritten}.
function loadRuntime(loadPyodide, manifest, runtimeURL, snapshot, engineURL, engineFiles) {
  const written = { files: false };
  const options = {
    fsInit: async (FS) => { written.files = await writeEngineFiles(FS, engineFiles); },
    indexURL: runtimeURL,
    lockFileContents: { info: manifest.pyodide.lock_info, packages: {} },
    env: { ...PYTHON_ENV }, // as in the snapshot (a restored one brings its own)
    stdout: (line) => console.log("[python]", line),
    stderr: (line) => console.warn("[python]", line),
  };
  if (!snapshot) {
    if (manifest.stdlib) options.stdLibURL = new URL(manifest.stdlib.url, MANIFEST_URL).href;
    return loadPyodide(options).then((pyodide) => ({ pyodide, filesWritten: written.files }));
  }
  // Pyodide gets the snapshot's buffer at once, still empty, so that it compiles and instantiates
  // the runtime while the file is arriving; the file is unpacked into the buffer and completed
  // right after instantiation, before Pyodide reads it. One that could not be completed is
  // refused by Pyodide ("invalid magic number"): then say why.
  options._loadSnapshot = snapshot.buffer; // private API of Pyodide 314.0.7 (pinned)
  options.stdLibURL = engineURL;
  let failure = NOT_COMPLETED;
  return captureDataImage(async (memory) => {
    try {
      const pending = await snapshot.pending;
      await pending.complete(memory);
      failure = pending.error;
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
  }, () => loadPyodide(options), mark).then((pyodide) => {
    if (failure) throw new Error(failure); // never use a runtime restored from an incomplete buffer
    return { pyodide, filesWritten: written.files };
  }, (err) => {
    throw failure ? new Error(failure) : err;
  });
}

async function boot() {
  let runtimeURL = null;
  try {
    progress("manifest");
    const manifest = await fetchManifest();
    mark("manifest");
    runtimeURL = new URL(manifest.pyodide.url, MANIFEST_URL).href;
    const stdlibURL = manifest.stdlib ? new URL(manifest.stdlib.url, MANIFEST_URL).href : null;
    if (stdlibURL) stdlibName = fileName(stdlibURL);
    const engineURL = new URL(manifest.engine.url, MANIFEST_URL).href;
    const snapshotURL = manifest.snapshot && manifest.snapshot.unpacked_bytes
      ? new URL(manifest.snapshot.url, MANIFEST_URL).href : null;
    // On a repeat visit, the files that never change at their address come from the offline cache.
    const hashed = new Set([engineURL, snapshotURL, stdlibURL].filter(Boolean));
    const fromCache = manifest.offline === false ? new Set()
      : readKeptFiles((url) => url.startsWith(runtimeURL) || hashed.has(url));

    progress("runtime");
    // pyodide.mjs imports the runtime's large script, which must run before the runtime's wasm is
    // even asked for: load it first. On a repeat visit every file comes from the cache at once, and
    // the first asked is served first (asked after the snapshot, it came about 0.1 s later).
    const asm = import(new URL("pyodide.asm.mjs", runtimeURL).href);
    asm.then(() => mark("pyodide.asm.mjs"), () => {}); // a failure is reported by loadPyodide
    // Fetch the engine zip and the snapshot while the runtime's code loads.
    const zip = fetchZip(engineURL);
    zip.catch(() => {}); // awaited below; avoid an "unhandled rejection" meanwhile
    // Its files, read as soon as it arrives, for writeEngineFiles; null if that fails.
    const engineFiles = zip.then((bytes) => unzip(bytes).catch((err) => {
      console.warn("[mesin pemeriksa] arsip mesin tidak dapat dibaca di peramban; Python membukanya sendiri:", err);
      return null;
    }), () => null);
    let snapshot = null;
    if (snapshotURL) {
      // Zeroed, so refused by Pyodide until the file is unpacked into it and completed.
      const buffer = new Uint8Array(manifest.snapshot.unpacked_bytes);
      snapshot = { buffer, pending: fetchSnapshot(snapshotURL, manifest.snapshot, buffer) };
      snapshot.pending.then(() => mark("snapshot"), () => {}); // also: no "unhandled rejection"
    }
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtimeURL).href);
    mark("pyodide.mjs");

    progress("python");
    // Only a failed zip download ends the race early.
    const zipFailed = zip.then(() => new Promise(() => {}));
    let pyodide = null;
    let filesWritten = false;
    let mode = "normal";
    let note = snapshotURL ? "" : "manifest.json tidak menyebut snapshot";
    if (snapshot) {
      try {
        ({ pyodide, filesWritten } = await Promise.race(
          [loadRuntime(loadPyodide, manifest, runtimeURL, snapshot, engineURL, engineFiles), zipFailed]));
        mode = "snapshot";
        mark("restored");
      } catch (err) {
        if (err instanceof Error && /^Berkas .*\.zip/.test(err.message)) throw err; // the engine zip itself
        note = `snapshot ${fileName(snapshotURL)} tidak dapat dipakai (${detail(err)})`;
        console.warn(`[mesin pemeriksa] ${note}; mesin dinyalakan dengan cara biasa (lebih lambat).`);
      }
    }
    if (!pyodide) {
      ({ pyodide, filesWritten } = await Promise.race(
        [loadRuntime(loadPyodide, manifest, runtimeURL, null, engineURL, engineFiles), zipFailed]));
      mark("started");
    }

    progress("engine");
    // The file system is not in the snapshot: the engine's files are written each time, while
    // Pyodide starts (writeEngineFiles), or else unpacked by Python now.
    if (!filesWritten) pyodide.unpackArchive(await zip, "zip", { extractDir: ENGINE_DIR });
    if (mode !== "snapshot") pyodide.runPython(BOOT_PY); // a restored snapshot has it imported
    const setup = pyodide.globals.get("_asn_setup");
    setup(JSON.stringify(manifest.profile ?? null));
    setup.destroy();
    call = pyodide.globals.get("_asn_call");
    mark("engine");

    progress("ready");
    // For the offline cache: this script and every file this worker fetched (its modules, the
    // manifest, the runtime, the engine zip, and the snapshot or the standard library), as its
    // own resource timing lists them, so that a module added later is kept without a list to
    // update, and the files it read from the offline cache (not in that list). A snapshot that
    // could not be used is left out; engine.mjs drops repeats.
    const fetched = performance.getEntriesByType("resource").map((entry) => entry.name);
    const files = [import.meta.url, ...fetched, ...fromCache]
      .filter((url) => mode === "snapshot" || url !== snapshotURL);
    post({
      type: "ready",
      version: manifest.pyodide.version,
      python: pyodide.runPython("import sys; sys.version.split()[0]"),
      profile: manifest.profile ?? null,
      mode,
      note,
      offline: manifest.offline !== false,
      files,
      fromCache: [...fromCache],
      marks: MARKS,
      runtime: runtimeURL,
      lockInfo: manifest.pyodide.lock_info,
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
