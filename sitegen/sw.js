// The handbook's service worker: keeps the checker working after one visit, also offline.
// Written into the site's root as sw.js by sitegen/offline.py (BUILD below is the build's hash);
// registered by assets/checker/engine.mjs once the engine is ready, with the folder of this file
// as its scope, so it only ever sees this site's own requests, under whatever sub-path it lives.
//
// - Versioned files never change at their address: served from the cache, fetched once. They are
//   the runtime under assets/pyodide/<version>/, the content-hashed engine-, snapshot- and stdlib-
//   files, Material's own hashed scripts and styles (bundle.<hash>.min.js), and the handbook's own
//   scripts and styles and the engine's manifest.json, which the build asks for as name?v=<hash>
//   (sitegen/versioned.py). On a repeat visit the engine's worker reads the runtime, engine and
//   snapshot from this cache itself (assets/checker/kept.mjs, matched by their whole address),
//   without this fetch handler.
// - Everything else of the site (pages, sw.js, the search index): from the server first, so an
//   update is seen at once; from the cache only when the server cannot be reached. A file is
//   written into the cache the first time only: BUILD is the hash of every file of the build, so
//   the copy already kept is the same file. (Writing it again on every visit held each answer
//   back and queued the cache's reads behind the writes: a repeat visit was about 65 ms slower.)
// - The page posts {type: "keep", urls} after the engine is ready: the files it and the engine
//   used, fetched into the cache (from the browser's HTTP cache, usually) for the next visit.
// - A new build has a new BUILD: the new worker takes over at once and deletes the old cache.
// - A build with OFFLINE=0 ships a sw.js that removes this one (sitegen/offline.py); its checker
//   page also deletes the cache at once, while this worker may still answer that page: so this
//   worker makes its cache only when it takes over, never again (ownCache).
"use strict";

const BUILD = "__BUILD__";
const PREFIX = "asn-fleksibel-";
const CACHE = PREFIX + BUILD;
const SCOPE = self.registration.scope;
const VERSIONED = /\/assets\/pyodide\/[^/]+\/[^/]+$|\/assets\/checker\/(engine|snapshot|stdlib)-[0-9a-f]{16}\.[a-z]+$/;
// Material's file names carry an 8-digit hash of their content (assets/javascripts/bundle.<hash>.min.js).
const HASHED = /\/assets\/(javascripts|stylesheets)\/([^/]+\/)*[^/]+\.[0-9a-f]{8}\.min\.(js|css)$/;
// The handbook's own scripts and styles, and the engine's manifest.json, with the hash of their
// content as their query (sitegen/versioned.py).
const OWN_VERSION = /^\?v=[0-9a-f]{16}$/;

function versioned(url) {
  if (url.search) return OWN_VERSION.test(url.search) && /\.(mjs|js|css|json)$/.test(url.pathname);
  return VERSIONED.test(url.pathname) || HASHED.test(url.pathname);
}

self.addEventListener("install", (event) => {
  event.waitUntil(self.skipWaiting());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await caches.open(CACHE);
    await self.clients.claim();
  })());
});

// This worker's cache, made when it took over. Never made again: a page built with OFFLINE=0
// deletes it (assets/checker/engine.mjs) while this worker may still answer that page's requests.
let opened = null;
function ownCache() {
  if (!opened) opened = caches.has(CACHE).then((has) => (has ? caches.open(CACHE) : null)).catch(() => null);
  return opened;
}

function cacheable(response) {
  return response && response.ok && response.type === "basic" && response.status === 200;
}

async function fromCacheFirst(request) {
  const cache = await ownCache();
  if (!cache) return fetch(request);
  // Matched by the whole address: a match that ignores the query string reads every entry of the
  // cache, and made a repeat visit about 35 ms slower. Versioned files are never asked for with one.
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

async function fromNetworkFirst(request) {
  const cache = await ownCache();
  if (!cache) return fetch(request);
  try {
    const response = await fetch(request);
    if (cacheable(response) && !(await cache.match(request, { ignoreVary: true }))) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (err) {
    const hit = await cache.match(request, { ignoreVary: true });
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.headers.has("range")) return;
  event.respondWith(versioned(new URL(request.url)) ? fromCacheFirst(request) : fromNetworkFirst(request));
});

async function keep(urls) {
  const cache = await caches.open(CACHE);
  let kept = 0;
  for (const url of urls) {
    if (!url.startsWith(SCOPE)) continue;
    try {
      if (!(await cache.match(url, { ignoreVary: true }))) {
        const response = await fetch(url);
        if (!cacheable(response)) continue;
        await cache.put(url, response);
      }
      kept++;
    } catch {
      // Not reachable now: it will be kept on a later visit.
    }
  }
  return kept;
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "keep" || !Array.isArray(data.urls)) return;
  const port = event.ports && event.ports[0];
  event.waitUntil(keep(data.urls.map(String)).then(
    (kept) => port && port.postMessage({ ok: true, kept, build: BUILD }),
    (err) => port && port.postMessage({ ok: false, error: String(err) })));
});
