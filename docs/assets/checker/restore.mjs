// Unpacks the build's memory snapshot and completes it while Pyodide starts (used by worker.mjs;
// sitegen/snapshot.mjs uses `captureDataImage` to take the same data image at build time).
//
// Two things make the snapshot file small (sitegen/snapshot.py, pack_snapshot):
// - blocks of zeros are left out (the build zeroes the memory Python no longer uses first);
// - the start of the memory, which holds the wasm's static data, is stored as its difference
//   (XOR) from that data as the runtime writes it when it starts: mostly zeros, so left out.
// The difference is undone from the runtime's own memory, just after WebAssembly instantiates
// it and before Pyodide copies the snapshot in. Until then the snapshot's magic number is
// cleared, so a snapshot that was never completed is refused by Pyodide (the worker then starts
// the normal way) instead of being restored wrong.
//
// Packed layout, little-endian: "ASNSNAP2", u32 snapshot length, u32 offset of the memory in
// the snapshot, u32 data-image length, 32 bytes SHA-256 of the data image, u32 block count, then
// count x (u32 offset, u32 length), then the blocks' bytes one after another.

import { sha256Bytes } from "./sha256.mjs";

export const PACKED_MAGIC = "ASNSNAP2";

// Why a snapshot was not completed when completing it never even began.
export const NOT_COMPLETED = "runtime tidak memberi memorinya untuk melengkapi snapshot";

function hex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

// The SHA-256 of `bytes`, in hex (as the manifest writes it). The browser's own, off the worker's
// thread, where it has one: not on a page served over plain http:// from another computer.
export async function sha256(bytes) {
  const subtle = globalThis.crypto && globalThis.crypto.subtle;
  return hex(subtle ? new Uint8Array(await subtle.digest("SHA-256", bytes)) : sha256Bytes(bytes));
}

// The full snapshot, its data-image part still as a difference: {snapshot, error,
// complete(memoryBytes) -> Promise<void>}. `intact` is a promise of "" when the packed file is
// the build's (its hash matched), or of why not; complete() completes only an intact snapshot.
// `into`, when given, is a zeroed buffer of the unpacked length (known from the manifest) that
// Pyodide was already given: the snapshot is unpacked into it, so Pyodide can start before the
// file has arrived.
export function unpackSnapshot(bytes, intact = Promise.resolve(""), into = null) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== PACKED_MAGIC) throw new Error("formatnya tidak dikenal");
  const length = view.getUint32(8, true);
  if (into && into.length !== length) throw new Error("panjangnya tidak sama dengan manifest.json");
  const snapshot = into || new Uint8Array(length);
  const memoryAt = view.getUint32(12, true);
  const imageLength = view.getUint32(16, true);
  const imageDigest = hex(bytes.subarray(20, 52));
  const count = view.getUint32(52, true);
  const words = new Uint32Array(snapshot.buffer, 0, 1);
  try {
    let at = 56 + 8 * count;
    for (let i = 0; i < count; i++) {
      const offset = view.getUint32(56 + 8 * i, true);
      const length = view.getUint32(60 + 8 * i, true);
      if (at + length > bytes.length || offset + length > snapshot.length) throw new Error("isinya tidak lengkap");
      snapshot.set(bytes.subarray(at, at + length), offset);
      at += length;
    }
    if (at !== bytes.length) throw new Error("isinya tidak lengkap");
    if (memoryAt % 4 || imageLength % 4 || memoryAt + imageLength > snapshot.length) {
      throw new Error("formatnya tidak dikenal");
    }
  } catch (err) {
    words[0] = 0; // a half-unpacked snapshot must stay refused
    throw err;
  }
  const savedMagic = words[0];
  words[0] = 0; // refused by Pyodide until complete() has run
  const pending = {
    snapshot,
    error: NOT_COMPLETED,
    async complete(memory) {
      const image = memory.subarray(0, imageLength);
      const [damaged, digest] = await Promise.all([intact, sha256(image)]);
      if (damaged) {
        pending.error = damaged;
        return;
      }
      if (digest !== imageDigest) {
        pending.error = "data awal runtime tidak sama dengan data saat snapshot dibuat";
        return;
      }
      const diff = new Uint32Array(snapshot.buffer, memoryAt, imageLength / 4);
      const base = new Uint32Array(image.buffer, image.byteOffset, imageLength / 4);
      for (let i = 0; i < diff.length; i++) diff[i] ^= base[i];
      words[0] = savedMagic;
      pending.error = "";
    },
  };
  return pending;
}

// The linear memory of a just-instantiated Pyodide: imported (dynamic linking) or exported.
function memoryOf(result, imports) {
  const instance = result instanceof WebAssembly.Instance ? result : result && result.instance;
  const memory = (imports && imports.env && imports.env.memory) || (instance && instance.exports.memory);
  return memory instanceof WebAssembly.Memory ? memory : null;
}

// Runs `start()` (which loads Pyodide) with `seen(memoryBytes)` called once, right after the
// runtime's WebAssembly is instantiated and before any of its code runs. `seen` must not throw.
// `step(name)` is told when instantiation is asked for ("wasm") and done ("instantiated").
export async function captureDataImage(seen, start, step = () => {}) {
  const original = {
    instantiate: WebAssembly.instantiate,
    instantiateStreaming: WebAssembly.instantiateStreaming,
  };
  let done = false;
  const after = async (result, imports) => {
    const memory = memoryOf(result, imports);
    if (memory && !done) {
      done = true;
      try {
        await seen(new Uint8Array(memory.buffer));
      } catch (err) {
        console.warn("[mesin pemeriksa]", err);
      }
    }
    return result;
  };
  const wrap = (name) => async function (source, imports) {
    step("wasm");
    const result = await original[name].call(WebAssembly, source, imports);
    step("instantiated");
    return after(result, imports);
  };
  WebAssembly.instantiate = wrap("instantiate");
  if (original.instantiateStreaming) WebAssembly.instantiateStreaming = wrap("instantiateStreaming");
  try {
    return await start();
  } finally {
    WebAssembly.instantiate = original.instantiate;
    if (original.instantiateStreaming) WebAssembly.instantiateStreaming = original.instantiateStreaming;
  }
}
