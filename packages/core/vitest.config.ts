import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    // Property tests run thousands of cases; on a loaded 2-core machine some take over 5 s.
    testTimeout: 30_000,
  },
});
