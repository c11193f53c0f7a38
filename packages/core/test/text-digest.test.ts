import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSession, restoreSession } from "../src/index.js";
import { textDigest, textDigestOfBytes } from "../src/session/digest.js";

describe("textDigest", () => {
  it("equals the digest of the text's UTF-16 bytes for any string (lone surrogates, astral, empty)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => textDigest(s) === textDigestOfBytes(s)),
      { numRuns: 3000 },
    );
    for (const s of ["", "a", "\u{1F600}", "\uD800", "\uFFFF\u0000", "é".repeat(1000)]) expect(textDigest(s)).toBe(textDigestOfBytes(s));
  });

  it("keeps the check of a snapshot saved with the byte-array digest (persisted sessions still restore)", () => {
    // Digests printed by the byte-array implementation (core before this change).
    expect(textDigest('["useralign-session",2]')).toBe("e9694142e527daff");
    expect(textDigest("é\u{1F600}\uD800x")).toBe("2af68f47d86ea56c");
    const features = [
      [0.1, 0.2],
      [-0.2, 0.1],
      [0.3, -0.1],
    ];
    const s = createSession({ features, method: "useralign", seed: 3 });
    const q = s.next();
    if (q.status !== "question") throw new Error("expected a question");
    s.answer({ winner: q.pair[0], question: q.question });
    const snap = s.toJSON();
    expect(() => restoreSession(JSON.parse(JSON.stringify(snap)))).not.toThrow();
    expect(restoreSession(snap).toJSON()).toEqual(snap);
  });
});
