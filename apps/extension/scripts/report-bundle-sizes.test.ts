import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs build script, without type declarations
import { BUDGETS, bundleName, checkBudgets } from "./report-bundle-sizes.mjs";

describe("checkBudgets", () => {
  it("passes scripts within their budgets and ignores stylesheets and pages", () => {
    expect(
      checkBudgets([
        { file: "detector.8d1e7514.js", bytes: 3_400, gzipBytes: 1_400 },
        { file: "static/background/index.js", bytes: 87_000, gzipBytes: 29_000 },
        { file: "options.26e65c04.css", bytes: 10_000_000, gzipBytes: 1 },
      ]),
    ).toEqual([]);
  });

  it("fails a detector of 10 KB or more, and any script over its budget", () => {
    const problems = checkBudgets([
      { file: "detector.8d1e7514.js", bytes: 10_001, gzipBytes: 4_000 },
      { file: "tabs/panel.3d10729b.js", bytes: BUDGETS["tabs/panel"] + 1, gzipBytes: 1 },
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("detector.8d1e7514.js is 10001 bytes, over its budget");
  });

  it("fails a new script that has no budget", () => {
    expect(checkBudgets([{ file: "tabs/new.0123abcd.js", bytes: 1, gzipBytes: 1 }])).toEqual([
      expect.stringContaining('add "tabs/new" to BUDGETS'),
    ]);
  });

  it("names a bundle without its content hash", () => {
    expect(bundleName("launcher.20b7f07a.js")).toBe("launcher");
    expect(bundleName("static/background/index.js")).toBe("static/background/index");
  });
});
