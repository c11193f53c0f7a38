/**
 * A short fingerprint of a feature matrix (FNV-1a over the IEEE-754 bytes), so a snapshot saved
 * without its features refuses to resume on a different pool.
 */
export function featureDigest(data: Float64Array): string {
  return hashBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), data.length);
}

/** The same fingerprint over a string's UTF-16 code units (a snapshot's `check`). */
export function textDigest(text: string): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return hashBytes(new Uint8Array(units.buffer), text.length);
}

/** FNV-1a forwards and a multiply-xor backwards; `length` (elements, not bytes) seeds the second. */
function hashBytes(bytes: Uint8Array, length: number): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ length;
  for (let i = 0; i < bytes.length; i++) {
    h1 = Math.imul(h1 ^ bytes[i]!, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ bytes[bytes.length - 1 - i]!, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
