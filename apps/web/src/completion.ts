import { createHmac, timingSafeEqual } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** Characters of a participant code: 16 × 5 = 80 bits of an HMAC, far beyond guessing. */
const CODE_LENGTH = 16;

/**
 * A participant's own completion code: an HMAC-SHA256 of the participant id under the study's
 * server secret, in base32. Only the server can make one, so a code pasted into a platform proves
 * that this participant reached the end (the id alone, which the browser holds, does not).
 */
export function participantCode(secret: string, participantId: string): string {
  const mac = createHmac("sha256", secret).update(`completion:${participantId}`).digest();
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of mac) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < CODE_LENGTH) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Whether `code` is `participantId`'s code (constant-time; case and spaces ignored). */
export function codeMatches(secret: string, participantId: string, code: string): boolean {
  const given = Buffer.from(code.replace(/\s+/g, "").toUpperCase());
  const expected = Buffer.from(participantCode(secret, participantId));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Fills a redirect template: `{code}` (the fixed study code), `{participantCode}` and `{NAME}` for
 * a captured URL parameter, each URL-encoded; unknown placeholders become empty.
 */
export function fillRedirect(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}
