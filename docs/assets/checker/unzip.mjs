// Reads the files of a zip archive in the browser (used by worker.mjs for the engine zip), so that
// they can be written into Pyodide's file system while the runtime starts, instead of being
// unpacked by Python once it has. Stored and deflated entries only: sitegen/bundle.py stores its
// files (inflating each one was the slow part); deflated ones, as other zip tools write, are
// inflated by the browser's own DecompressionStream.

const END = 0x06054b50; // end of central directory
const ENTRY = 0x02014b50; // central directory entry
const LOCAL = 0x04034b50; // local file header

async function inflate(data) {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// [[path, bytes], ...] for every file (folders left out). Throws on anything unexpected: the
// caller then lets Python unpack the archive instead.
export async function unzip(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END) end--;
  if (end < 0) throw new Error("no zip directory");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder();
  const files = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== ENTRY) throw new Error("damaged zip directory");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const unpacked = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith("/")) continue;
    if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`unsafe path ${name}`);
    if (view.getUint32(local, true) !== LOCAL) throw new Error(`damaged entry ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`unsupported compression in ${name}`);
    files.push((method === 8 ? inflate(data) : Promise.resolve(data)).then((content) => {
      if (content.length !== unpacked) throw new Error(`wrong size for ${name}`);
      return [name, content];
    }));
  }
  return Promise.all(files);
}
