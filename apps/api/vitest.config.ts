import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // A fresh PostgreSQL for the run (embedded, or DATABASE_URL); files call createTestDatabase.
    globalSetup: ["../../packages/db/test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
