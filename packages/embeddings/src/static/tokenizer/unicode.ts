/** Character classes shared by the BERT normalizer and pre-tokenizer, as the HF tokenizers define them. */

/** BERT's punctuation: Unicode P* plus the ASCII symbols `$+<=>^`|~` that Unicode files under S*. */
export function isBertPunctuation(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
  return c >= 0x80 && /\p{P}/u.test(ch);
}

/** The CJK Unified Ideograph blocks BERT pads with spaces (it splits Chinese by character). */
export function isChineseChar(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x20000 && c <= 0x2a6df) ||
    (c >= 0x2a700 && c <= 0x2b73f) ||
    (c >= 0x2b740 && c <= 0x2b81f) ||
    (c >= 0x2b820 && c <= 0x2ceaf) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x2f800 && c <= 0x2fa1f)
  );
}

/** Whitespace as BERT sees it: tab, newline and carriage return count, other controls do not. */
export function isBertWhitespace(ch: string): boolean {
  if (ch === " " || ch === "\t" || ch === "\n" || ch === "\r") return true;
  return ch.charCodeAt(0) >= 0x80 && /\p{Zs}/u.test(ch);
}

/** Controls BERT's `clean_text` drops (tab, newline and carriage return are whitespace instead). */
export function isBertControl(ch: string): boolean {
  if (ch === "\t" || ch === "\n" || ch === "\r") return false;
  const c = ch.charCodeAt(0);
  // ASCII fast path: the Unicode classes are only consulted beyond it (the hot loop is per character).
  if (c < 0x80) return c < 0x20 || c === 0x7f;
  return /[\p{Cc}\p{Cf}]/u.test(ch);
}
