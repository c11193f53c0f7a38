/** The WordPiece model of tokenizer.json (BERT vocabularies; most Model2Vec / Potion models). */
export interface WordPieceSpec {
  type: "WordPiece";
  vocab: Record<string, number>;
  unk_token: string;
  continuing_subword_prefix?: string;
  max_input_chars_per_word?: number;
}

/**
 * Greedy longest-match-first WordPiece: a word is cut into the longest vocabulary prefix, then
 * the longest `##`-prefixed continuation, and so on. A word with any uncoverable rest, or longer
 * than `max_input_chars_per_word` characters, becomes the single unknown token.
 */
export function createWordPiece(spec: WordPieceSpec): {
  tokenize: (word: string) => number[];
  unkId: number | undefined;
  vocab: ReadonlyMap<string, number>;
} {
  const vocab = new Map(Object.entries(spec.vocab));
  const prefix = spec.continuing_subword_prefix ?? "##";
  const maxChars = spec.max_input_chars_per_word ?? 100;
  const unkId = vocab.get(spec.unk_token);
  let longest = 0;
  for (const token of vocab.keys()) longest = Math.max(longest, token.length);
  const unk = unkId === undefined ? [] : [unkId];

  return {
    unkId,
    vocab,
    tokenize(word) {
      // Work on code points so a surrogate pair is never cut in half; words without surrogates
      // (nearly all) slice the string directly instead of an array of characters.
      const chars: string | string[] = /[\ud800-\udfff]/.test(word) ? Array.from(word) : word;
      const piece = (start: number, end: number): string =>
        typeof chars === "string" ? chars.slice(start, end) : chars.slice(start, end).join("");
      if (chars.length > maxChars) return unk;
      const ids: number[] = [];
      let start = 0;
      while (start < chars.length) {
        let end = Math.min(chars.length, start + longest);
        let found: number | undefined;
        for (; end > start; end--) {
          found = vocab.get(start > 0 ? prefix + piece(start, end) : piece(start, end));
          if (found !== undefined) break;
        }
        if (found === undefined) return unk;
        ids.push(found);
        start = end;
      }
      return ids;
    },
  };
}
