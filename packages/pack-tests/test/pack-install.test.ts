import { launchChromium, describeWithChromium } from "@useralign/browser-tests/chromium";
import { openOfflinePage, PAGE_CSP, pageHtml, type ServedFile } from "@useralign/browser-tests/offline-page";
import { build as esbuild, transform } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Browser } from "playwright-core";
import { build as viteBuild } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsumerProject, npm, packAll, sh } from "../src/consumer-project.js";
import { readmeExample, toCommonJs } from "../src/readme-example.js";
import { entryPoints, installClosure, publishablePackages, REPO_ROOT } from "../src/workspace-packages.js";
import { BROWSER_ENTRY, CTS_CONSUMER, VITE_ENTRY } from "./fixtures.js";

// Everything happens as a new user would: `pnpm pack` of each publishable package, then plain npm
// installing the tarballs into a clean project under the OS temp dir (no workspace, npm's cache
// inside the temp dir). Needs `pnpm build` first, like the other tests of built output.
//
// `@useralign/web` is installed in its own step: it is the one package with a native build
// (better-sqlite3), and the CLI must install and run `choose` without it.

const ALL = publishablePackages();
const WITHOUT_WEB = ALL.filter((p) => p.name !== "@useralign/web");
// READMEs whose first example runs as it is, offline. llm's needs a chat server and web's is run
// by the CLI test; solver-conformance's is a test file; the CLI's are shell commands.
const RUNNABLE = [
  "@useralign/conic",
  "@useralign/core",
  "@useralign/domains",
  "@useralign/embeddings",
  "@useralign/experiments",
  "@useralign/simulators",
  "@useralign/solver-conic",
  "@useralign/solver-highs",
];
const TYPECHECKED = [...RUNNABLE, "@useralign/llm"];

const root = mkdtempSync(join(tmpdir(), "useralign-pack-"));
const project = join(root, "consumer");
let tarballs: Map<string, string>;

beforeAll(() => {
  tarballs = packAll(ALL, join(root, "tarballs"));
  createConsumerProject(project, new Map([...tarballs].filter(([name]) => name !== "@useralign/web")));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const node = (args: readonly string[]) => sh(process.execPath, args, project);
const installed = (name: string) => join(project, "node_modules", name);
const esmFromTs = async (ts: string) => (await transform(ts, { loader: "ts", format: "esm", target: "es2022" })).code;

describe("packed tarballs installed with npm into a clean project", () => {
  it("packs every publishable package, with no workspace: ranges left", () => {
    expect([...tarballs.keys()].sort()).toEqual(ALL.map((p) => p.name));
    for (const pkg of WITHOUT_WEB) {
      const manifest = readFileSync(join(installed(pkg.name), "package.json"), "utf8");
      expect(manifest, pkg.name).not.toContain("workspace:");
      for (const field of ["repository", "homepage", "bugs", "engines", "keywords"])
        expect(JSON.parse(manifest), `${pkg.name} ${field}`).toHaveProperty(field);
    }
  });

  it("holds one copy of @useralign/core (the packages take it as a peer), and npm ls is clean", () => {
    const nested = WITHOUT_WEB.filter((p) => existsSync(join(installed(p.name), "node_modules", "@useralign")));
    expect(nested.map((p) => p.name)).toEqual([]);
    npm(project, ["ls", "--all"]); // throws on a missing or invalid peer
  });

  it("loads every entry point with import() and with require(), as the same module", () => {
    const specifiers = WITHOUT_WEB.filter((p) => p.name !== "@useralign/cli").flatMap(entryPoints);
    writeFileSync(
      join(project, "entry-points.mjs"),
      `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const out = {};
for (const s of ${JSON.stringify(specifiers)}) {
  const esm = await import(s);
  const cjs = require(s);
  out[s] = Object.keys(esm).length > 0 && Object.keys(esm).every((k) => esm[k] === cjs[k]);
}
console.log(JSON.stringify(out));
`,
    );
    const result = JSON.parse(node(["entry-points.mjs"])) as Record<string, boolean>;
    expect(Object.keys(result)).toEqual(specifiers);
    expect(Object.entries(result).filter(([, same]) => !same)).toEqual([]);
  });

  it("one UserAlignError class across packages: instanceof holds for an error thrown inside a backend package", () => {
    writeFileSync(
      join(project, "one-core.cjs"),
      `const { UserAlignError, createSession } = require("@useralign/core");
const { parsePool } = require("@useralign/domains");
try { parsePool({ nope: 1 }, "bad.json"); } catch (e) { console.log(e instanceof UserAlignError, e.code); }
try { createSession({ features: [] }); } catch (e) { console.log(e instanceof UserAlignError, e.code); }
`,
    );
    expect(node(["one-core.cjs"])).toBe("true invalid_input\ntrue invalid_input\n");
  });

  it.each(RUNNABLE)("runs the README example of %s as ESM and as CommonJS, with the same output", async (name) => {
    const example = readmeExample(readFileSync(join(installed(name), "README.md"), "utf8"));
    expect(example, `${name} README has a ts example`).toBeDefined();
    const esm = await esmFromTs(example!);
    const base = `readme-${name.split("/")[1]}`;
    writeFileSync(join(project, `${base}.mjs`), esm);
    writeFileSync(join(project, `${base}.cjs`), toCommonJs(esm));
    const fromEsm = node([`${base}.mjs`]);
    const fromCjs = node([`${base}.cjs`]);
    expect(fromCjs).toBe(fromEsm);
  });

  it("typechecks a consumer: the README examples as ES modules and a CommonJS file (module nodenext)", () => {
    const dir = join(project, "ts");
    mkdirSync(dir, { recursive: true });
    for (const name of TYPECHECKED)
      writeFileSync(
        join(dir, `readme-${name.split("/")[1]}.mts`),
        `${readmeExample(readFileSync(join(installed(name), "README.md"), "utf8"))!}\nexport {};\n`,
      );
    writeFileSync(join(dir, "consumer.cts"), CTS_CONSUMER);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          lib: ["es2022", "dom"],
          types: [],
          strict: true,
          noEmit: true,
          skipLibCheck: true,
        },
        include: ["*.mts", "*.cts"],
      }),
    );
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    sh(process.execPath, [tsc, "-p", dir], dir);
  });
});

describe("the CLI from its tarball, installed on its own", () => {
  // Its own project: the CLI and the @useralign packages it depends on, as `npx @useralign/cli` gets
  // them — not its optional peers (web, queue) nor the conformance suites (their vitest peer brings
  // prebuilt native binaries of its own).
  const cliProject = join(root, "cli-user");
  const cli = (args: readonly string[]) =>
    sh("npx", ["--no", "--", "@useralign/cli", ...args], cliProject, { npm_config_cache: join(root, "npm-cache") });
  beforeAll(() => {
    const needed = installClosure("@useralign/cli", ALL);
    expect([...needed]).not.toContain("@useralign/web");
    createConsumerProject(cliProject, new Map([...tarballs].filter(([name]) => needed.has(name))));
  });

  it("--version prints the packed version", () => {
    expect(cli(["--version"])).toBe(`${ALL.find((p) => p.name === "@useralign/cli")!.version}\n`);
  });

  it("runs choose on a pool file with no native module installed", () => {
    copyFileSync(join(REPO_ROOT, "examples", "dinner.json"), join(cliProject, "dinner.json"));
    const out = JSON.parse(cli(["choose", "--pool", "dinner.json", "--answers", `script:${Array(60).fill(1).join(",")}`, "--json"])) as {
      choice: number;
      questions: number;
    };
    expect(Number.isInteger(out.choice)).toBe(true);
    expect(out.questions).toBeGreaterThan(0);
    // No native build: no better-sqlite3, no PostgreSQL client, no compiled addon anywhere.
    for (const heavy of ["better-sqlite3", "pg", "bullmq", "@useralign/web", "@useralign/queue", "@useralign/bench"])
      expect(existsSync(join(cliProject, "node_modules", heavy)), heavy).toBe(false);
    expect(sh("find", ["node_modules", "(", "-name", "*.node", "-o", "-name", "binding.gyp", ")", "-type", "f"], cliProject).trim()).toBe(
      "",
    );
  });

  it("serve without @useralign/web says what to install", () => {
    let message = "";
    try {
      cli(["serve", "--study", "study.json"]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(
      '"useralign serve" needs @useralign/web, which is not installed. Install it beside the CLI: npm install @useralign/cli @useralign/web',
    );
  });
});

describeWithChromium("browser bundles of the installed packages (solver-highs included)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    writeFileSync(join(project, "program.js"), BROWSER_ENTRY);
  });
  afterAll(async () => browser?.close());
  const highsWasm = () => readFileSync(join(project, "node_modules", "highs", "build", "highs.wasm"));
  const js = (body: string | Buffer): ServedFile => ({ body, contentType: "text/javascript" });

  async function runPage(files: Record<string, ServedFile>): Promise<unknown> {
    // The page may fetch its own files (the HiGHS wasm); nothing else.
    const page = await openOfflinePage(browser, files, { csp: `${PAGE_CSP}; connect-src 'self'` });
    try {
      await page.page
        .waitForFunction(() => (globalThis as { result?: unknown }).result !== undefined || undefined, undefined, { timeout: 60_000 })
        .catch(() => undefined);
      expect(page.problems).toEqual([]);
      expect(page.blocked).toEqual([]);
      return await page.page.evaluate(() => (globalThis as { result?: unknown }).result);
    } finally {
      await page.context.close();
    }
  }

  it("esbuild (platform browser, node:module external as docs/solvers.md says): same picks as Node", async () => {
    const result = await esbuild({
      entryPoints: [join(project, "program.js")],
      absWorkingDir: project,
      bundle: true,
      platform: "browser",
      format: "esm",
      target: "es2022",
      minify: true,
      write: false,
      external: ["node:module"],
    });
    const picks = await runPage({
      "/index.html": { body: pageHtml("/bundle.js"), contentType: "text/html" },
      "/bundle.js": js(result.outputFiles[0]!.text),
      "/highs.wasm": { body: highsWasm(), contentType: "application/wasm" },
    });
    const inNode = JSON.parse(node(["program.js"]).trim()) as unknown;
    expect(picks).toEqual(inNode);
    expect(picks).toEqual({ structured: expect.any(Number), conic: expect.any(Number), highs: expect.any(Number) });
  });

  it("Vite (production build, the wasm as an asset URL): same picks as Node", async () => {
    const app = join(project, "vite-app");
    mkdirSync(app, { recursive: true });
    writeFileSync(join(app, "index.html"), pageHtml("./main.js"));
    writeFileSync(join(app, "main.js"), VITE_ENTRY);
    copyFileSync(join(project, "program.js"), join(app, "program.js"));
    await viteBuild({ root: app, logLevel: "error", configFile: false, build: { outDir: join(app, "dist"), target: "es2022" } });
    const files: Record<string, ServedFile> = {};
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else
          files[`/${relative(join(app, "dist"), file)}`] = {
            body: readFileSync(file),
            contentType: file.endsWith(".html") ? "text/html" : file.endsWith(".wasm") ? "application/wasm" : "text/javascript",
          };
      }
    };
    walk(join(app, "dist"));
    expect(
      Object.keys(files).some((f) => f.endsWith(".wasm")),
      "Vite emitted the HiGHS wasm",
    ).toBe(true);
    const picks = await runPage(files);
    expect(picks).toEqual(JSON.parse(node(["program.js"]).trim()));
  });
});
