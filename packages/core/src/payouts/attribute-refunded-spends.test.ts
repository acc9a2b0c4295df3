import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attributeRefundedSpends, type WalletSpend } from "./attribute-refunded-spends.ts";

const T0 = new Date("2026-11-01T10:00:00Z");
const DAY = 24 * 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);

const spend = (id: string, coins: number, diamonds: number, offsetMs = 0): WalletSpend => ({
  id,
  coins,
  diamonds,
  at: at(offsetMs),
});

describe("attributeRefundedSpends", () => {
  it("covers the funded coins with the oldest spends first and stops there", () => {
    const spends = [spend("a", 200, 100), spend("b", 300, 150), spend("c", 500, 250)];
    expect(attributeRefundedSpends(spends, 500, at(DAY))).toEqual([
      { id: "a", fundedCoins: 200, diamondsToReverse: 100, isWithinHold: true },
      { id: "b", fundedCoins: 300, diamondsToReverse: 150, isWithinHold: true },
    ]);
  });

  it("gives back the funded part's diamonds when a spend is only partly funded", () => {
    // 50 of 100 coins unpaid: the creator keeps floor(25 * 50 / 100) = 12 of the 25 diamonds.
    expect(attributeRefundedSpends([spend("a", 100, 25)], 50, at(DAY))).toEqual([
      { id: "a", fundedCoins: 50, diamondsToReverse: 13, isWithinHold: true },
    ]);
  });

  it("counts spends that paid no creator towards the funded coins", () => {
    const spends = [spend("boost", 500, 0), spend("gift", 500, 250)];
    expect(attributeRefundedSpends(spends, 600, at(DAY))).toEqual([
      { id: "boost", fundedCoins: 500, diamondsToReverse: 0, isWithinHold: true },
      { id: "gift", fundedCoins: 100, diamondsToReverse: 50, isWithinHold: true },
    ]);
  });

  it("attributes a gift out of the hold but takes nothing back from it", () => {
    const spends = [spend("old", 100, 50), spend("new", 100, 50, 2 * DAY)];
    expect(attributeRefundedSpends(spends, 200, at(7 * DAY))).toEqual([
      { id: "old", fundedCoins: 100, diamondsToReverse: 0, isWithinHold: false },
      { id: "new", fundedCoins: 100, diamondsToReverse: 50, isWithinHold: true },
    ]);
  });

  it("treats a gift exactly at the end of its hold as released", () => {
    expect(attributeRefundedSpends([spend("a", 10, 5)], 10, at(7 * DAY - 1))[0]).toMatchObject({
      diamondsToReverse: 5,
    });
    expect(attributeRefundedSpends([spend("a", 10, 5)], 10, at(7 * DAY))[0]).toMatchObject({
      diamondsToReverse: 0,
      isWithinHold: false,
    });
  });

  it("skips coins another refund claimed and never reverses such a gift twice", () => {
    const spends = [{ ...spend("a", 100, 50), claimedCoins: 60 }, spend("b", 100, 50)];
    expect(attributeRefundedSpends(spends, 80, at(DAY))).toEqual([
      { id: "a", fundedCoins: 40, diamondsToReverse: 0, isWithinHold: true },
      { id: "b", fundedCoins: 40, diamondsToReverse: 20, isWithinHold: true },
    ]);
  });

  it("attributes nothing when the wallet gave every coin back", () => {
    expect(attributeRefundedSpends([spend("a", 100, 50)], 0, at(DAY))).toEqual([]);
  });

  it.each([
    ["a negative funded amount", [spend("a", 1, 0)], -1],
    ["a fractional funded amount", [spend("a", 1, 0)], 1.5],
    ["a spend of no coins", [spend("a", 0, 0)], 1],
    ["more claimed coins than spent", [{ ...spend("a", 5, 2), claimedCoins: 6 }], 1],
  ])("refuses %s with INVALID_INPUT", (_label, spends, funded) => {
    expect(() => attributeRefundedSpends(spends, funded, T0)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });

  const spendsArb = fc.array(
    fc.record({
      coins: fc.integer({ min: 1, max: 100_000 }),
      shareBps: fc.integer({ min: 0, max: 10_000 }),
      offsetMs: fc.nat(14 * DAY),
    }),
    { maxLength: 20 },
  );
  const toSpends = (rows: { coins: number; shareBps: number; offsetMs: number }[]) =>
    rows
      .sort((x, y) => x.offsetMs - y.offsetMs)
      .map((row, index) =>
        spend(
          `s${index}`,
          row.coins,
          Math.floor((row.coins * row.shareBps) / 10_000),
          row.offsetMs,
        ),
      );

  it("attributes exactly the funded coins the spends can cover, a prefix of them, oldest first", () => {
    fc.assert(
      fc.property(spendsArb, fc.nat(2_000_000), fc.nat(21 * DAY), (rows, funded, nowMs) => {
        const spends = toSpends(rows);
        const result = attributeRefundedSpends(spends, funded, at(nowMs));
        const total = spends.reduce((sum, s) => sum + s.coins, 0);
        expect(result.reduce((sum, r) => sum + r.fundedCoins, 0)).toBe(Math.min(funded, total));
        expect(result.map((r) => r.id)).toEqual(spends.slice(0, result.length).map((s) => s.id));
        result.forEach((r, index) => {
          const source = spends[index] as WalletSpend;
          expect(r.fundedCoins).toBeGreaterThan(0);
          // Only the last attributed spend may be partly funded.
          if (index < result.length - 1) expect(r.fundedCoins).toBe(source.coins);
          expect(r.fundedCoins).toBeLessThanOrEqual(source.coins);
        });
      }),
    );
  });

  it("never gives back more than a gift's diamonds, all of them when fully funded, none out of the hold", () => {
    fc.assert(
      fc.property(spendsArb, fc.nat(2_000_000), fc.nat(21 * DAY), (rows, funded, nowMs) => {
        const spends = toSpends(rows);
        const now = at(nowMs);
        for (const [index, r] of attributeRefundedSpends(spends, funded, now).entries()) {
          const source = spends[index] as WalletSpend;
          expect(r.isWithinHold).toBe(source.at.getTime() + 7 * DAY > now.getTime());
          if (!r.isWithinHold) expect(r.diamondsToReverse).toBe(0);
          else if (r.fundedCoins === source.coins)
            expect(r.diamondsToReverse).toBe(source.diamonds);
          expect(r.diamondsToReverse).toBeGreaterThanOrEqual(0);
          expect(r.diamondsToReverse).toBeLessThanOrEqual(source.diamonds);
        }
      }),
    );
  });

  it("never takes back fewer diamonds from any gift when more coins were funded", () => {
    fc.assert(
      fc.property(spendsArb, fc.nat(2_000_000), fc.nat(2_000_000), (rows, a, b) => {
        const spends = toSpends(rows);
        const now = at(DAY);
        const less = attributeRefundedSpends(spends, Math.min(a, b), now);
        const more = attributeRefundedSpends(spends, Math.max(a, b), now);
        less.forEach((r, index) => {
          expect(more[index]?.diamondsToReverse ?? 0).toBeGreaterThanOrEqual(r.diamondsToReverse);
        });
      }),
    );
  });
});
