import * as z from "zod";
import { EmbeddingError } from "../errors.js";
import { bfloat16ToNumber, float16ToNumber, numberToFloat16 } from "./float16.js";

/** Element types of the safetensors format and their sizes in bytes. */
export const SAFETENSORS_DTYPE_BYTES = {
  F64: 8,
  F32: 4,
  F16: 2,
  BF16: 2,
  I64: 8,
  I32: 4,
  I16: 2,
  I8: 1,
  U8: 1,
  BOOL: 1,
} as const;

/** A safetensors element type this package reads. */
export type SafetensorsDtype = keyof typeof SAFETENSORS_DTYPE_BYTES;

/** One tensor of a safetensors file: its type, shape and raw little-endian bytes (a view). */
export interface SafeTensor {
  readonly name: string;
  readonly dtype: SafetensorsDtype;
  readonly shape: readonly number[];
  readonly bytes: Uint8Array;
}

/** A parsed safetensors file: tensors by name and the optional `__metadata__` strings. */
export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, SafeTensor>;
  readonly metadata: Readonly<Record<string, string>>;
}

const entrySchema = z
  .object({
    dtype: z.string(),
    shape: z.array(z.number().int().nonnegative()),
    data_offsets: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  })
  .strict();

/**
 * Parses a safetensors file from its bytes (no copy of the tensor data): an 8-byte little-endian
 * header length N, N bytes of JSON `{name: {dtype, shape, data_offsets: [begin, end]}, …,
 * "__metadata__"?: {…}}`, then the data, offsets relative to its start. Throws `model_format`
 * naming the tensor when the header is not JSON, a field is missing, a dtype is unknown, or a
 * tensor's byte range is out of bounds or does not match its shape.
 */
export function parseSafetensors(bytes: Uint8Array, source = "model.safetensors"): SafetensorsFile {
  const fail = (message: string): never => {
    throw new EmbeddingError("model_format", `${source}: ${message}`);
  };
  if (bytes.byteLength < 8) fail(`${bytes.byteLength} bytes is too short for a safetensors file (8-byte header length missing).`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  if (headerLength > BigInt(bytes.byteLength - 8)) fail(`the header claims ${headerLength} bytes but only ${bytes.byteLength - 8} follow.`);
  const n = Number(headerLength);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch (e) {
    fail(`the header is not JSON: ${(e as Error).message}`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) fail("the header is not a JSON object.");
  const dataStart = 8 + n;
  const dataLength = bytes.byteLength - dataStart;
  const tensors = new Map<string, SafeTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header as Record<string, unknown>)) {
    if (name === "__metadata__") {
      const m = z.record(z.string(), z.string()).safeParse(raw);
      if (!m.success) fail(`__metadata__ must map strings to strings.`);
      metadata = m.data!;
      continue;
    }
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) {
      const issue = entry.error.issues[0]!;
      fail(`tensor "${name}": ${issue.path.join(".") || "entry"}: ${issue.message}`);
    }
    const {
      dtype,
      shape,
      data_offsets: [begin, end],
    } = entry.data!;
    if (!(dtype in SAFETENSORS_DTYPE_BYTES))
      fail(`tensor "${name}" has dtype ${dtype}; supported: ${Object.keys(SAFETENSORS_DTYPE_BYTES).join(", ")}.`);
    if (end < begin || end > dataLength) fail(`tensor "${name}" spans bytes ${begin}–${end} but the data section has ${dataLength}.`);
    const elements = shape.reduce((a, b) => a * b, 1);
    const expected = elements * SAFETENSORS_DTYPE_BYTES[dtype as SafetensorsDtype];
    if (end - begin !== expected)
      fail(`tensor "${name}" (${dtype}, shape [${shape.join(", ")}]) needs ${expected} bytes but spans ${end - begin}.`);
    tensors.set(name, { name, dtype: dtype as SafetensorsDtype, shape, bytes: bytes.subarray(dataStart + begin, dataStart + end) });
  }
  return { tensors, metadata };
}

/** A floating-point or integer tensor's values as float32 (lossless for F16/BF16/I8/I16). */
export function tensorToFloat32(tensor: SafeTensor): Float32Array {
  const { bytes, dtype } = tensor;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = SAFETENSORS_DTYPE_BYTES[dtype];
  const count = bytes.byteLength / size;
  const out = new Float32Array(count);
  switch (dtype) {
    case "F32":
      // The data need not be 4-byte aligned inside the file, so a typed view is not always possible.
      if (bytes.byteOffset % 4 === 0 && littleEndian()) out.set(new Float32Array(bytes.buffer, bytes.byteOffset, count));
      else for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true);
      break;
    case "F16":
      for (let i = 0; i < count; i++) out[i] = float16ToNumber(view.getUint16(i * 2, true));
      break;
    case "BF16": {
      const scratch = new DataView(new ArrayBuffer(4));
      for (let i = 0; i < count; i++) out[i] = bfloat16ToNumber(view.getUint16(i * 2, true), scratch);
      break;
    }
    case "F64":
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
      break;
    case "I8":
      for (let i = 0; i < count; i++) out[i] = view.getInt8(i);
      break;
    case "U8":
    case "BOOL":
      for (let i = 0; i < count; i++) out[i] = view.getUint8(i);
      break;
    case "I16":
      for (let i = 0; i < count; i++) out[i] = view.getInt16(i * 2, true);
      break;
    case "I32":
      for (let i = 0; i < count; i++) out[i] = view.getInt32(i * 4, true);
      break;
    case "I64":
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(i * 8, true));
      break;
  }
  return out;
}

/** An integer tensor's values (for index tables such as Model2Vec's `mapping`). */
export function tensorToIntegers(tensor: SafeTensor): Int32Array {
  if (tensor.dtype !== "I32" && tensor.dtype !== "I64" && tensor.dtype !== "I16" && tensor.dtype !== "I8" && tensor.dtype !== "U8") {
    throw new EmbeddingError("model_format", `tensor "${tensor.name}" must hold integers; it is ${tensor.dtype}.`);
  }
  return Int32Array.from(tensorToFloat32(tensor));
}

let endianness: boolean | undefined;
function littleEndian(): boolean {
  endianness ??= new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return endianness;
}

/**
 * Writes a safetensors file (for tests and conversions): tensors in the given order, F32 or F16
 * from numbers, header padded with spaces to a multiple of 8 bytes as the reference writer does.
 */
export function writeSafetensors(
  tensors: readonly { name: string; dtype: "F32" | "F16" | "I32"; shape: readonly number[]; values: ArrayLike<number> }[],
  metadata?: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata) header["__metadata__"] = metadata;
  let offset = 0;
  for (const t of tensors) {
    const size = t.values.length * SAFETENSORS_DTYPE_BYTES[t.dtype];
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = JSON.stringify(header);
  const encoder = new TextEncoder();
  while (encoder.encode(json).byteLength % 8 !== 0) json += " ";
  const headerBytes = encoder.encode(json);
  const out = new Uint8Array(8 + headerBytes.byteLength + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(headerBytes.byteLength), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.byteLength;
  for (const t of tensors) {
    for (let i = 0; i < t.values.length; i++) {
      const v = t.values[i]!;
      if (t.dtype === "F32") view.setFloat32(at + i * 4, v, true);
      else if (t.dtype === "I32") view.setInt32(at + i * 4, v, true);
      else view.setUint16(at + i * 2, numberToFloat16(v), true);
    }
    at += t.values.length * SAFETENSORS_DTYPE_BYTES[t.dtype];
  }
  return out;
}
