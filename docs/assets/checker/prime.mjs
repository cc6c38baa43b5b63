// Runs the start of Pyodide's large script (pyodide.asm.mjs) a second time, in a module worker of
// its own, without its WebAssembly and without downloading anything, so that Chromium keeps the
// script's compiled code for the next visit. Started by engine.mjs once per build, when the engine
// is ready and the offline cache has kept the runtime.
//
// Why: Chromium keeps the compiled code of a script only from the second time it runs, and keeps
// what has been compiled by the moment it writes it down, shortly after the script is evaluated.
// - Without this, the first repeat visit compiled the 1.25 MB script again: Pyodide's set-up before
//   it asks for its wasm took 60 to 190 ms, against 5 to 20 ms with the kept code. A repeat visit
//   in a new tab was ready at 571 ms without it and 487 ms with it (medians, 10 alternating runs).
// - What Chromium kept on that visit was a matter of luck: 21 kB (the script's outer level only)
//   or 714 kB (also Pyodide's set-up), depending on whether Pyodide's set-up had run before the
//   code was written down.
// - Here Pyodide's own loadPyodide() imports the script and runs its set-up in the same task, so
//   the set-up has been compiled by then (714 kB kept in every trace). It stops where the set-up
//   asks for the wasm.
// - It runs after the offline cache has kept the runtime: the compiled code is kept with the copy
//   that the next visit reads (through the service worker), not with the browser's HTTP cache.
//   Without the offline cache (OFFLINE=0, plain http://) it is kept with the HTTP cache's copy,
//   except in a private window, where Chromium keeps no compiled code for that copy.
//
// Message in: {runtime: the runtime folder's URL, lockInfo: the lock file's "info"}.
// Message out: {ok: true} once Chromium has had time to write the code down, or {ok: false, error}.

// Chromium writes the compiled code down in a task of its own after the script is evaluated;
// it was written within about 70 ms in every trace.
const WRITE_MS = 500;

const never = () => new Promise(() => {});

self.onmessage = async (event) => {
  const { runtime, lockInfo } = event.data || {};
  try {
    // Pyodide asks for its wasm and its standard library while it sets up: nothing is fetched,
    // nothing is compiled, and its start simply never ends (the page then ends this worker).
    self.fetch = never;
    WebAssembly.instantiateStreaming = never;
    WebAssembly.instantiate = never;
    const { loadPyodide } = await import(new URL("pyodide.mjs", runtime).href);
    loadPyodide({
      indexURL: runtime,
      lockFileContents: { info: lockInfo, packages: {} },
      stdLibURL: new URL("python_stdlib.zip", runtime).href,
    }).catch(() => {});
    setTimeout(() => self.postMessage({ ok: true }), WRITE_MS);
  } catch (err) {
    self.postMessage({ ok: false, error: String(err && err.message ? err.message : err) });
  }
};
