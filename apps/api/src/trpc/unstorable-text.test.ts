import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findUnstorableText } from "./unstorable-text.ts";

describe("findUnstorableText", () => {
  it.each([
    [
      "plain text, numbers and nesting",
      { to: { handle: "nova" }, count: 3, codes: ["gift"] },
      null,
    ],
    ["emoji and other paired surrogates", { body: "👩‍👩‍👧 𝕏 ok" }, null],
    ["no input", undefined, null],
    ["NUL in a value", { idempotencyKey: "abc\u0000def" }, "idempotencyKey"],
    ["NUL deep in arrays", { caps: [{ a: "x" }, { b: ["\u0000"] }] }, "caps.1.b.0"],
    ["a lone high surrogate", { to: { handle: "ab\ud800" } }, "to.handle"],
    ["a lone low surrogate", { body: "\udfffx" }, "body"],
    ["a reversed pair", { body: "\udc00\ud800" }, "body"],
    ["NUL in a key", { "a\u0000b": 1 }, "a?b"],
    ["a bare string", "\u0000", "input"],
  ])("answers %s with %j", (_what, input, expected) => {
    expect(findUnstorableText(input)).toBe(expected);
  });

  it("walks nesting far deeper than the call stack allows", () => {
    const deep = JSON.parse(`${"[".repeat(200_000)}"\\u0000"${"]".repeat(200_000)}`);
    expect(findUnstorableText(deep)).toMatch(/^0(\.0)+$/);
  });

  it("finds nothing in any well-formed text without NUL", () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter((value) => !JSON.stringify(value).includes("\\u0000")),
        (value) => findUnstorableText(value) === null,
      ),
    );
  });
});
