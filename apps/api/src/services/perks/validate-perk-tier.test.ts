import { describe, expect, it } from "vitest";
import { type PerkTierInput, validatePerkTier } from "./validate-perk-tier.ts";

const vip: PerkTierInput = { name: "VIP", minCoins: 1_000 };

describe("validatePerkTier", () => {
  it("trims text, turns blank optional fields into null and normalizes the link", () => {
    expect(
      validatePerkTier({
        name: "  VIP  ",
        minCoins: 1_000,
        badge: " 👑 ",
        perkText: "  Discord:\r\nask for the role  ",
        perkUrl: " https://Example.com/discord ",
      }),
    ).toEqual({
      name: "VIP",
      minCoins: 1_000,
      badge: "👑",
      perkText: "Discord:\nask for the role",
      perkUrl: "https://example.com/discord",
    });
    expect(validatePerkTier({ ...vip, badge: " ", perkText: "", perkUrl: null })).toEqual({
      ...vip,
      badge: null,
      perkText: null,
      perkUrl: null,
    });
  });

  it.each([
    ["an empty name", { ...vip, name: "  " }, "cannot be empty"],
    ["a 41-character name", { ...vip, name: "x".repeat(41) }, "at most 40"],
    ["a name on two lines", { ...vip, name: "V\nIP" }, "a line break"],
    ["a threshold of 0", { ...vip, minCoins: 0 }, "between 1 and"],
    ["a fractional threshold", { ...vip, minCoins: 1.5 }, "whole number"],
    ["a threshold past the cap", { ...vip, minCoins: 1e13 }, "between 1 and"],
    ["a 9-character badge", { ...vip, badge: "supporter" }, "at most 8"],
    ["501 characters of perk text", { ...vip, perkText: "x".repeat(501) }, "at most 500"],
    ["an http link", { ...vip, perkUrl: "http://example.com" }, "https://"],
    ["a link that is no address", { ...vip, perkUrl: "discord invite" }, "https://"],
    ["a link with a password", { ...vip, perkUrl: "https://a:b@example.com" }, "password"],
    ["a link to a bare host", { ...vip, perkUrl: "https://localhost/x" }, "public host"],
    [
      "a link over 500 characters",
      { ...vip, perkUrl: `https://example.com/${"x".repeat(490)}` },
      "at most 500",
    ],
  ] as const)("refuses %s with INVALID_INPUT", (_label, input, says) => {
    expect(() => validatePerkTier(input)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining(says) }),
    );
  });
});
