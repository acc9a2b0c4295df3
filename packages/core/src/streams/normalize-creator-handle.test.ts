import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeCreatorHandle } from "./normalize-creator-handle.ts";

const validHandle = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,29}$/);

describe("normalizeCreatorHandle", () => {
  it.each([
    ["alice", "alice"],
    ["@alice", "alice"],
    ["Alice", "alice"],
    ["  @Alice_Streams \n", "alice_streams"],
    ["\u00A0@bob\u00A0", "bob"],
    ["a1", "a1"],
    ["1a", "1a"],
    ["a.b-c_d", "a.b-c_d"],
    ["ab_", "ab_"],
    [`a${"b".repeat(29)}`, `a${"b".repeat(29)}`],
  ])("returns the stored form when given %j", (raw, expected) => {
    expect(normalizeCreatorHandle(raw)).toBe(expected);
  });

  it.each([
    ["an empty string", ""],
    ["only an @", "@"],
    ["one character", "a"],
    ["one character after @", "@a"],
    ["31 characters", "a".repeat(31)],
    ["two leading @", "@@alice"],
    ["a leading underscore", "_alice"],
    ["a leading dot", ".alice"],
    ["a leading hyphen", "-alice"],
    ["a space inside", "ali ce"],
    ["an @ inside", "ali@ce"],
    ["a plus sign", "ali+ce"],
    ["a non-ASCII letter", "alicé"],
    ["a Kelvin sign that lower-cases to k", "\u212Aai"],
    ["a dotted capital I", "\u0130van"],
    ["a character reference", "&#64;alice"],
    ["a space after @", "@ alice"],
  ])("returns null when given %s", (_case, raw) => {
    expect(normalizeCreatorHandle(raw)).toBeNull();
  });

  it("returns null when called from JavaScript with a non-string", () => {
    expect(normalizeCreatorHandle(null as unknown as string)).toBeNull();
  });

  it("never throws and returns only valid handles when given any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-composite" }), (raw) => {
        const handle = normalizeCreatorHandle(raw);
        if (handle !== null) expect(handle).toMatch(/^[a-z0-9][a-z0-9_.-]{1,29}$/);
      }),
    );
  });

  it("is idempotent when given any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), validHandle), (raw) => {
        const once = normalizeCreatorHandle(raw);
        if (once !== null) expect(normalizeCreatorHandle(once)).toBe(once);
      }),
    );
  });

  it("ignores one leading @, surrounding spaces and case when given a valid handle", () => {
    fc.assert(
      fc.property(
        validHandle,
        fc.boolean(),
        fc.constantFrom("", " ", "\t", "\n "),
        (handle, at, pad) => {
          expect(normalizeCreatorHandle(`${pad}${at ? "@" : ""}${handle}${pad}`)).toBe(
            handle.toLowerCase(),
          );
        },
      ),
    );
  });
});
