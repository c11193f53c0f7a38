import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: {
    name: "experiments",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Builds dist/ (the worker script) when it is missing or older than the sources.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
  },
});
