/**
 * Words of a text for the hashing embedder: NFKC-normalized, lower-cased runs of letters, marks
 * and digits (an apostrophe inside a word is dropped, so "don't" and "dont" agree).
 */
export function words(text: string): string[] {
  const normalized = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/(?<=\p{L})['’](?=\p{L})/gu, "");
  return normalized.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/**
 * Counts the word n-grams of `text` for n = 1 … `maxN`. An n-gram is its words joined by single
 * spaces, so a unigram and a bigram never share a key.
 */
export function ngramCounts(text: string, maxN: number): Map<string, number> {
  const w = words(text);
  const counts = new Map<string, number>();
  for (let i = 0; i < w.length; i++) {
    let gram = w[i]!;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
    for (let n = 2; n <= maxN && i + n <= w.length; n++) {
      gram += ` ${w[i + n - 1]!}`;
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}
