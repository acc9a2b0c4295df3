import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { normalizeText } from "../text/normalize-text.ts";
import {
  compareSupportTickets,
  SUPPORT_MESSAGE_RULES,
  SUPPORT_SUBJECT_RULES,
  SUPPORT_TIERS,
  supportTierFor,
} from "./support-tier.ts";

describe("supportTierFor", () => {
  it.each([
    [{ level: 1, lifetimeCoinsSpent: 0 }, "standard", 72],
    [{ level: 19, lifetimeCoinsSpent: 9_999 }, "standard", 72],
    [{ level: 20, lifetimeCoinsSpent: 0 }, "priority", 24],
    [{ level: 1, lifetimeCoinsSpent: 10_000 }, "priority", 24],
    [{ level: 30, lifetimeCoinsSpent: 0 }, "vip", 4],
    [{ level: 5, lifetimeCoinsSpent: 100_000 }, "vip", 4],
  ] as const)("gives %o the %s tier (%d h)", (facts, tier, hours) => {
    expect(supportTierFor(facts)).toMatchObject({ tier, expectedAnswerHours: hours });
  });

  it.each([
    { level: 0, lifetimeCoinsSpent: 0 },
    { level: 1, lifetimeCoinsSpent: -1 },
    { level: 1.5, lifetimeCoinsSpent: 0 },
  ])("throws INVALID_INPUT for %o", (facts) => {
    expect(() => supportTierFor(facts)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("never lowers the priority nor lengthens the expected wait as level or spending grow", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.nat(10_000_000),
        fc.nat(50),
        fc.nat(10_000_000),
        (level, spent, moreLevels, moreCoins) => {
          const before = supportTierFor({ level, lifetimeCoinsSpent: spent });
          const after = supportTierFor({
            level: level + moreLevels,
            lifetimeCoinsSpent: spent + moreCoins,
          });
          expect(after.priority).toBeGreaterThanOrEqual(before.priority);
          expect(after.expectedAnswerHours).toBeLessThanOrEqual(before.expectedAnswerHours);
        },
      ),
    );
  });

  it("lists tiers from the highest priority and shortest wait down", () => {
    for (let i = 1; i < SUPPORT_TIERS.length; i++) {
      const [higher, lower] = [SUPPORT_TIERS[i - 1], SUPPORT_TIERS[i]];
      expect(higher?.priority).toBeGreaterThan(lower?.priority ?? 0);
      expect(higher?.expectedAnswerHours).toBeLessThan(lower?.expectedAnswerHours ?? 0);
    }
  });
});

describe("compareSupportTickets", () => {
  const ticket = fc.record({
    priority: fc.integer({ min: 0, max: 2 }),
    openedAt: fc.date({ min: new Date(0), max: new Date("2100-01-01"), noInvalidDate: true }),
    id: fc.uuid(),
  });

  it("puts higher priority first and, within a priority, the oldest first", () => {
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 30 }), (tickets) => {
        const queue = [...tickets].sort(compareSupportTickets);
        for (let i = 1; i < queue.length; i++) {
          const [a, b] = [queue[i - 1], queue[i]];
          if (!a || !b) continue;
          expect(a.priority).toBeGreaterThanOrEqual(b.priority);
          if (a.priority === b.priority) {
            expect(a.openedAt.getTime()).toBeLessThanOrEqual(b.openedAt.getTime());
          }
        }
      }),
    );
  });
});

describe("support text rules", () => {
  it("keeps line breaks in a message but not in a subject, and refuses over-long text", () => {
    expect(normalizeText("  Hi\nthere ", SUPPORT_MESSAGE_RULES)).toBe("Hi\nthere");
    expect(() => normalizeText("Hi\nthere", SUPPORT_SUBJECT_RULES)).toThrow(/line break/);
    expect(() => normalizeText("x".repeat(121), SUPPORT_SUBJECT_RULES)).toThrow(/at most 120/);
  });
});
