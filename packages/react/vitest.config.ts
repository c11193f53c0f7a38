import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["@useralign/source"] },
  ssr: { resolve: { conditions: ["@useralign/source"] } },
  test: { name: "react", include: ["src/**/*.test.ts", "test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
});
