import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import {
  assertEligible,
  checkEligibility,
  type EligibilityFacts,
  type EligibleAction,
} from "./check-eligibility.ts";

const NOW = new Date("2026-11-22T12:00:00Z");

/** An adult US creator who meets every rule. */
function facts(overrides: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    dateOfBirth: new Date("1995-06-15"),
    region: "US",
    accountCreatedAt: new Date("2026-01-01T00:00:00Z"),
    emailVerified: true,
    hasGuardian: false,
    frozen: false,
    suspendedUntil: null,
    guidelinesAccepted: true,
    channel: { verified: true, followers: 100, followersVerified: true },
    hasPayoutMethod: true,
    ...overrides,
  };
}

function reasons(action: EligibleAction, overrides: Partial<EligibilityFacts>): string[] {
  const decision = checkEligibility(action, facts(overrides), NOW);
  return decision.allowed ? [] : decision.reasons.map((reason) => reason.code);
}

describe("checkEligibility", () => {
  it.each(["buy", "gift", "receive", "withdraw"] as const)(
    "allows %s when every rule is met",
    (action) => {
      expect(checkEligibility(action, facts(), NOW)).toEqual({ allowed: true });
    },
  );

  it.each([
    ["buy", { dateOfBirth: new Date("2009-01-01") }, ["GUARDIAN_REQUIRED"]],
    ["buy", { dateOfBirth: new Date("2009-01-01"), hasGuardian: true }, []],
    ["gift", { dateOfBirth: new Date("2012-01-01"), hasGuardian: true }, ["UNDER_MIN_AGE"]],
    ["receive", { dateOfBirth: new Date("2009-01-01"), hasGuardian: true }, ["UNDER_MIN_AGE"]],
    ["buy", { dateOfBirth: new Date("2008-11-22") }, []],
    ["buy", { dateOfBirth: new Date("2008-11-23") }, ["GUARDIAN_REQUIRED"]],
    [
      "buy",
      { region: "DE", dateOfBirth: new Date("2009-01-01"), hasGuardian: true },
      ["UNDER_MIN_AGE"],
    ],
    ["buy", { region: "KR", dateOfBirth: new Date("2008-01-01") }, ["UNDER_MIN_AGE"]],
    ["buy", { region: "KR", dateOfBirth: new Date("2007-11-22") }, []],
    [
      "buy",
      { region: "ZZ", dateOfBirth: new Date("2009-01-01"), hasGuardian: true },
      ["UNDER_MIN_AGE"],
    ],
    ["buy", { emailVerified: false }, ["EMAIL_NOT_VERIFIED"]],
    ["gift", { frozen: true }, ["ACCOUNT_FROZEN"]],
    ["receive", { channel: null }, ["NO_VERIFIED_CHANNEL"]],
    [
      "receive",
      { channel: { verified: false, followers: 10_000, followersVerified: true } },
      ["NO_VERIFIED_CHANNEL"],
    ],
    [
      "receive",
      { channel: { verified: true, followers: 99, followersVerified: true } },
      ["TOO_FEW_FOLLOWERS"],
    ],
    [
      "receive",
      { channel: { verified: true, followers: 250_000, followersVerified: false } },
      ["FOLLOWERS_NOT_VERIFIED"],
    ],
    ["receive", { suspendedUntil: new Date("2026-11-22T12:00:01Z") }, ["SUSPENDED"]],
    ["receive", { suspendedUntil: new Date("2026-11-22T12:00:00Z") }, []],
    ["receive", { guidelinesAccepted: false }, ["GUIDELINES_NOT_ACCEPTED"]],
    ["gift", { suspendedUntil: new Date("2026-12-01"), channel: null }, []],
    ["withdraw", { accountCreatedAt: new Date("2026-11-15T12:00:01Z") }, ["ACCOUNT_TOO_NEW"]],
    ["withdraw", { accountCreatedAt: new Date("2026-11-15T12:00:00Z") }, []],
    ["withdraw", { hasPayoutMethod: false }, ["NO_PAYOUT_METHOD"]],
    ["buy", { hasPayoutMethod: false, channel: null }, []],
  ] as const)("for %s with %j refuses for %j", (action, overrides, expected) => {
    expect(reasons(action, overrides)).toEqual(expected);
  });

  it("lists every missing requirement at once when several are missing", () => {
    expect(
      reasons("receive", {
        frozen: true,
        emailVerified: false,
        dateOfBirth: new Date("2010-01-01"),
        channel: { verified: true, followers: 3, followersVerified: true },
        suspendedUntil: new Date("2026-12-01"),
        guidelinesAccepted: false,
      }),
    ).toEqual([
      "ACCOUNT_FROZEN",
      "EMAIL_NOT_VERIFIED",
      "UNDER_MIN_AGE",
      "TOO_FEW_FOLLOWERS",
      "SUSPENDED",
      "GUIDELINES_NOT_ACCEPTED",
    ]);
  });

  it("names the date a suspension ends", () => {
    const decision = checkEligibility(
      "receive",
      facts({ suspendedUntil: new Date("2026-12-06T09:30:00Z") }),
      NOW,
    );
    expect(decision.allowed ? [] : decision.reasons).toEqual([
      {
        code: "SUSPENDED",
        message: "Three strikes in 90 days suspend receiving gifts until 2026-12-06 09:30 UTC.",
        until: "2026-12-06T09:30:00.000Z",
      },
    ]);
  });

  it("tells a person what to do in each reason's message", () => {
    const decision = checkEligibility(
      "receive",
      facts({ channel: { verified: true, followers: 42, followersVerified: true } }),
      NOW,
    );
    expect(decision.allowed ? "" : decision.reasons[0]?.message).toBe(
      "Your channel needs at least 100 followers to receive gifts (it has 42).",
    );
  });
});

describe("assertEligible", () => {
  it("throws NOT_ELIGIBLE with the reasons when refused", () => {
    expect(() =>
      assertEligible(checkEligibility("buy", facts({ emailVerified: false }), NOW)),
    ).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.NOT_ELIGIBLE,
        details: { reasons: [expect.objectContaining({ code: "EMAIL_NOT_VERIFIED" })] },
      }),
    );
  });

  it("returns quietly when allowed", () => {
    expect(() => assertEligible({ allowed: true })).not.toThrow();
  });
});
