import { configDefaults, defineConfig } from "vitest/config";

/**
 * The end-to-end run: the API as its own process on a fresh embedded PostgreSQL, the extension
 * built against it and loaded in Debian's Chromium. One file, steps in order; about 1 to 2 minutes.
 * The Firefox run has its own config (vitest.firefox.config.ts, `pnpm e2e:firefox`).
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.test.ts"],
    exclude: [...configDefaults.exclude, "e2e/firefox.e2e.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
