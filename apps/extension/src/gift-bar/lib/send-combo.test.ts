import { RATE_CARD } from "@coinstream/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  activeCombo,
  comboTimeLeft,
  comboWindowMsFor,
  continueSendCombo,
  type SendCombo,
} from "./send-combo.ts";

const WINDOW = 3_000;

describe("continueSendCombo", () => {
  it("starts at the count when there is no combo", () => {
    expect(continueSendCombo(null, "rose", 5, 1_000, WINDOW)).toEqual({
      giftId: "rose",
      comboCount: 5,
      lastAt: 1_000,
    });
  });

  it("continues when the same gift is sent again within the window", () => {
    const first = continueSendCombo(null, "rose", 1, 1_000, WINDOW);
    const second = continueSendCombo(first, "rose", 1, 4_000, WINDOW);
    const third = continueSendCombo(second, "rose", 10, 6_500, WINDOW);
    expect([second.comboCount, third.comboCount]).toEqual([2, 12]);
  });

  it("starts over when the window has passed", () => {
    const first = continueSendCombo(null, "rose", 1, 1_000, WINDOW);
    expect(continueSendCombo(first, "rose", 1, 4_001, WINDOW).comboCount).toBe(1);
  });

  it("starts over when another gift is sent", () => {
    const first = continueSendCombo(null, "rose", 3, 1_000, WINDOW);
    expect(continueSendCombo(first, "heart", 1, 1_500, WINDOW)).toEqual({
      giftId: "heart",
      comboCount: 1,
      lastAt: 1_500,
    });
  });

  it("counts every gift of every send in a streak (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            count: fc.integer({ min: 1, max: 999 }),
            gap: fc.integer({ min: 0, max: WINDOW }),
          }),
          {
            minLength: 1,
            maxLength: 30,
          },
        ),
        (sends) => {
          let combo: SendCombo | null = null;
          let at = 0;
          for (const send of sends) {
            at += send.gap;
            combo = continueSendCombo(combo, "rose", send.count, at, WINDOW);
          }
          expect(combo?.comboCount).toBe(sends.reduce((sum, send) => sum + send.count, 0));
        },
      ),
    );
  });
});

describe("activeCombo", () => {
  const combo: SendCombo = { giftId: "rose", comboCount: 2, lastAt: 1_000 };

  it("returns the combo while its window is open and null after", () => {
    expect(activeCombo(combo, 4_000, WINDOW)).toBe(combo);
    expect(activeCombo(combo, 4_001, WINDOW)).toBeNull();
    expect(activeCombo(null, 0, WINDOW)).toBeNull();
  });
});

describe("comboTimeLeft", () => {
  it("drains from 1 to 0 over the window", () => {
    const combo: SendCombo = { giftId: "rose", comboCount: 2, lastAt: 1_000 };
    expect(comboTimeLeft(combo, 1_000, WINDOW)).toBe(1);
    expect(comboTimeLeft(combo, 2_500, WINDOW)).toBe(0.5);
    expect(comboTimeLeft(combo, 9_000, WINDOW)).toBe(0);
  });
});

describe("comboWindowMsFor", () => {
  it("uses the window of the rate card the catalog came from, or the current card's", () => {
    expect(comboWindowMsFor(RATE_CARD.version)).toBe(RATE_CARD.comboWindowMs);
    expect(comboWindowMsFor("1999-01-01")).toBe(RATE_CARD.comboWindowMs);
    expect(comboWindowMsFor(null)).toBe(RATE_CARD.comboWindowMs);
  });
});
