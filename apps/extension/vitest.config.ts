import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Pages render React components; happy-dom gives them a document without a browser.
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
  },
});
