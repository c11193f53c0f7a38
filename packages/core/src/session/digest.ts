import type { FeatureMatrix, FeatureRows } from "../features.js";

/**
 * A short fingerprint of a feature matrix (FNV-1a over the IEEE-754 bytes), so a snapshot saved
 * without its features refuses to resume on a different pool.
 */
export function featureDigest(data: Float64Array): string {
  let digest = digests.get(data);
  if (digest === undefined) {
    digest = hashBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), data.length);
    digests.set(data, digest);
  }
  return digest;
}

// A session's feature matrix never changes after it is built, and every `toJSON()` (a study server
// saves one per answer) names its digest: hash each matrix once. Callers pass matrices they own.
const digests = new WeakMap<Float64Array, string>();

/**
 * The same fingerprint over a string's UTF-16 code units (a snapshot's `check`): {@link hashBytes} of
 * their little-endian bytes, read off the string directly. A study server seals a snapshot on every
 * answer, and copying the text into a byte array first took most of the time.
 */
export function textDigest(text: string): string {
  const n = text.length;
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ n;
  for (let i = 0; i < n; i++) {
    const lo = text.charCodeAt(i);
    const hi = text.charCodeAt(n - 1 - i);
    // Forwards: unit i's low byte, then its high byte. Backwards: unit n−1−i's high byte, then its low.
    h1 = Math.imul(h1 ^ (lo & 0xff), 0x01000193) >>> 0;
    h1 = Math.imul(h1 ^ (lo >>> 8), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (hi >>> 8), 0x5bd1e995) >>> 0;
    h2 = Math.imul(h2 ^ (hi & 0xff), 0x5bd1e995) >>> 0;
  }
  return hex(h1, h2);
}

/** @internal The byte-array form of {@link textDigest}, for the test that keeps the two equal. */
export function textDigestOfBytes(text: string): string {
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
  return hex(h1, h2);
}

const hex = (h1: number, h2: number) => h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");

/** Whether `pool` is the one a snapshot's digest names (also the digest older cores took before −0 became +0). */
export function digestMatches(pool: FeatureMatrix, rows: FeatureRows, digest: string): boolean {
  if (featureDigest(pool.data) === digest) return true;
  const raw = new Float64Array(pool.n * pool.d);
  for (let j = 0; j < pool.n; j++) for (let k = 0; k < pool.d; k++) raw[j * pool.d + k] = rows[j]![k]!;
  return featureDigest(raw) === digest;
}
