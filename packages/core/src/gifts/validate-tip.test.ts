import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode, isDomainError } from "../errors.ts";
import { validateTip } from "./validate-tip.ts";

const invalidInput = expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT });
const codePointCount = (text: string) => [...text].length;
// Line breaks of every kind, C0/C1 controls and the bidi embeddings, overrides and isolates.
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\p{Cs}]/u;

describe("validateTip", () => {
  it.each([1, 250, 1_000_000])("accepts %i coins when within 1..1,000,000", (coins) => {
    expect(validateTip(coins)).toEqual({ coins, message: null, rateCardVersion: "2026-12-01" });
  });

  it.each([0, -5, 1_000_001, 2.5, Number.NaN])("throws INVALID_INPUT when coins is %s", (coins) => {
    expect(() => validateTip(coins, "thanks")).toThrow(invalidInput);
  });

  it.each([undefined, null, "", "   ", " \t\n "])(
    "returns a null message when the message is %j",
    (message) => {
      expect(validateTip(10, message).message).toBeNull();
    },
  );

  it.each([
    ["  great stream!  ", "great stream!"],
    ["\n gg \r\n", "gg"],
    ["🌹 x10 for you", "🌹 x10 for you"],
    ["مرحبا بالجميع", "مرحبا بالجميع"],
    ["👨‍👩‍👧 family", "👨‍👩‍👧 family"],
    ["a\u200Eb", "a\u200Eb"],
  ])("returns %j trimmed to %j when it is one line of text", (message, expected) => {
    expect(validateTip(10, message).message).toBe(expected);
  });

  it.each([
    ["200 letters", "a".repeat(200)],
    ["200 emoji (400 UTF-16 units)", "🌹".repeat(200)],
    ["200 letters inside spaces", `   ${"a".repeat(200)}   `],
  ])("accepts %s when counted as code points after trimming", (_label, message) => {
    expect(codePointCount(validateTip(10, message).message ?? "")).toBe(200);
  });

  it.each([
    ["201 letters", "a".repeat(201)],
    ["201 emoji", "🌹".repeat(201)],
  ])("throws INVALID_INPUT stating the length when the message has %s", (_label, message) => {
    expect(() => validateTip(10, message)).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.INVALID_INPUT,
        message: expect.stringContaining("201"),
      }),
    );
  });

  it.each([
    ["line feed", "\n"],
    ["carriage return", "\r"],
    ["tab", "\t"],
    ["NUL", "\u0000"],
    ["bell", "\u0007"],
    ["DEL", "\u007F"],
    ["next line (C1)", "\u0085"],
    ["line separator", "\u2028"],
    ["paragraph separator", "\u2029"],
    ["LRE", "\u202A"],
    ["RLE", "\u202B"],
    ["PDF", "\u202C"],
    ["LRO", "\u202D"],
    ["RLO", "\u202E"],
    ["LRI", "\u2066"],
    ["RLI", "\u2067"],
    ["FSI", "\u2068"],
    ["PDI", "\u2069"],
    ["lone surrogate", "\uD83C"],
  ])("throws INVALID_INPUT naming the character when the message contains a %s", (_label, char) => {
    const codePoint = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    expect(() => validateTip(10, `nice${char}stream`)).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.INVALID_INPUT,
        message: expect.stringContaining(`${codePoint} at character 5`),
      }),
    );
  });

  it("returns a trimmed, one-line message of 1..200 code points or throws INVALID_INPUT when given any text", () => {
    const text = fc.oneof(
      // Any code point at all, lone surrogates included.
      fc.string({ unit: fc.nat(0x10ffff).map((cp) => String.fromCodePoint(cp)), maxLength: 210 }),
      fc.string({ unit: "grapheme", maxLength: 220 }),
      fc.string({
        unit: fc.constantFrom("a", " ", "\n", "\u202E", "🌹", "\uD800"),
        maxLength: 210,
      }),
    );
    fc.assert(
      fc.property(text, (message) => {
        let result: ReturnType<typeof validateTip>;
        try {
          result = validateTip(10, message);
        } catch (error) {
          expect(isDomainError(error) && error.code === DomainErrorCode.INVALID_INPUT).toBe(true);
          return;
        }
        if (result.message === null) {
          expect(message.trim()).toBe("");
          return;
        }
        expect(result.message).toBe(message.trim());
        expect(codePointCount(result.message)).toBeGreaterThan(0);
        expect(codePointCount(result.message)).toBeLessThanOrEqual(200);
        expect(FORBIDDEN.test(result.message)).toBe(false);
      }),
    );
  });

  it("accepts the message unchanged when it is already valid text", () => {
    const safeText = fc
      .string({
        unit: fc.constantFrom("a", "Z", "7", " ", "!", "é", "🌹", "中", "\u0301"),
        maxLength: 200,
      })
      .filter((text) => text.trim() === text && text !== "");
    fc.assert(
      fc.property(safeText, (message) => {
        expect(validateTip(10, message).message).toBe(message);
      }),
    );
  });
});
