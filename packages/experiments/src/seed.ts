/**
 * A 32-bit seed from the parts that identify a trajectory (FNV-1a over their JSON text). The seed
 * depends only on what the session is — never on which worker runs it or in what order — so a run
 * gives identical results with any number of workers.
 */
export function deriveSeed(parts: readonly (string | number)[]): number {
  const text = JSON.stringify(parts);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
