import { defineConfig } from "vitest/config";

// Tests run from TypeScript source through the private `@useralign/source` export condition,
// so no package has to be built before its dependents' tests.
export default defineConfig({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: {
    projects: ["packages/*", "apps/*", "benchmarks", "examples/react-app"],
    pool: "forks",
    // The JSON report feeds the one-line pass/fail summary that .ci/run prints.
    reporters: ["default", ["json", { outputFile: ".vitest-results.json" }]],
    maxWorkers: 2,
  },
});
