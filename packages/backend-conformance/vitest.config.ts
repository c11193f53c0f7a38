import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: { name: "backend-conformance", include: ["src/**/*.test.ts", "test/**/*.test.ts"] },
});
