import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "pack-tests",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // npm installs the tarballs (and their registry dependencies) into a clean project first.
    testTimeout: 180_000,
    hookTimeout: 600_000,
  },
});
