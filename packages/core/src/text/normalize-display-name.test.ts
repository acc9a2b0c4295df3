import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { DISPLAY_NAME_MAX_LENGTH, normalizeDisplayName } from "./normalize-display-name.ts";

describe("normalizeDisplayName", () => {
  it.each([
    ["  Vera Viewer ", "Vera Viewer"],
    ["x".repeat(50), "x".repeat(50)],
    // Code points: fifty emoji are fifty characters.
    ["🎉".repeat(50), "🎉".repeat(50)],
    ["ليلى", "ليلى"],
  ])("accepts %j as %j", (name, expected) => {
    expect(normalizeDisplayName(name)).toBe(expected);
  });

  it.each([
    ["Vera\u202Eresu", /text-direction control \(character 5\)/],
    ["Vera\u2066x", /text-direction control/],
    ["Vera\nViewer", /line break/],
    ["Vera\u0007", /control character/],
    ["Vera\uD800", /broken/],
    ["x".repeat(15_000), /at most 50 characters; this one has 15000/],
    ["x".repeat(51), /at most 50 characters/],
    ["   ", /cannot be empty/],
  ])("refuses %j with INVALID_INPUT", (name, message) => {
    expect(() => normalizeDisplayName(name)).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.INVALID_INPUT,
        message: expect.stringMatching(message),
      }),
    );
  });

  it("returns a name it accepts unchanged when given it again, within the limit", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (name) => {
        let normalized: string;
        try {
          normalized = normalizeDisplayName(name);
        } catch {
          return;
        }
        expect(normalizeDisplayName(normalized)).toBe(normalized);
        expect([...normalized].length).toBeLessThanOrEqual(DISPLAY_NAME_MAX_LENGTH);
      }),
    );
  });
});
