// The arrangement document as the page keeps it: the storage keys, a fresh start, and small
// helpers for reading a file's bytes and stamping a check's time. No dependencies.

export const DOC_KEY = "pengaturan";
export const INDIVIDUAL_KEY = "perorangan";
export const MAX_BYTES = 20 * 1024 * 1024;
export const NEW_WEEK = { mon: "wfo", tue: "wfo", wed: "wfo", thu: "wfo", fri: "wfo" };

export function freshDocument() {
  return { period: {}, unit: {}, employees: [{ id: "P1", week: { ...NEW_WEEK } }] };
}

// ISO 8601 with the reader's offset: "2025-07-03T09:41:00+07:00".
export function isoLocal(date) {
  const pad = (n) => String(Math.abs(Math.trunc(n))).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:` +
    `${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

export function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function jsonOrNull(bytes) {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""));
  } catch {
    return null;
  }
}

export function kindOf(value) {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value;
}
