import { defineConfig } from "vitest/config";
import e2e from "./vitest.e2e.config.ts";

/**
 * The end-to-end run in Debian's firefox-esr over WebDriver BiDi (Puppeteer), on its own ports
 * (API 3300, PostgreSQL 54430). About 1 to 1.5 minutes, most of it the build and the API's start.
 */
export default defineConfig({
  test: { ...e2e.test, include: ["e2e/firefox.e2e.test.ts"], exclude: [] },
});
