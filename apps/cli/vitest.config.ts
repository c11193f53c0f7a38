import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: {
    name: "cli",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Builds dist/ for the end-to-end tests when it is missing or older than src/.
    globalSetup: ["test/global-setup.ts"],
  },
});
