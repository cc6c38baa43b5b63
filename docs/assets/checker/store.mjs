// Keeping the arrangement: autosave in localStorage (one key per site path, so two handbooks on one
// host do not share answers) and share links that carry the arrangement in the URL fragment, which
// browsers never send to the server. Share data is deflate-compressed when CompressionStream
// exists ("z." prefix) and plain JSON otherwise ("j." prefix), then base64url.

const PREFIX = "asn-fleksibel";

function scopePath() {
  // Material's own storage scope (set by csp-base.js); the checker page is periksa/, one level down.
  const scope = globalThis.__md_scope instanceof URL ? globalThis.__md_scope : new URL("../", location.href);
  return scope.pathname;
}

export function storageKey(name) {
  return `${scopePath()}.${PREFIX}.${name}`;
}

export function load(name) {
  try {
    const text = localStorage.getItem(storageKey(name));
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

// Returns false when the browser refuses (storage full or disabled).
export function save(name, value) {
  try {
    localStorage.setItem(storageKey(name), JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function remove(name) {
  try {
    localStorage.removeItem(storageKey(name));
  } catch {
    // nothing stored, nothing to remove
  }
}

function toBase64url(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

export async function encodeShare(doc) {
  const bytes = new TextEncoder().encode(JSON.stringify(doc));
  if (typeof CompressionStream === "function") {
    return `z.${toBase64url(await pipe(bytes, new CompressionStream("deflate-raw")))}`;
  }
  return `j.${toBase64url(bytes)}`;
}

// Rejects with {code: "invalid" | "unsupported"} when the data cannot be read.
export async function decodeShare(data) {
  const fail = (code) => Object.assign(new Error(code), { code });
  const [kind, body] = [data.slice(0, 2), data.slice(2)];
  let bytes;
  try {
    bytes = fromBase64url(body);
  } catch {
    throw fail("invalid");
  }
  if (kind === "z.") {
    if (typeof DecompressionStream !== "function") throw fail("unsupported");
    try {
      bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
    } catch {
      throw fail("invalid");
    }
  } else if (kind !== "j.") {
    throw fail("invalid");
  }
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw fail("invalid");
  }
}

// The fragment of a location: {kind: "data" | "example", value} or null.
export function readHash(hash) {
  const m = /^#(data|contoh)=(.+)$/.exec(hash || "");
  if (!m) return null;
  return { kind: m[1] === "data" ? "data" : "example", value: decodeURIComponent(m[2]) };
}
