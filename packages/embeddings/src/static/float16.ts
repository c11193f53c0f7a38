/** IEEE 754 half precision (binary16) bits → number: 1 sign, 5 exponent, 10 fraction bits. */
export function float16ToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // subnormal: 2^-14 · fraction / 2^10
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 bits → number: the top half of a float32. */
export function bfloat16ToNumber(bits: number, scratch: DataView): number {
  scratch.setUint32(0, bits << 16, true);
  return scratch.getFloat32(0, true);
}

/**
 * number → binary16 bits, rounding to nearest even; overflow becomes ±Infinity. Used to write
 * F16 model files (tests, conversions), never on the embedding path.
 */
export function numberToFloat16(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a === Infinity) return sign | 0x7c00;
  if (a < 2 ** -24 / 2) return sign;
  if (a < 2 ** -14) return sign | roundHalfEven(a / 2 ** -24); // subnormal; 1024 rounds up into the normals
  let exponent = Math.floor(Math.log2(a));
  // log2 can land on the wrong side of an integer for values next to a power of two.
  if (a / 2 ** exponent < 1) exponent -= 1;
  else if (a / 2 ** exponent >= 2) exponent += 1;
  let mantissa = a / 2 ** exponent - 1;
  let fraction = roundHalfEven(mantissa * 1024);
  if (fraction === 1024) {
    fraction = 0;
    exponent += 1;
  }
  if (exponent > 15) return sign | 0x7c00;
  mantissa = fraction;
  return sign | ((exponent + 15) << 10) | mantissa;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
