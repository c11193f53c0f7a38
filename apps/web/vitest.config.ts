import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: {
    name: "web",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Browser, PostgreSQL and load tests start processes and servers: give them room on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser polls wait for a loaded machine (the default second is too short with ~8 other jobs).
    expect: { poll: { timeout: 15_000 } },
  },
});
