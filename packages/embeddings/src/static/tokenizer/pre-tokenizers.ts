import { escapeRegExp } from "./normalizers.js";
import { isBertPunctuation } from "./unicode.js";

/** Splits a normalized text into the pieces the model tokenizes one by one (HF `pre_tokenizer`). */
export type PreTokenize = (text: string) => string[];

/** How a `Split` or `Punctuation` pre-tokenizer treats the matched delimiter. */
export type SplitBehavior = "Removed" | "Isolated" | "MergedWithPrevious" | "MergedWithNext" | "Contiguous";

/** The `pre_tokenizer` entries of tokenizer.json this package implements. */
export type PreTokenizerSpec =
  | { type: "BertPreTokenizer" }
  | { type: "Whitespace" }
  | { type: "WhitespaceSplit" }
  | { type: "Punctuation"; behavior?: SplitBehavior }
  | { type: "Digits"; individual_digits?: boolean }
  | { type: "Metaspace"; replacement?: string; prepend_scheme?: "always" | "first" | "never"; add_prefix_space?: boolean; split?: boolean }
  | { type: "Split"; pattern: { String: string } | { Regex: string }; behavior: SplitBehavior; invert?: boolean }
  | { type: "Sequence"; pretokenizers: PreTokenizerSpec[] };

/**
 * Splits `text` at every match of `pattern` (global), keeping or attaching the matches as
 * `behavior` says. Empty pieces are dropped, as in the Rust library.
 */
export function splitBy(text: string, pattern: RegExp, behavior: SplitBehavior): string[] {
  const pieces: { text: string; match: boolean }[] = [];
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m[0] === "") continue;
    const at = m.index;
    if (at > last) pieces.push({ text: text.slice(last, at), match: false });
    pieces.push({ text: m[0], match: true });
    last = at + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), match: false });

  const out: string[] = [];
  switch (behavior) {
    case "Removed":
      for (const p of pieces) if (!p.match) out.push(p.text);
      break;
    case "Isolated":
      for (const p of pieces) out.push(p.text);
      break;
    case "Contiguous":
      pieces.forEach((p, i) => {
        if (p.match && i > 0 && pieces[i - 1]!.match) out[out.length - 1] += p.text;
        else out.push(p.text);
      });
      break;
    case "MergedWithPrevious":
      pieces.forEach((p, i) => {
        if (p.match && i > 0 && !pieces[i - 1]!.match) out[out.length - 1] += p.text;
        else out.push(p.text);
      });
      break;
    case "MergedWithNext": {
      let carry = "";
      for (const p of pieces) {
        if (p.match) {
          if (carry !== "") out.push(carry);
          carry = p.text;
        } else {
          out.push(carry + p.text);
          carry = "";
        }
      }
      if (carry !== "") out.push(carry);
      break;
    }
  }
  return out.filter((s) => s !== "");
}

const PUNCTUATION = /[\p{P}$+<=>^`|~]/gu;

function metaspace(spec: Extract<PreTokenizerSpec, { type: "Metaspace" }>): PreTokenize {
  const replacement = spec.replacement ?? "▁";
  // Older files say add_prefix_space: true/false instead of prepend_scheme.
  const scheme = spec.prepend_scheme ?? (spec.add_prefix_space === false ? "never" : "always");
  const split = spec.split ?? true;
  const marker = new RegExp(escapeRegExp(replacement), "gu");
  return (text) => {
    let t = text.replace(/ /g, replacement);
    if (scheme !== "never" && !t.startsWith(replacement)) t = replacement + t;
    return split ? splitBy(t, marker, "MergedWithNext") : [t];
  };
}

/**
 * Builds the pre-tokenizer a spec describes. `Sequence` applies each step to every piece the
 * previous steps produced. `prepend_scheme: "first"` is treated as `always`: with no added
 * tokens splitting the text first (we do not split on them), the two agree.
 */
export function createPreTokenizer(spec: PreTokenizerSpec | null | undefined): PreTokenize {
  if (!spec) return (t) => (t === "" ? [] : [t]);
  switch (spec.type) {
    case "BertPreTokenizer":
      return (text) => {
        const out: string[] = [];
        for (const word of text.split(/\s+/u)) {
          let current = "";
          for (const ch of word) {
            if (isBertPunctuation(ch)) {
              if (current !== "") out.push(current);
              out.push(ch);
              current = "";
            } else current += ch;
          }
          if (current !== "") out.push(current);
        }
        return out;
      };
    case "Whitespace":
      // Rust's \w is Unicode-aware; JavaScript's is ASCII even with the u flag.
      return (text) => text.match(/[\p{L}\p{N}\p{M}\p{Pc}]+|[^\p{L}\p{N}\p{M}\p{Pc}\s]+/gu) ?? [];
    case "WhitespaceSplit":
      return (text) => text.split(/\s+/u).filter((s) => s !== "");
    case "Punctuation":
      return (text) => splitBy(text, PUNCTUATION, spec.behavior ?? "Isolated");
    case "Digits":
      return (text) => splitBy(text, spec.individual_digits ? /\p{N}/gu : /\p{N}+/gu, "Isolated");
    case "Metaspace":
      return metaspace(spec);
    case "Split": {
      if (spec.invert) throw new Error("Split with invert: true is not supported");
      const pattern = "String" in spec.pattern ? new RegExp(escapeRegExp(spec.pattern.String), "gu") : new RegExp(spec.pattern.Regex, "gu");
      return (text) => splitBy(text, pattern, spec.behavior);
    }
    case "Sequence": {
      const steps = spec.pretokenizers.map(createPreTokenizer);
      return (text) => steps.reduce<string[]>((pieces, step) => pieces.flatMap(step), [text]);
    }
  }
}
