import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { defineConfig, type Plugin } from "vitest/config";

/**
 * Plasmo's `data-text:` import (a file's text as a string) for the tests. The module id must not
 * end in .css, or Vitest's CSS handling empties it.
 */
function dataText(): Plugin {
  const prefix = "\0data-text:";
  const suffix = ".text";
  return {
    name: "plasmo-data-text",
    enforce: "pre",
    resolveId(source, importer) {
      if (!source.startsWith("data-text:") || importer === undefined) return null;
      const path = source.slice("data-text:".length);
      // A relative path, or a package's file such as @coinstream/ui-styles/stream-effects.css.
      const file = path.startsWith(".")
        ? resolve(dirname(importer), path)
        : createRequire(importer).resolve(path);
      return `${prefix}${file}${suffix}`;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const text = readFileSync(id.slice(prefix.length, -suffix.length), "utf8");
      return `export default ${JSON.stringify(text)};`;
    },
  };
}

export default defineConfig({
  plugins: [dataText()],
  test: {
    // Pages render React components; happy-dom gives them a document without a browser.
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
  },
});
