/** The Unigram model of tokenizer.json (SentencePiece vocabularies: multilingual Potion models). */
export interface UnigramSpec {
  type: "Unigram";
  vocab: [string, number][];
  unk_id?: number | null;
  byte_fallback?: boolean;
}

// SentencePiece scores an unknown character this far below the worst piece.
const UNK_PENALTY = 10;

/**
 * Viterbi segmentation: the split of a piece into vocabulary entries with the largest total
 * log-probability (score). A character no entry covers becomes the unknown token, scored below
 * every real piece; consecutive unknowns fuse into one, as SentencePiece does. Byte fallback
 * (`<0xNN>` pieces) is not implemented: such characters count as unknown.
 */
export function createUnigram(spec: UnigramSpec): {
  tokenize: (piece: string) => number[];
  unkId: number | undefined;
  vocab: ReadonlyMap<string, number>;
} {
  const vocab = new Map<string, number>();
  const scores: number[] = [];
  let minScore = Infinity;
  let longest = 0;
  spec.vocab.forEach(([token, score], id) => {
    if (!vocab.has(token)) vocab.set(token, id);
    scores[id] = score;
    minScore = Math.min(minScore, score);
    longest = Math.max(longest, Array.from(token).length);
  });
  const unkId = spec.unk_id ?? undefined;
  const unkScore = (Number.isFinite(minScore) ? minScore : 0) - UNK_PENALTY;

  return {
    unkId,
    vocab,
    tokenize(piece) {
      const chars = Array.from(piece);
      const n = chars.length;
      // best[i]: the best score of chars[0, i); from[i]: where its last token starts and its id.
      const best = new Float64Array(n + 1).fill(-Infinity);
      const fromStart = new Int32Array(n + 1);
      const fromId = new Int32Array(n + 1);
      best[0] = 0;
      for (let end = 1; end <= n; end++) {
        for (let start = Math.max(0, end - longest); start < end; start++) {
          if (best[start] === -Infinity) continue;
          const id = vocab.get(chars.slice(start, end).join(""));
          if (id === undefined) continue;
          const s = best[start]! + scores[id]!;
          if (s > best[end]!) {
            best[end] = s;
            fromStart[end] = start;
            fromId[end] = id;
          }
        }
        // A single unknown character keeps the lattice connected.
        const viaUnk = best[end - 1]! + unkScore;
        if (best[end] === -Infinity || viaUnk > best[end]!) {
          best[end] = viaUnk;
          fromStart[end] = end - 1;
          fromId[end] = -1;
        }
      }
      const ids: number[] = [];
      for (let end = n; end > 0; end = fromStart[end]!) ids.push(fromId[end]!);
      ids.reverse();
      const out: number[] = [];
      for (const id of ids) {
        if (id >= 0) out.push(id);
        else if (unkId !== undefined && out.at(-1) !== unkId) out.push(unkId);
      }
      return out;
    },
  };
}
