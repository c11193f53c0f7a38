import { describe, expect, it } from "vitest";
import { isEmbeddingError } from "../errors.js";
import { parseSafetensors, tensorToFloat32, writeSafetensors } from "./safetensors.js";

/** A file written byte by byte, independent of writeSafetensors. */
function handMade(header: object, data: Uint8Array): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (!isEmbeddingError(e, "model_format")) throw e;
    return e.message;
  }
  throw new Error("did not throw");
}

describe("parseSafetensors", () => {
  it("reads F32, F16 and I32 tensors at unaligned offsets", () => {
    const data = new Uint8Array(4 * 3 + 2 * 2 + 4);
    const view = new DataView(data.buffer);
    [1.5, -2, 0.25].forEach((v, i) => view.setFloat32(i * 4, v, true));
    view.setUint16(12, 0x3c00, true); // 1
    view.setUint16(14, 0xc000, true); // -2
    view.setInt32(16, -7, true);
    // A 5-byte header puts the data at offset 13: nothing is 4-byte aligned.
    const header = {
      a: { dtype: "F32", shape: [3], data_offsets: [0, 12] },
      h: { dtype: "F16", shape: [2], data_offsets: [12, 16] },
      i: { dtype: "I32", shape: [1], data_offsets: [16, 20] },
      __metadata__: { format: "pt" },
    };
    const file = parseSafetensors(handMade(header, data));
    expect(Array.from(tensorToFloat32(file.tensors.get("a")!))).toEqual([1.5, -2, 0.25]);
    expect(Array.from(tensorToFloat32(file.tensors.get("h")!))).toEqual([1, -2]);
    expect(Array.from(tensorToFloat32(file.tensors.get("i")!))).toEqual([-7]);
    expect(file.metadata).toEqual({ format: "pt" });
  });

  it("reads back what writeSafetensors wrote, with an 8-byte aligned header", () => {
    const bytes = writeSafetensors([
      { name: "embeddings", dtype: "F32", shape: [2, 2], values: [1, 2, 3, 4] },
      { name: "half", dtype: "F16", shape: [2], values: [0.5, -0.1] },
    ]);
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
    const file = parseSafetensors(bytes);
    expect(file.tensors.get("embeddings")!.shape).toEqual([2, 2]);
    expect(Array.from(tensorToFloat32(file.tensors.get("half")!))).toEqual([0.5, Math.fround(-0.0999755859375)]);
  });

  it("names what is wrong with a broken file", () => {
    const ok = { t: { dtype: "F32", shape: [2], data_offsets: [0, 8] } };
    expect(messageOf(() => parseSafetensors(new Uint8Array(3)))).toBe(
      "model.safetensors: 3 bytes is too short for a safetensors file (8-byte header length missing).",
    );
    const truncatedHeader = handMade(ok, new Uint8Array(8)).subarray(0, 20);
    expect(messageOf(() => parseSafetensors(truncatedHeader))).toMatch(/the header claims \d+ bytes but only 12 follow/);
    expect(messageOf(() => parseSafetensors(handMade({ t: { dtype: "F32", shape: [2], data_offsets: [0, 8] } }, new Uint8Array(4))))).toBe(
      'model.safetensors: tensor "t" spans bytes 0–8 but the data section has 4.',
    );
    expect(messageOf(() => parseSafetensors(handMade({ t: { dtype: "F32", shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8))))).toBe(
      'model.safetensors: tensor "t" (F32, shape [3]) needs 12 bytes but spans 8.',
    );
    expect(
      messageOf(() => parseSafetensors(handMade({ t: { dtype: "F8_E4M3", shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)))),
    ).toMatch(/tensor "t" has dtype F8_E4M3; supported: F64, F32/);
    expect(messageOf(() => parseSafetensors(handMade({ t: { dtype: "F32", shape: [1] } }, new Uint8Array(4))))).toMatch(
      /tensor "t": data_offsets: /,
    );
    const notJson = handMade({}, new Uint8Array(0));
    notJson[8] = 0x78; // "x{}" is not JSON
    expect(messageOf(() => parseSafetensors(notJson))).toMatch(/^model.safetensors: the header is not JSON/);
  });
});
