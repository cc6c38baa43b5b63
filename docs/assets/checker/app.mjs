// Entry point of the checker page, loaded on every page of the handbook (extra_javascript).
//
// With Material's instant navigation pages are swapped without a reload, so the page is set up
// from `document$` (Material's observable of the current document) and torn down when it goes.
// Only the checker page (it has #ck-root) loads the checker's modules and starts the engine.

let current = null;
let mounting = null;

// The engine takes longest to get ready: on the checker page it starts at once, while the page's
// own modules still load (engine.start() is idempotent; the page picks the same engine up).
function startEngine() {
  if (document.getElementById("ck-root")) import("./engine.mjs").then(({ getEngine }) => getEngine().start());
}

async function setup() {
  startEngine();
  const root = document.getElementById("ck-root");
  if (current && current.root === root) return;
  if (current) {
    current.destroy();
    current = null;
  }
  if (!root || mounting === root) return;
  mounting = root;
  try {
    const { Checker } = await import("./checker.mjs");
    if (document.getElementById("ck-root") === root && !(current && current.root === root)) {
      current = new Checker(root);
    }
  } finally {
    mounting = null;
  }
}

// Follows Material's page changes; false when Material's script has not run (yet).
function follow() {
  const observable = globalThis.document$;
  if (!observable || typeof observable.subscribe !== "function") return false;
  observable.subscribe(() => { setup(); });
  return true;
}

startEngine();
// On the checker page, Material's script runs only once the engine is ready (early.js): until
// then the page is set up on its own, and early.js's "asn:theme" says when Material is there.
if (!follow()) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => { setup(); }, { once: true });
  else setup();
  window.addEventListener("asn:theme", follow, { once: true });
}
