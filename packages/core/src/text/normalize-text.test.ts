import { describe, expect, it } from "vitest";
import { normalizeText, type TextRules } from "./normalize-text.ts";

const oneLine: TextRules = { what: "A message", maxLength: 10, allowLineBreaks: false };
const multiLine: TextRules = { ...oneLine, allowLineBreaks: true };

describe("normalizeText", () => {
  it.each([
    ["  hello  ", oneLine, "hello"],
    ["ten chars!", oneLine, "ten chars!"],
    // Code points, not UTF-16 units: ten emoji are ten characters.
    ["🎉".repeat(10), oneLine, "🎉".repeat(10)],
    ["a\r\nb\n", multiLine, "a\nb"],
  ] as const)("accepts %j as %j when it follows the rules", (text, rules, expected) => {
    expect(normalizeText(text, rules)).toBe(expected);
  });

  it.each([
    ["", oneLine, "cannot be empty"],
    [" \t ", oneLine, "cannot be empty"],
    ["eleven char", oneLine, "at most 10 characters; this one has 11"],
    ["🎉".repeat(11), oneLine, "at most 10 characters"],
    ["a\nb", oneLine, "a line break"],
    ["a\rb", multiLine, "a line break"],
    ["a\u2028b", multiLine, "a line break"],
    ["a\u0007b", multiLine, "a control character"],
    ["a\u0085b", oneLine, "a line break"],
    ["a\u009bb", oneLine, "a control character"],
    ["a\u202eb", oneLine, "a text-direction control"],
    ["a\u2067b", oneLine, "a text-direction control"],
    ["a\ud800b", oneLine, "a broken (unpaired) character"],
  ] as const)("refuses %j with INVALID_INPUT saying %s", (text, rules, says) => {
    expect(() => normalizeText(text, rules)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining(says) }),
    );
  });
});
