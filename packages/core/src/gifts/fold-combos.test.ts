import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { ComboStreak } from "./combo-streak.ts";
import { foldCombos } from "./fold-combos.ts";
import type { GiftEvent } from "./gift-event.ts";
import { priceGift } from "./price-gift.ts";

const T0 = Date.UTC(2026, 10, 15, 20, 0, 0);
const WINDOW_MS = RATE_CARD.comboWindowMs;

function giftEvent(id: string, at: number, overrides: Partial<GiftEvent> = {}): GiftEvent {
  return {
    id,
    viewerId: "ana",
    streamId: "s1",
    giftId: "rose",
    count: 1,
    at: T0 + at,
    ...overrides,
  };
}

const keyOf = (item: { viewerId: string; streamId: string }) =>
  JSON.stringify([item.viewerId, item.streamId]);

/** Time-ordered events over a few viewers, streams and gifts, with gaps around the window. */
const eventsArbitrary = fc
  .array(
    fc.record({
      viewerId: fc.constantFrom("ana", "ben"),
      streamId: fc.constantFrom("s1", "s2"),
      giftId: fc.constantFrom("rose", "crown", "lion"),
      count: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 999 })),
      gapMs: fc.oneof(
        fc.constantFrom(0, 1, WINDOW_MS - 1, WINDOW_MS, WINDOW_MS + 1),
        fc.integer({ min: 0, max: 2 * WINDOW_MS }),
      ),
    }),
    { maxLength: 60 },
  )
  .map((drafts) => {
    let at = T0;
    return drafts.map(({ gapMs, ...draft }, index): GiftEvent => {
      at += gapMs;
      return { id: `e${index}`, at, ...draft };
    });
  });

describe("foldCombos", () => {
  it("returns no streaks when there are no events", () => {
    expect(foldCombos([])).toEqual([]);
  });

  it("keeps a viewer's streak going when other viewers gift in between", () => {
    const streaks = foldCombos([
      giftEvent("a1", 0),
      giftEvent("b1", 1_000, { viewerId: "ben", giftId: "heart" }),
      giftEvent("a2", 2_000),
      giftEvent("b2", 3_000, { viewerId: "ben", giftId: "heart" }),
      giftEvent("a3", 5_000, { count: 3 }),
    ]);
    expect(streaks).toEqual([
      expect.objectContaining({
        id: "a1",
        viewerId: "ana",
        events: 3,
        comboCount: 5,
        lastAt: T0 + 5_000,
      }),
      expect.objectContaining({ id: "b1", viewerId: "ben", events: 2, comboCount: 2, coins: 10 }),
    ]);
  });

  it("ends a streak when the same viewer switches gift, even if they switch back in the window", () => {
    const streaks = foldCombos([
      giftEvent("e1", 0),
      giftEvent("e2", 500),
      giftEvent("e3", 1_000, { giftId: "heart" }),
      giftEvent("e4", 1_500),
    ]);
    expect(streaks.map((streak) => [streak.id, streak.giftId, streak.comboCount])).toEqual([
      ["e1", "rose", 2],
      ["e3", "heart", 1],
      ["e4", "rose", 1],
    ]);
  });

  it("keeps streaks apart when the same viewer gifts on two streams", () => {
    const streaks = foldCombos([
      giftEvent("e1", 0),
      giftEvent("e2", 100, { streamId: "s2", giftId: "heart" }),
      giftEvent("e3", 200),
    ]);
    expect(streaks.map((streak) => [streak.id, streak.streamId, streak.comboCount])).toEqual([
      ["e1", "s1", 2],
      ["e2", "s2", 1],
    ]);
  });

  it("accepts equal times and keeps list order when events share a timestamp", () => {
    const streaks = foldCombos([giftEvent("e1", 0), giftEvent("e2", 0, { giftId: "heart" })]);
    expect(streaks.map((streak) => streak.id)).toEqual(["e1", "e2"]);
  });

  it("throws INVALID_INPUT naming both events when they are out of time order", () => {
    expect(() =>
      foldCombos([giftEvent("e1", 1_000), giftEvent("e2", 0, { viewerId: "ben" })]),
    ).toThrow(
      expect.objectContaining({
        code: DomainErrorCode.INVALID_INPUT,
        message: expect.stringMatching(/time order.*"e2".*"e1"/),
      }),
    );
  });

  it("throws INVALID_INPUT when an event id appears twice", () => {
    expect(() => foldCombos([giftEvent("e1", 0), giftEvent("e1", 10)])).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("throws UNKNOWN_GIFT when an event's gift is not on the card", () => {
    expect(() => foldCombos([giftEvent("e1", 0, { giftId: "dragon" })])).toThrow(
      expect.objectContaining({ code: DomainErrorCode.UNKNOWN_GIFT }),
    );
  });

  it("conserves events, gifts and coins when given any events", () => {
    fc.assert(
      fc.property(eventsArbitrary, (events) => {
        const streaks = foldCombos(events);
        const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
        expect(sum(streaks.map((s) => s.events))).toBe(events.length);
        expect(sum(streaks.map((s) => s.comboCount))).toBe(sum(events.map((e) => e.count)));
        expect(sum(streaks.map((s) => s.coins))).toBe(
          sum(events.map((e) => priceGift(e.giftId, e.count).coins)),
        );
      }),
    );
  });

  it("splits each viewer's events on a stream into consecutive in-window runs of one gift, as few as possible, when given any events", () => {
    fc.assert(
      fc.property(eventsArbitrary, (events) => {
        const streaks = foldCombos(events);
        for (const key of new Set(events.map(keyOf))) {
          const keyEvents = events.filter((event) => keyOf(event) === key);
          const keyStreaks = streaks.filter((streak) => keyOf(streak) === key);
          let offset = 0;
          let previousRun: GiftEvent[] | undefined;
          for (const streak of keyStreaks) {
            const run = keyEvents.slice(offset, offset + streak.events);
            offset += streak.events;
            expect(run.length).toBe(streak.events);
            expect(run[0]?.id).toBe(streak.id);
            expect(streak.startedAt).toBe(run[0]?.at);
            expect(streak.lastAt).toBe(run.at(-1)?.at);
            for (const [index, event] of run.entries()) {
              expect(event.giftId).toBe(streak.giftId);
              if (index > 0)
                expect(event.at - (run[index - 1]?.at ?? 0)).toBeLessThanOrEqual(WINDOW_MS);
            }
            // Minimal: a new streak only where the rule forces one.
            const last = previousRun?.at(-1);
            const first = run[0];
            if (last && first) {
              expect(last.giftId !== first.giftId || first.at - last.at > WINDOW_MS).toBe(true);
            }
            previousRun = run;
          }
          expect(offset).toBe(keyEvents.length);
        }
      }),
    );
  });

  it("gives each viewer the same streaks when other viewers' events are removed", () => {
    fc.assert(
      fc.property(eventsArbitrary, (events) => {
        const streaks = foldCombos(events);
        for (const key of new Set(events.map(keyOf))) {
          expect(foldCombos(events.filter((event) => keyOf(event) === key))).toEqual(
            streaks.filter((streak) => keyOf(streak) === key),
          );
        }
      }),
    );
  });

  it("gives the same streaks when same-time events of different viewers are interleaved differently", () => {
    fc.assert(
      fc.property(eventsArbitrary, fc.infiniteStream(fc.nat()), (events, choices) => {
        // Re-merge the per-(viewer, stream) lists, picking at random among those whose next
        // event is the earliest, so time order and each viewer's own order are kept.
        const queues = new Map<string, GiftEvent[]>();
        for (const event of events)
          queues.set(keyOf(event), [...(queues.get(keyOf(event)) ?? []), event]);
        const merged: GiftEvent[] = [];
        const choice = choices[Symbol.iterator]();
        while (merged.length < events.length) {
          const heads = [...queues.values()].filter((queue) => queue.length > 0);
          const earliest = Math.min(
            ...heads.map((queue) => queue[0]?.at ?? Number.POSITIVE_INFINITY),
          );
          const ready = heads.filter((queue) => queue[0]?.at === earliest);
          const picked = ready[(choice.next().value ?? 0) % ready.length];
          const next = picked?.shift();
          if (next) merged.push(next);
        }
        const byId = (a: ComboStreak, b: ComboStreak) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        expect(foldCombos(merged).sort(byId)).toEqual(foldCombos(events).sort(byId));
      }),
    );
  });
});
