// Lets the engine's worker read the files that never change at their address straight from the
// offline cache that the service worker (sw.js) fills, instead of through the service worker.
//
// Those files are the runtime (assets/pyodide/<version>/) and the content-hashed engine, snapshot
// and standard-library files: the copy kept under their address is always the right one. Read
// through the service worker, the runtime's wasm and the snapshot also had to pass its fetch
// handler, on its own thread; read here, a repeat visit was ready about 35 to 60 ms sooner.
// Pyodide fetches its wasm with the global fetch, so that is where the cache is read. A file the
// cache does not hold (a first visit, or no cache at all: plain http://, OFFLINE=0) is fetched as
// before.

/**
 * Reads every file for which `isVersioned(url)` is true from the offline cache when it is there.
 * Returns the set of the addresses read from it: they are missing from the worker's resource
 * timing, and the offline cache of a new build must still be told to keep them.
 * @param {(url: string) => boolean} isVersioned
 * @returns {Set<string>}
 */
export function readKeptFiles(isVersioned) {
  const read = new Set();
  if (!self.caches) return read;
  const networkFetch = self.fetch.bind(self);
  self.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    if (isVersioned(url)) {
      try {
        const hit = await self.caches.match(url, { ignoreVary: true });
        if (hit) {
          read.add(url);
          return hit;
        }
      } catch {
        // The cache cannot be read now: fetch the file.
      }
    }
    return networkFetch(input, init);
  };
  return read;
}
