import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: {
    name: "browser-tests",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Starting Chromium on a busy two-core machine can take several seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
