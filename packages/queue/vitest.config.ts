import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: {
    name: "queue",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Builds dist/ (the worker processes the tests start run the compiled code) when stale.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
  },
});
