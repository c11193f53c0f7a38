import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import type { RunningStudy } from "@useralign/web";
import { runCli } from "./fake-io.js";

const STUDY = fileURLToPath(new URL("../../../examples/study.json", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "useralign-serve-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const load = () => import("@useralign/web");

describe("useralign serve", () => {
  it("starts the study, prints the participant and admin URLs, serves, and stops cleanly", async () => {
    let seen: { study: unknown; admin: number; noToken: number } | null = null;
    const stop = async (running: RunningStudy) => {
      const study = await (await fetch(`${running.url}/api/study`)).json();
      const admin = (await fetch(`${running.url}/api/admin/summary`, { headers: { authorization: "Bearer from-env" } })).status;
      const noToken = (await fetch(`${running.url}/api/admin/summary`)).status;
      seen = { study, admin, noToken };
    };
    const r = await runCli(
      ["serve", "--study", STUDY, "--port", "0", "--db", join(dir, "s.sqlite")],
      {},
      { serve: { load, stop, env: { USERALIGN_ADMIN_TOKEN: "from-env" } } },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Study "Which answer is better\?" is running \(sqlite storage\)\./);
    expect(r.stdout).toMatch(/participants: http:\/\/127\.0\.0\.1:\d+\//);
    // The token is never printed: stdout ends up in logs.
    expect(r.stdout).toMatch(/admin: +http:\/\/127\.0\.0\.1:\d+\/admin \(sign in with your admin token\)/);
    expect(r.stdout + r.stderr).not.toContain("from-env");
    expect(seen).toEqual({ study: { title: "Which answer is better?", intro: expect.any(String) }, admin: 200, noToken: 401 });
    expect(r.stderr).toBe("Stopped.\n");
  });

  it("needs --study, and reports a bad study file as bad input", async () => {
    const missing = await runCli(["serve"], {}, { serve: { load } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("serve needs --study FILE.");
    const bad = await runCli(["serve", "--study", join(dir, "nope.json"), "--port", "0"], {}, { serve: { load } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Cannot read study file");
    expect((await runCli(["serve", "--study", STUDY, "--port", "70000"], {}, { serve: { load } })).stderr).toContain(
      "--port must be at most 65535",
    );
  });

  it("is listed in the help", async () => {
    expect((await runCli(["--help"])).stdout).toContain("serve --study FILE");
    expect((await runCli(["serve", "--help"])).stdout).toContain("--db PATH|URL");
  });
});
