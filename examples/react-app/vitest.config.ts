import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: {
    name: "example-react-app",
    include: ["test/**/*.test.ts"],
    // A Vite build and Chromium on a busy two-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
