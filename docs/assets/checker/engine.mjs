// The checker engine, page side: a client for the module worker (worker.mjs) that runs the
// Python rules engine (checker/) in Pyodide. Plain ES module, no dependencies.
//
// API (the checker page's UI relies on it):
//
//   import { getEngine } from "./engine.mjs";
//   const engine = getEngine();   // one engine per browser tab; kept on globalThis, so it survives
//                                 // Material's instant navigation (the worker keeps running)
//   engine.start();               // idempotent; starts the worker. Returns the engine.
//                                 // (start({watchdogMs}) changes the 20 s watchdog, for tests)
//   engine.state                  // "idle" | "loading" | "ready" | "error"
//   engine.progress               // the last progress detail, or null
//   engine.failure                // the last error detail ({message, causes, ...}), or null
//   engine.profile                // the agency profile of the build (plain data) or null; set when ready
//   engine.version                // Pyodide version, once ready
//   engine.timings                // {start, ready, <stage>..., worker.<step>...} in ms (performance.now()),
//                                 // for measurements
//   engine.mode                   // "snapshot" (restored from the build's memory snapshot) or
//                                 // "normal" (the fallback); engine.note says why, once ready
//   engine.fromCache              // the engine's files read straight from the offline cache
//                                 // (a repeat visit), once ready; for tests and measurements
//   engine.whenOffline()          // Promise: after ready, the offline cache (service worker, sw.js at
//                                 // the site root) has kept the page and the engine's files:
//                                 // {kept, build}; or null when there is none (http://, OFFLINE=0)
//   engine.whenPrimed()           // Promise: after whenOffline(), Pyodide's script has been run once
//                                 // more (prime.mjs), so that the browser keeps its compiled code
//                                 // for the next visit: true; false when it was not needed (done
//                                 // before for this build) or could not be done
//   engine.whenReady()            // Promise: resolves with the engine when ready, rejects on failure
//   engine.retry()                // terminates the worker and starts a fresh one
//
//   Events (engine is an EventTarget; listen with {signal} and abort when the page is swapped):
//     "progress"  detail {stage, message, percent}  stage: manifest|runtime|python|engine|ready
//     "ready"     detail {version, python, profile}
//     "error"     detail {message, causes, stage, detail}   message and causes are Indonesian text
//                 (state is "error" at once; the event follows a check of the server's files,
//                 at most 2.5 s later, whose findings lead the causes)
//
//   Calls (Promises; made before ready, they wait for it; they reject with an Error whose message
//   is Indonesian when the engine fails; arguments are copied, never changed):
//     engine.check(document, {lang, name, profile})  -> report ({"format": "asn-fleksibel-hasil/1"})
//                                                       or {source, error}; profile: omitted = the
//                                                       build's profile, null = none, object = that
//     engine.parse(text, {name, lang})               -> {document} or {error} (error names the line)
//     engine.toToml(document)                        -> TOML text
//     engine.render(report, format)                  -> text; format "text" | "markdown" | "json"
//     engine.call(op, args, {raw})                   -> the low-level request behind the four above
//                                                       (op "check" | "parse" | "toToml" | "render");
//                                                       raw: true gives the JSON text Python wrote
//
// A watchdog turns a start that takes longer than 20 s into an "error": a server that serves .wasm
// with the wrong MIME type, or a Content-Security-Policy without 'wasm-unsafe-eval', makes Pyodide
// hang without any error. The worker is left running then: should it get ready after all (a very
// slow computer), the state becomes "ready" and "ready" is emitted. When the engine fails, the
// files it needs are checked (HEAD requests) and what is found (missing file, wrong MIME type,
// CSP) is listed first among the causes. A CSP violation reported by the worker fails at once.

const KEY = Symbol.for("asn-fleksibel.mesin-pemeriksa");
const WATCHDOG_MS = 20000;
const DIAGNOSIS_MS = 2500;
// How long the offline cache waits for Material's late script, then for a quiet page (afterTheme).
const THEME_WAIT_MS = 10000;
const QUIET_MS = 1000;
const HERE = import.meta.url;
// The site's root: the offline cache's scope.
const SITE = new URL("../../", HERE).href;
// How long prime.mjs may take, and the localStorage key that remembers for which build it ran
// (one per site path, as store.mjs's keys).
const PRIME_MS = 10000;
const PRIMED_KEY = `${new URL(SITE).pathname}.asn-fleksibel.runtime-disiapkan`;

const GENERIC_CAUSES = [
  "Server harus menyajikan berkas .wasm dengan tipe MIME application/wasm.",
  "Server harus menyajikan berkas .mjs dengan tipe JavaScript (text/javascript).",
  "Content-Security-Policy (jika dipakai) harus mengizinkan 'wasm-unsafe-eval' pada script-src.",
  "Situs harus dibuka melalui http:// atau https://; membuka berkas langsung dari disk (file://) tidak berhasil.",
];

const WATCHDOG_MESSAGE =
  "Mesin pemeriksa tidak dapat dinyalakan: belum siap setelah 20 detik. Penyebab yang paling " +
  "mungkin ada di pengaturan server: berkas .wasm harus disajikan sebagai application/wasm, " +
  "berkas .mjs sebagai tipe JavaScript (text/javascript), dan Content-Security-Policy harus " +
  "mengizinkan 'wasm-unsafe-eval'. Membuka situs langsung dari berkas (file://) juga tidak " +
  "berhasil. Sampaikan pesan ini kepada pengelola TI (lihat halaman \"Untuk pengelola TI\").";

// The site-relative name of a file, e.g. "assets/pyodide/314.0.7/pyodide.asm.wasm".
function siteName(url) {
  const path = new URL(url).pathname;
  const at = path.lastIndexOf("/assets/");
  return at >= 0 ? path.slice(at + 1) : path;
}

function withTimeout(promise, ms, fallback) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

// The script-src (or default-src) of a CSP header allows WebAssembly compilation?
function cspAllowsWasm(csp) {
  const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0])
    .map(([name, ...values]) => [name.toLowerCase(), values]));
  const values = directives.get("script-src") || directives.get("default-src");
  return !values || values.includes("'wasm-unsafe-eval'") || values.includes("'unsafe-eval'");
}

async function head(url) {
  try {
    return await fetch(url, { method: "HEAD", cache: "no-store" });
  } catch {
    return null;
  }
}

// Checks the files the engine needs; returns Indonesian sentences naming what is wrong.
async function diagnose() {
  const found = [];
  const workerURL = new URL("./worker.mjs", HERE).href;
  const manifestURL = new URL("./manifest.json", HERE).href;
  const urls = [workerURL];
  try {
    const response = await fetch(manifestURL, { cache: "no-store" });
    if (!response.ok) {
      found.push(`Berkas ${siteName(manifestURL)} tidak ditemukan di server (HTTP ${response.status}).`);
    } else {
      const manifest = await response.json();
      const runtime = new URL(manifest.pyodide.url, manifestURL);
      urls.push(...manifest.pyodide.files.map((f) => new URL(f, runtime).href),
        new URL(manifest.engine.url, manifestURL).href,
        ...[manifest.snapshot, manifest.stdlib].filter(Boolean).map((f) => new URL(f.url, manifestURL).href));
    }
  } catch {
    found.push(`Berkas ${siteName(manifestURL)} tidak dapat dibaca sebagai data JSON.`);
  }
  const responses = await Promise.all(urls.map(head));
  responses.forEach((response, i) => {
    const name = siteName(urls[i]);
    if (!response) {
      found.push(`Berkas ${name} tidak dapat diambil dari server.`);
      return;
    }
    if (response.status === 405) return; // HEAD not allowed: nothing to learn
    if (!response.ok) {
      found.push(`Berkas ${name} tidak ditemukan di server (HTTP ${response.status}).`);
      return;
    }
    const type = (response.headers.get("content-type") || "").toLowerCase();
    const shown = type || "(tanpa tipe)";
    if (name.endsWith(".wasm") && !type.startsWith("application/wasm")) {
      found.push(`Berkas ${name} disajikan sebagai ${shown}, seharusnya application/wasm.`);
    } else if (name.endsWith(".mjs") && !/javascript|ecmascript/.test(type)) {
      found.push(`Berkas ${name} disajikan sebagai ${shown}, seharusnya text/javascript.`);
    } else if (type.startsWith("text/html")) {
      found.push(`Server mengirim halaman HTML untuk ${name}.`);
    }
    if (urls[i] === workerURL) {
      const csp = response.headers.get("content-security-policy");
      if (csp && !cspAllowsWasm(csp)) {
        found.push("Content-Security-Policy server tidak mengizinkan 'wasm-unsafe-eval' pada script-src.");
      }
    }
  });
  return found;
}

class Engine extends EventTarget {
  constructor() {
    super();
    this.state = "idle";
    this.progress = null;
    this.failure = null;
    this.profile = null;
    this.version = null;
    this.python = null;
    this.timings = { start: null, ready: null };
    this.mode = null;
    this.note = "";
    this.fromCache = [];
    this._offline = null;
    this._primed = null;
    this._worker = null;
    this._watchdog = null;
    this._pending = new Map();
    this._nextId = 1;
    this._cspBlocked = false;
    this._ready = null;
    this._generation = 0;
  }

  start(options = {}) {
    if (this.state === "loading" || this.state === "ready") return this;
    if (this.state === "error") return this; // use retry() to start again
    this.state = "loading";
    this.failure = null;
    this.progress = null;
    this._cspBlocked = false;
    this.timings = { start: performance.now(), ready: null };
    // Callers still waiting from a start that was retried keep waiting for this one.
    if (!this._ready || this._ready.settled) this._ready = deferred();
    if (typeof location !== "undefined" && location.protocol === "file:") {
      this._fail({
        stage: "start",
        message: "Alat pemeriksa tidak dapat berjalan bila situs dibuka langsung dari berkas " +
          "(file://). Buka situs melalui server web (http:// atau https://).",
      }, false);
      return this;
    }
    let worker;
    // The checker page's head may have started the worker already (early.js): take it over,
    // with what it has said so far.
    const early = typeof globalThis.__asnEarlyWorker === "function" ? globalThis.__asnEarlyWorker() : null;
    try {
      worker = early ? early.worker : new Worker(new URL("./worker.mjs", HERE), { type: "module" });
    } catch (err) {
      this._fail({ stage: "start", message: "Pekerja (worker) mesin pemeriksa tidak dapat dibuat.", detail: String(err) });
      return this;
    }
    if (early) this.timings.start = early.startedAt;
    this._worker = worker;
    const handlers = {
      message: (event) => this._onMessage(worker, event.data),
      error: (event) => this._onError(worker, event),
      messageerror: () => {
        if (worker === this._worker) this._fail({ stage: "message", message: "Pesan dari mesin pemeriksa tidak dapat dibaca." });
      },
    };
    for (const [type, handler] of Object.entries(handlers)) worker.addEventListener(type, handler);
    for (const event of early ? early.events : []) handlers[event.type](event);
    const ms = options.watchdogMs ?? WATCHDOG_MS;
    this._watchdog = setTimeout(() => {
      if (worker !== this._worker || this.state !== "loading") return;
      this._fail({ stage: this.progress ? this.progress.stage : "start", message: WATCHDOG_MESSAGE, watchdog: true });
    }, ms);
    return this;
  }

  _onError(worker, event) {
    event.preventDefault(); // reported through the "error" event, not as an uncaught page error
    if (worker !== this._worker) return;
    this._fail({
      stage: this.progress ? this.progress.stage : "start",
      message: this.state === "ready"
        ? "Mesin pemeriksa berhenti karena galat. Coba muat ulang mesin."
        : "Berkas assets/checker/worker.mjs tidak dapat dimuat atau berhenti karena galat.",
      detail: event.message || "",
    });
  }

  retry(options) {
    this._stop();
    this._generation++;
    const stopped = new Error("Mesin pemeriksa dimuat ulang sebelum menjawab.");
    for (const call of this._pending.values()) call.reject(stopped);
    this._pending.clear();
    this.state = "idle";
    return this.start(options);
  }

  whenOffline() {
    return this.whenReady().then(() => this._offline);
  }

  whenPrimed() {
    return this.whenReady().then(() => this._primed);
  }

  whenReady() {
    if (this.state === "idle") this.start();
    if (this.state === "error") return Promise.reject(engineError(this.failure));
    return this._ready.promise;
  }

  check(document, { lang = "id", name = null, profile } = {}) {
    const args = { document, lang, name };
    if (profile !== undefined) args.profile = profile;
    return this.call("check", args);
  }

  parse(text, { name = null, lang = "id" } = {}) {
    return this.call("parse", { text: String(text), name, lang });
  }

  toToml(document) {
    return this.call("toToml", { document });
  }

  render(report, format = "text") {
    return this.call("render", { report, format });
  }

  async call(op, args, { raw = false } = {}) {
    await this.whenReady();
    const worker = this._worker;
    if (this.state !== "ready" || !worker) throw engineError(this.failure || { message: "Mesin pemeriksa belum siap." });
    return new Promise((resolve, reject) => {
      const id = this._nextId++;
      this._pending.set(id, { resolve, reject });
      try {
        worker.postMessage({ id, op, args, raw });
      } catch (err) {
        this._pending.delete(id);
        reject(new Error(`Data tidak dapat dikirim ke mesin pemeriksa: ${err && err.message}`));
      }
    });
  }

  _onMessage(worker, msg) {
    if (worker !== this._worker || !msg) return;
    if (msg.id !== undefined) {
      const call = this._pending.get(msg.id);
      if (!call) return;
      this._pending.delete(msg.id);
      if (msg.ok) call.resolve(msg.result);
      else call.reject(Object.assign(new Error(msg.error), { traceback: msg.traceback }));
      return;
    }
    if (msg.type === "progress" && this.state === "loading") {
      this.progress = { stage: msg.stage, message: msg.message, percent: msg.percent };
      this.timings[msg.stage] = performance.now();
      this.dispatchEvent(new CustomEvent("progress", { detail: this.progress }));
    } else if (msg.type === "ready" && (this.state === "loading" || this.failure?.watchdog)) {
      // Also after the watchdog fired: a very slow start still ends well.
      clearTimeout(this._watchdog);
      this._generation++;
      this.failure = null;
      if (this._ready.settled) this._ready = deferred();
      this.state = "ready";
      this.profile = msg.profile;
      this.version = msg.version;
      this.python = msg.python;
      this.timings.ready = performance.now();
      for (const [step, at] of Object.entries(msg.marks || {})) {
        this.timings[`worker.${step}`] = at - performance.timeOrigin;
      }
      this.mode = msg.mode || "normal";
      this.note = msg.note || "";
      this.fromCache = msg.fromCache || [];
      if (!this._offline) {
        this._offline = afterTheme().then(() => keepOffline(msg.offline, msg.files || []));
        this._primed = this._offline.then((kept) => primeOnce(kept, msg.runtime, msg.lockInfo));
      }
      this._ready.resolve(this);
      this.dispatchEvent(new CustomEvent("ready", { detail: { version: msg.version, python: msg.python, profile: msg.profile } }));
    } else if (msg.type === "failed") {
      this._fail({ stage: msg.stage, message: msg.message, detail: msg.detail });
    } else if (msg.type === "csp" && /wasm|eval/.test(String(msg.blocked)) && !this._cspBlocked) {
      // A blocked WebAssembly compile would only end with the watchdog: fail now.
      this._cspBlocked = true;
      this._fail({
        stage: this.progress ? this.progress.stage : "python",
        message: "Mesin pemeriksa tidak dapat dinyalakan: Content-Security-Policy server memblokir " +
          "WebAssembly. Tambahkan 'wasm-unsafe-eval' pada script-src (lihat halaman \"Untuk pengelola TI\").",
        detail: `${msg.directive} ${msg.blocked}`,
      });
    }
  }

  _stop() {
    clearTimeout(this._watchdog);
    if (this._worker) this._worker.terminate();
    this._worker = null;
  }

  // Ends the start (or a running engine) with an error: the state becomes "error" and every
  // waiting call is rejected at once; "error" is emitted after a short check of the server's files,
  // whose findings come first among the causes.
  // The watchdog leaves the worker running: if it gets ready after all, the engine recovers.
  _fail(info, check = true) {
    // Once in error, only a precise failure may replace the watchdog's general one.
    if (this.state === "error" && !(this.failure?.watchdog && !info.watchdog)) return;
    if (info.watchdog) clearTimeout(this._watchdog);
    else this._stop();
    const generation = ++this._generation;
    this.failure = { message: info.message, causes: [...GENERIC_CAUSES], stage: info.stage,
      detail: info.detail || "", found: [], watchdog: Boolean(info.watchdog) };
    this.state = "error";
    const error = engineError(this.failure);
    this._ready.reject(error);
    for (const call of this._pending.values()) call.reject(error);
    this._pending.clear();
    const finish = (found) => {
      if (generation !== this._generation) return; // retried meanwhile
      const causes = [...found];
      if (this._cspBlocked && !causes.some((c) => c.includes("wasm-unsafe-eval"))) {
        causes.push("Content-Security-Policy memblokir WebAssembly ('wasm-unsafe-eval' tidak diizinkan).");
      }
      for (const cause of GENERIC_CAUSES) if (!causes.includes(cause)) causes.push(cause);
      this.failure.causes = causes;
      this.failure.found = found;
      this.dispatchEvent(new CustomEvent("error", { detail: this.failure }));
    };
    if (!check) return finish([]);
    withTimeout(diagnose().catch(() => []), DIAGNOSIS_MS, []).then(finish);
  }
}

// The offline cache: registers the site's service worker (sw.js at the site's root, scoped to it)
// and asks it to keep the page's files and the engine's. Never fails: null when not possible.
async function keepOffline(wanted, files) {
  try {
    if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || !globalThis.isSecureContext) return null;
    const scope = SITE;
    if (!wanted) {
      // Built with OFFLINE=0: remove the service worker and its caches. The build's sw.js does the
      // same once it takes over, on any page; here it is done at once, as the old worker can keep
      // the new one waiting while this page is open (sw.js's cache names begin with this prefix).
      const old = await navigator.serviceWorker.getRegistration(scope);
      if (old) await old.unregister();
      for (const name of await caches.keys()) {
        if (name.startsWith("asn-fleksibel-")) await caches.delete(name);
      }
      return null;
    }
    const registration = await navigator.serviceWorker.register(new URL("../../sw.js", HERE), { scope });
    // A new build brings a new sw.js, which empties the cache when it takes over: fetch it now
    // and keep the files with the newest worker.
    await registration.update().catch(() => {});
    const worker = await activeWorker(registration);
    if (!worker) return null;
    const page = location.href.split("#")[0];
    const used = performance.getEntriesByType("resource").map((e) => e.name);
    // Without addresses with a query, but for the site's own versioned scripts (?v=<hash>, see
    // sitegen/versioned.py): the same file under any other query would only be kept twice.
    const urls = [...new Set([page, ...used, ...files])]
      .filter((u) => u.startsWith(scope) && (!u.includes("?") || /\?v=[0-9a-f]{16}$/.test(u)));
    return await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data && event.data.ok ? event.data : null);
      worker.postMessage({ type: "keep", urls }, [channel.port2]);
    });
  } catch (err) {
    console.warn("[mesin pemeriksa] cache luring tidak dapat dipasang:", err);
    return null;
  }
}

// Runs Pyodide's script once more in a worker of its own (prime.mjs), so that the browser keeps
// its compiled code and the next visit's start need not compile it again. Once per build (per
// runtime without the offline cache), as localStorage remembers: a new build's offline cache
// holds new copies, without that code. It waits for the offline cache, as the code is kept with
// the copy the next visit reads. Never fails: resolves to whether it ran to its end.
async function primeOnce(kept, runtime, lockInfo) {
  if (typeof Worker === "undefined" || typeof runtime !== "string") return false;
  const key = kept ? `build ${kept.build}` : `runtime ${runtime}`;
  try {
    if (localStorage.getItem(PRIMED_KEY) === key) return false;
  } catch {
    // No localStorage (blocked by the browser's settings): prime on every visit.
  }
  let worker;
  try {
    worker = new Worker(new URL("./prime.mjs", HERE), { type: "module" });
  } catch {
    return false;
  }
  const ok = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), PRIME_MS);
    worker.onmessage = (event) => { clearTimeout(timer); resolve(Boolean(event.data && event.data.ok)); };
    worker.onerror = (event) => { event.preventDefault(); clearTimeout(timer); resolve(false); };
    worker.postMessage({ runtime, lockInfo });
  });
  worker.terminate();
  if (ok) {
    try {
      localStorage.setItem(PRIMED_KEY, key);
    } catch {
      // Not remembered: primed again on the next visit.
    }
  }
  return ok;
}

// Resolves once Material's script has run (on the checker page early.js runs it late, when the
// engine is ready) and the page has been quiet for a moment. Its first requests go to the service
// worker that controls the page; when a new build's worker installed at the same moment, Chromium
// could keep it waiting behind the old one for minutes (seen in about 1 of 5 test runs).
function afterTheme() {
  if (typeof document === "undefined") return Promise.resolve();
  const late = document.querySelector("script[data-theme]") && globalThis.document$ === undefined;
  const theme = late ? new Promise((resolve) => {
    window.addEventListener("asn:theme", resolve, { once: true });
    setTimeout(resolve, THEME_WAIT_MS);
  }) : Promise.resolve();
  return theme.then(() => new Promise((resolve) => setTimeout(resolve, QUIET_MS)));
}

// The registration's newest worker, once it is active (null if it fails to install).
async function activeWorker(registration) {
  const pending = registration.installing || registration.waiting;
  if (pending) {
    await new Promise((resolve) => {
      const settled = () => {
        if (pending.state === "activated" || pending.state === "redundant") resolve();
      };
      pending.addEventListener("statechange", settled);
      settled();
    });
  }
  return registration.active;
}

function engineError(failure) {
  return Object.assign(new Error(failure.message), { causes: failure.causes });
}

function deferred() {
  const d = { settled: false };
  d.promise = new Promise((resolve, reject) => {
    d.resolve = (value) => { d.settled = true; resolve(value); };
    d.reject = (error) => { d.settled = true; reject(error); };
  });
  d.promise.catch(() => {}); // a failure nobody waits for is reported by the "error" event
  return d;
}

export function getEngine() {
  if (!globalThis[KEY]) globalThis[KEY] = new Engine();
  return globalThis[KEY];
}
