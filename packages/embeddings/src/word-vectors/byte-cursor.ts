import { EmbeddingError } from "../errors.js";

const decoder = new TextDecoder("utf-8", { fatal: false });

// Powers of ten for the fast decimal parser; past 22 digits doubles stop being exact, and word
// vector files never carry that many, so longer numbers go through parseFloat instead.
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A forward-only reader over the bytes of a word-vector file. Vector files run to hundreds of MB:
 * reading numbers straight from the bytes into a Float32Array avoids building the file as a
 * string and 30 million boxed numbers (what `JSON.parse` would do).
 */
export class ByteCursor {
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    /** Names the file in error messages. */
    readonly source: string,
  ) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** The byte at the cursor (−1 at the end). */
  peek(): number {
    return this.pos < this.bytes.length ? this.bytes[this.pos]! : -1;
  }

  /** Skips spaces, tabs, carriage returns and (unless `stopAtNewline`) newlines. */
  skipSpace(stopAtNewline = false): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (c === 0x20 || c === 0x09 || c === 0x0d || (c === 0x0a && !stopAtNewline)) this.pos++;
      else break;
    }
  }

  /** Consumes `char` (after optional white space) or throws a format error naming what was expected. */
  expect(char: string, what: string): void {
    this.skipSpace();
    if (this.peek() !== char.charCodeAt(0)) throw this.error(`expected ${what}`);
    this.pos++;
  }

  /** Reads a JSON string literal (the cursor on its opening quote). */
  jsonString(): string {
    this.expect('"', "a string");
    const b = this.bytes;
    const start = this.pos;
    let escaped = false;
    while (this.pos < b.length && b[this.pos] !== 0x22) {
      if (b[this.pos] === 0x5c) {
        escaped = true;
        this.pos++;
      }
      this.pos++;
    }
    if (this.pos >= b.length) throw this.error("unterminated string");
    const raw = decoder.decode(b.subarray(start, this.pos));
    this.pos++;
    return escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
  }

  /** Skips one JSON value of any kind (strings are scanned for their closing quote only). */
  skipValue(): void {
    this.skipSpace();
    const b = this.bytes;
    let depth = 0;
    do {
      const c = this.peek();
      if (c === -1) throw this.error("unexpected end of file");
      if (c === 0x22) {
        this.pos++;
        while (this.pos < b.length && b[this.pos] !== 0x22) this.pos += b[this.pos] === 0x5c ? 2 : 1;
        this.pos++;
      } else if (c === 0x5b || c === 0x7b) {
        depth++;
        this.pos++;
      } else if (c === 0x5d || c === 0x7d) {
        if (depth === 0) return;
        depth--;
        this.pos++;
      } else if (c === 0x2c && depth === 0) {
        return;
      } else {
        this.pos++;
      }
    } while (depth > 0 || (this.peek() !== 0x2c && this.peek() !== 0x7d && this.peek() !== 0x5d && this.peek() !== -1));
  }

  /** Reads bytes up to the next space, tab or line end, decoded as UTF-8 (a GloVe word). */
  token(): string {
    const b = this.bytes;
    const start = this.pos;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) break;
      this.pos++;
    }
    return decoder.decode(b.subarray(start, this.pos));
  }

  /** Reads a decimal number (JSON or C syntax: sign, digits, fraction, exponent). */
  number(): number {
    const b = this.bytes;
    const start = this.pos;
    let i = start;
    let negative = false;
    if (b[i] === 0x2d) (negative = true), i++;
    else if (b[i] === 0x2b) i++;
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    while (i < b.length && b[i]! >= 0x30 && b[i]! <= 0x39) (mantissa = mantissa * 10 + (b[i]! - 0x30)), digits++, i++;
    if (b[i] === 0x2e) {
      i++;
      while (i < b.length && b[i]! >= 0x30 && b[i]! <= 0x39) (mantissa = mantissa * 10 + (b[i]! - 0x30)), digits++, scale++, i++;
    }
    if (digits === 0) throw this.error("expected a number");
    let exponent = 0;
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      let expNegative = false;
      if (b[i] === 0x2d) (expNegative = true), i++;
      else if (b[i] === 0x2b) i++;
      const expStart = i;
      while (i < b.length && b[i]! >= 0x30 && b[i]! <= 0x39) (exponent = exponent * 10 + (b[i]! - 0x30)), i++;
      if (i === expStart) throw this.error("malformed exponent");
      if (expNegative) exponent = -exponent;
    }
    this.pos = i;
    const power = exponent - scale;
    if (digits > 15 || Math.abs(power) > 22) return Number.parseFloat(decoder.decode(b.subarray(start, i)));
    const value = power >= 0 ? mantissa * POW10[power]! : mantissa / POW10[-power]!;
    return negative ? -value : value;
  }

  /** A `model_format` error at the cursor's position. */
  error(message: string): EmbeddingError {
    return new EmbeddingError("model_format", `${this.source}: ${message} at byte ${this.pos}.`);
  }
}
