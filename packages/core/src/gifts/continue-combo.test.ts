import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { ComboStreak } from "./combo-streak.ts";
import { continueCombo } from "./continue-combo.ts";
import type { GiftEvent } from "./gift-event.ts";

const T0 = Date.UTC(2026, 10, 15, 20, 0, 0);

function giftEvent(id: string, at: number, overrides: Partial<GiftEvent> = {}): GiftEvent {
  return { id, viewerId: "ana", streamId: "s1", giftId: "rose", count: 1, at, ...overrides };
}

function replay(events: readonly GiftEvent[]): ComboStreak | undefined {
  let streak: ComboStreak | undefined;
  for (const event of events) streak = continueCombo(streak, event);
  return streak;
}

describe("continueCombo", () => {
  it("starts a streak named after the event when there is no previous streak", () => {
    expect(continueCombo(undefined, giftEvent("e1", T0, { giftId: "crown", count: 2 }))).toEqual({
      id: "e1",
      viewerId: "ana",
      streamId: "s1",
      giftId: "crown",
      startedAt: T0,
      lastAt: T0,
      events: 1,
      comboCount: 2,
      coins: 598,
      rateCardVersion: "2026-12-01",
    });
  });

  it.each([
    [0, "e1", 2],
    [1, "e1", 2],
    [2_999, "e1", 2],
    [3_000, "e1", 2],
    [3_001, "e2", 1],
    [60_000, "e2", 1],
  ])(
    "after a gap of %i ms gives streak %s at x%i when the gift is the same",
    (gapMs, id, combo) => {
      const streak = replay([giftEvent("e1", T0), giftEvent("e2", T0 + gapMs)]);
      expect(streak).toMatchObject({ id, comboCount: combo });
    },
  );

  it("measures the window from the previous gift when a streak runs longer than the window", () => {
    const events = [0, 2_500, 5_000, 7_500, 10_500].map((offset, index) =>
      giftEvent(`e${index}`, T0 + offset),
    );
    expect(replay(events)).toMatchObject({
      id: "e0",
      startedAt: T0,
      lastAt: T0 + 10_500,
      events: 5,
      comboCount: 5,
      coins: 5,
    });
  });

  it("adds every gift of an event to the combo when an event sends several", () => {
    const streak = replay([
      giftEvent("e1", T0, { giftId: "heart" }),
      giftEvent("e2", T0 + 1_000, { giftId: "heart", count: 5 }),
    ]);
    expect(streak).toMatchObject({ id: "e1", events: 2, comboCount: 6, coins: 30 });
  });

  it("starts a new streak when the viewer sends a different gift", () => {
    const streak = replay([giftEvent("e1", T0), giftEvent("e2", T0 + 100, { giftId: "heart" })]);
    expect(streak).toMatchObject({ id: "e2", giftId: "heart", comboCount: 1, coins: 5 });
  });

  it("starts a new streak when the previous one was priced by another rate card", () => {
    const previous = continueCombo(undefined, giftEvent("e1", T0), {
      ...RATE_CARD,
      version: "2026-10-01",
    });
    const streak = continueCombo(previous, giftEvent("e2", T0 + 100));
    expect(streak).toMatchObject({ id: "e2", comboCount: 1, rateCardVersion: "2026-12-01" });
  });

  it("returns a new object and leaves the previous streak as it was when continuing", () => {
    const previous = continueCombo(undefined, giftEvent("e1", T0));
    const snapshot = { ...previous };
    const next = continueCombo(previous, giftEvent("e2", T0 + 1));
    expect(next).not.toBe(previous);
    expect(previous).toEqual(snapshot);
  });

  it.each([
    ["another viewer", { viewerId: "ben" }],
    ["another stream", { streamId: "s2" }],
  ])("throws INVALID_INPUT when the event is from %s than the streak", (_label, overrides) => {
    const previous = continueCombo(undefined, giftEvent("e1", T0));
    expect(() => continueCombo(previous, giftEvent("e2", T0 + 1, overrides))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("throws INVALID_INPUT when the event is earlier than the streak's last gift", () => {
    const previous = continueCombo(undefined, giftEvent("e1", T0));
    expect(() => continueCombo(previous, giftEvent("e2", T0 - 1))).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.INVALID_INPUT,
        message: expect.stringContaining("time order"),
      }),
    );
  });

  it.each([
    ["an empty id", { id: "" }],
    ["an empty viewerId", { viewerId: "" }],
    ["an empty streamId", { streamId: "" }],
    ["a negative time", { at: -1 }],
    ["a fractional time", { at: T0 + 0.5 }],
    ["a zero count", { count: 0 }],
    ["a count above 999", { count: 1_000 }],
  ])("throws INVALID_INPUT when the event has %s", (_label, overrides) => {
    expect(() => continueCombo(undefined, giftEvent("e1", T0, overrides))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("throws UNKNOWN_GIFT when the event's gift is not on the card", () => {
    expect(() => continueCombo(undefined, giftEvent("e1", T0, { giftId: "dragon" }))).toThrow(
      expect.objectContaining({ code: DomainErrorCode.UNKNOWN_GIFT }),
    );
  });
});
