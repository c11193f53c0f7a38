import { isBertControl, isBertWhitespace, isChineseChar } from "./unicode.js";

/** A text-to-text step applied before splitting (HF `normalizer`). */
export type Normalize = (text: string) => string;

/** The `normalizer` entries of tokenizer.json this package implements. */
export type NormalizerSpec =
  | { type: "BertNormalizer"; clean_text?: boolean; handle_chinese_chars?: boolean; strip_accents?: boolean | null; lowercase?: boolean }
  | { type: "Lowercase" }
  | { type: "NFC" | "NFD" | "NFKC" | "NFKD" }
  | { type: "StripAccents" }
  | { type: "Strip"; strip_left?: boolean; strip_right?: boolean }
  | { type: "Replace"; pattern: { String: string } | { Regex: string }; content: string }
  | { type: "Prepend"; prepend: string }
  | { type: "Precompiled" }
  | { type: "Sequence"; normalizers: NormalizerSpec[] };

const stripAccents = (text: string): string => text.normalize("NFD").replace(/\p{Mn}/gu, "");

function bert(spec: Extract<NormalizerSpec, { type: "BertNormalizer" }>): Normalize {
  const lowercase = spec.lowercase ?? true;
  // HF: strip_accents = null means "whatever lowercase says".
  const strip = spec.strip_accents ?? lowercase;
  return (text) => {
    let out = "";
    for (const ch of text) {
      const c = ch.codePointAt(0)!;
      if (spec.clean_text ?? true) {
        if (c === 0 || c === 0xfffd || isBertControl(ch)) continue;
        if (isBertWhitespace(ch)) {
          out += " ";
          continue;
        }
      }
      out += (spec.handle_chinese_chars ?? true) && isChineseChar(c) ? ` ${ch} ` : ch;
    }
    if (strip) out = stripAccents(out);
    return lowercase ? out.toLowerCase() : out;
  };
}

/**
 * Builds the normalizer a spec describes. `Precompiled` (a SentencePiece character map stored as
 * bytes) is approximated by NFKC, which is what most of those maps encode; texts with rare
 * compatibility characters may tokenize slightly differently from the Rust library.
 */
export function createNormalizer(spec: NormalizerSpec | null | undefined): Normalize {
  if (!spec) return (t) => t;
  switch (spec.type) {
    case "BertNormalizer":
      return bert(spec);
    case "Lowercase":
      return (t) => t.toLowerCase();
    case "NFC":
    case "NFD":
    case "NFKC":
    case "NFKD":
      return (t) => t.normalize(spec.type);
    case "Precompiled":
      return (t) => t.normalize("NFKC");
    case "StripAccents":
      return stripAccents;
    case "Strip": {
      const left = spec.strip_left ?? true;
      const right = spec.strip_right ?? true;
      return (t) => (left && right ? t.trim() : left ? t.trimStart() : right ? t.trimEnd() : t);
    }
    case "Replace": {
      const pattern = "String" in spec.pattern ? new RegExp(escapeRegExp(spec.pattern.String), "gu") : new RegExp(spec.pattern.Regex, "gu");
      return (t) => t.replace(pattern, () => spec.content);
    }
    case "Prepend":
      return (t) => (t === "" ? t : spec.prepend + t);
    case "Sequence": {
      const steps = spec.normalizers.map(createNormalizer);
      return (t) => steps.reduce((acc, step) => step(acc), t);
    }
  }
}

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
