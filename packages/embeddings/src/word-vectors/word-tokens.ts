/**
 * Words of a text as GloVe-family vocabularies spell them: NFKC-normalized and lower-cased runs of
 * letters, marks and digits, keeping inner apostrophes and hyphens ("don't", "low-key"); curly
 * apostrophes become straight ones.
 */
export function wordTokens(text: string): string[] {
  const normalized = text.normalize("NFKC").toLowerCase().replace(/[’‘]/g, "'");
  return normalized.match(/[\p{L}\p{M}\p{N}]+(?:['-][\p{L}\p{M}\p{N}]+)*/gu) ?? [];
}

/**
 * The rows of `token` in `index`: the word itself when known; else, for a word with a hyphen, its
 * parts; for a contraction, GloVe's split ("don't" → "do" "n't", "cat's" → "cat" "'s"). Parts
 * that are still unknown are left out; `unknown` counts them.
 */
export function lookupToken(index: ReadonlyMap<string, number>, token: string, out: number[], unknown: { count: number }): void {
  const whole = index.get(token);
  if (whole !== undefined) {
    out.push(whole);
    return;
  }
  const parts = (token.includes("-") ? token.split("-") : contractionParts(token)).filter((p) => p.length > 0 && p !== token);
  if (parts.length === 0) {
    unknown.count++;
    return;
  }
  for (const part of parts) lookupToken(index, part, out, unknown);
}

function contractionParts(token: string): string[] {
  const apostrophe = token.indexOf("'");
  if (apostrophe <= 0) return [];
  if (token.endsWith("n't") && token.length > 3) return [token.slice(0, -3), "n't"];
  return [token.slice(0, apostrophe), token.slice(apostrophe)];
}
