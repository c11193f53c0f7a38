import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeBase64 } from "./base64.js";
import { kernelsWasmBase64 } from "./wasm-binary.js";

describe("embedded WebAssembly kernels", () => {
  it("match a fresh compile of assembly/ (run `pnpm build:wasm` after editing it)", () => {
    const script = fileURLToPath(new URL("../../scripts/build-wasm.mjs", import.meta.url));
    const out = execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(out).toContain("matches a fresh compile");
  }, 30_000);

  it("decode from base64 to the bytes Node's decoder gives, starting with the wasm magic", () => {
    const bytes = decodeBase64(kernelsWasmBase64);
    expect(Buffer.from(bytes).equals(Buffer.from(kernelsWasmBase64, "base64"))).toBe(true);
    expect([...bytes.subarray(0, 4)]).toEqual([0x00, 0x61, 0x73, 0x6d]);
    for (const sample of ["", "QQ==", "QUI=", "QUJD", "/+8A"]) {
      expect(Buffer.from(decodeBase64(sample)).equals(Buffer.from(sample, "base64"))).toBe(true);
    }
    expect(() => decodeBase64("QU!D")).toThrow(/invalid base64/);
  });
});
