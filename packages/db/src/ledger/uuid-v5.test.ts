import fc from "fast-check";
import { v5 as uuidv5 } from "uuid";
import { describe, expect, it } from "vitest";
import { uuidV5 } from "./uuid-v5.ts";

const NAMESPACE = "6f1d2c1e-5b0a-4a8e-9c4e-2f7d3b9a1c01";

describe("uuidV5", () => {
  it("gives uuid's v5 for any name and namespace", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.uuid(), (name, namespace) => {
        expect(uuidV5(name, namespace)).toBe(uuidv5(name, namespace));
      }),
      { numRuns: 2_000 },
    );
  });

  it("gives RFC 9562's version-5 id for a known name", () => {
    const dns = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
    expect(uuidV5("www.example.com", dns)).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
  });

  it("refuses half of a surrogate pair as uuid does", () => {
    expect(() => uuidV5("a\uD800b", NAMESPACE)).toThrow();
    expect(() => uuidv5("a\uD800b", NAMESPACE)).toThrow();
  });
});
