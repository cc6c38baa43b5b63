// Starts the checker engine's worker while the checker page is still being parsed, and holds
// Material's script and its search worker back until the engine is ready.
//
// Loaded by the checker page's head (templates/theme/main.html) as a plain, blocking script: a
// module or async script would only run once the main thread is free, and on the checker page
// that is after its long form has been parsed (about 0.3 s). The worker needs nothing from the
// page. engine.mjs takes it over (window.__asnEarlyWorker) with the events it sent meanwhile;
// without this script (or when it fails) engine.mjs starts its own worker, as before.
//
// Material's own script and its search worker hold the engine back on a machine with two
// processor cores: the script's work while the page is parsed cost about 80 ms (20 alternating
// first visits: ready at 759 against 837 ms), and the search worker, which builds the whole
// site's search index, about 0.3 s. Both start when the engine is ready or has failed, when the
// reader reaches for the header, a sidebar or the footer (pointer, focus, or a key pressed outside
// the checker's form), or after 5 s, whichever comes first (a stand-in keeps the messages Material
// sends its search worker until then). The offline cache waits for Material's script (engine.mjs,
// afterTheme), so that the files it asks for (site map, search index) are among those kept. The
// build takes Material's script tag out of this page and gives its address here (data-theme,
// sitegen/theme_script.py); once it has run and the style sheets apply, it is sent the
// DOMContentLoaded it missed (Material sets the page up on that event) and the window an
// "asn:theme" event (app.mjs then follows Material's page changes).
//
// Material's instant navigation re-creates the page on a step through the history that only
// changes the address's #fragment. A share or example link opened over the checker page (a
// #data= or #contoh= link to this same page, see store.readHash) was then asked about twice, the
// second question replacing the first. The checker reads its own links on "hashchange"; the
// listener below, added before Material's, keeps such a step from Material.
(function () {
  "use strict";
  var checkerPath = location.pathname;
  window.addEventListener("popstate", function (event) {
    if (location.pathname === checkerPath && /^#(data|contoh)=/.test(location.hash) &&
        document.getElementById("ck-root")) {
      event.stopImmediatePropagation();
    }
  });
  var script = document.currentScript;
  var theme = script && script.getAttribute("data-theme");
  // Called at most once: by the early returns below, or else by release().
  function loadTheme() {
    if (!theme) return;
    var tag = document.createElement("script");
    tag.src = new URL(theme, location.href).href;
    tag.addEventListener("load", function () {
      afterStyles(function () {
        if (document.readyState !== "loading") document.dispatchEvent(new Event("DOMContentLoaded"));
        window.dispatchEvent(new Event("asn:theme"));
      });
    });
    document.head.appendChild(tag);
  }
  // As it starts, Material's script makes every relative address in the page absolute, so the
  // style sheets load again, and Chromium sometimes lays the page out without Material's own until
  // they have. Material sets its sidebars up on DOMContentLoaded from that layout: measured so, the
  // navigation sidebar never got its height and its last links could not be scrolled to (5 of 20
  // visits in a 1280 x 600 window, none since). So that event waits until every style sheet
  // applies (at most 2 s).
  function afterStyles(then) {
    var applied = Array.prototype.slice.call(document.styleSheets);
    var pending = Array.prototype.filter.call(document.querySelectorAll("link[rel~='stylesheet']"),
      function (link) { return !link.disabled && applied.indexOf(link.sheet) < 0; });
    var left = pending.length;
    var done = false;
    function finish() {
      if (done) return;
      done = true;
      then();
    }
    if (!left) return finish();
    function one() {
      if (--left === 0) finish();
    }
    pending.forEach(function (link) {
      link.addEventListener("load", one, { once: true });
      link.addEventListener("error", one, { once: true });
    });
    setTimeout(finish, 2000);
  }
  if (theme) {
    // What Material's script does first: its styles for pages with scripts (the search box shows).
    document.documentElement.classList.remove("no-js");
    document.documentElement.classList.add("js");
  }
  if (location.protocol === "file:" || typeof Worker !== "function" || !script) {
    loadTheme();
    return;
  }
  var startedAt = performance.now();
  var worker;
  try {
    worker = new Worker(new URL("worker.mjs", script.src), { type: "module" });
  } catch (err) {
    loadTheme();
    return;
  }
  var events = [];
  var hold = function (event) {
    if (event.type === "error") event.preventDefault(); // engine.mjs reports it
    events.push(event);
  };
  var types = ["message", "error", "messageerror"];
  types.forEach(function (type) { worker.addEventListener(type, hold); });
  window.__asnEarlyWorker = function () {
    window.__asnEarlyWorker = undefined;
    types.forEach(function (type) { worker.removeEventListener(type, hold); });
    return { worker: worker, events: events, startedAt: startedAt };
  };

  var NativeWorker = window.Worker;
  var waiting = [];
  var released = false;
  function release() {
    if (released) return;
    released = true;
    loadTheme();
    waiting.splice(0).forEach(function (start) { start(); });
  }
  worker.addEventListener("message", function (event) {
    var type = event.data && event.data.type;
    if (type === "ready" || type === "failed") release();
  });
  worker.addEventListener("error", release);
  setTimeout(release, 5000);
  var THEMED = ".md-header, .md-search, .md-sidebar, .md-footer, .md-top";
  function reached(event) {
    if (event.target && event.target.closest && event.target.closest(THEMED)) release();
  }
  document.addEventListener("focusin", reached);
  document.addEventListener("pointerdown", reached);
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!(target && target.closest && target.closest("#ck-root, input, select, textarea"))) release();
  });
  function later(url, options) {
    var standIn = new EventTarget();
    var queue = [];
    var real = null;
    standIn.postMessage = function (message, transfer) {
      if (real) real.postMessage(message, transfer);
      else if (queue) queue.push([message, transfer]);
    };
    standIn.terminate = function () {
      if (real) real.terminate();
      queue = null;
    };
    waiting.push(function () {
      if (!queue) return; // terminated meanwhile
      real = new NativeWorker(url, options);
      real.addEventListener("message", function (event) {
        standIn.dispatchEvent(new MessageEvent("message", { data: event.data }));
      });
      real.addEventListener("error", function () { standIn.dispatchEvent(new Event("error")); });
      queue.forEach(function (item) { real.postMessage(item[0], item[1] || []); });
      queue = null;
    });
    return standIn;
  }
  function DeferringWorker(url, options) {
    var path = new URL(String(url), location.href).pathname;
    if (!released && /\/assets\/javascripts\/workers\/search\.[^/]*\.js$/.test(path)) return later(url, options);
    return new NativeWorker(url, options);
  }
  DeferringWorker.prototype = NativeWorker.prototype;
  window.Worker = DeferringWorker;
})();
