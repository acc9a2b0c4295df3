import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { rankStreams, type StreamToRank } from "./rank-streams.ts";
import { scoreStream } from "./score-stream.ts";

const NOW = new Date("2026-11-15T20:00:00.000Z");
const MINUTE = 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

const stream = (streamId: string, coins: number[], boosted = false): StreamToRank => ({
  streamId,
  recentGifts: coins.map((amount) => ({ coins: amount, at: NOW })),
  boostEndsAt: boosted ? ago(-MINUTE) : null,
});

const streamsArbitrary = fc.uniqueArray(
  fc.record({
    streamId: fc.string({ maxLength: 4 }),
    recentGifts: fc.array(
      fc.record({
        // Few distinct amounts, so that ties happen and the streamId order is exercised.
        coins: fc.constantFrom(0, 1, 100, 10_000),
        at: fc.integer({ min: 0, max: 20 * MINUTE }).map(ago),
      }),
      { maxLength: 3 },
    ),
    boostEndsAt: fc.option(fc.integer({ min: -MINUTE, max: MINUTE }).map(ago), { nil: null }),
  }),
  { selector: (item) => item.streamId, maxLength: 12 },
);

describe("rankStreams", () => {
  it("orders by score, then streamId, when scores tie", () => {
    const ranked = rankStreams(
      [stream("c", [100]), stream("b", [50, 50]), stream("a", [10]), stream("z", [], true)],
      NOW,
    );
    expect(ranked.map(({ streamId, score }) => [streamId, score])).toEqual([
      ["z", 10_000],
      ["b", 100],
      ["c", 100],
      ["a", 10],
    ]);
  });

  it("orders streamIds by code unit, not locale, when scores tie", () => {
    const ranked = rankStreams([stream("b", []), stream("B", []), stream("a", [])], NOW);
    expect(ranked.map((item) => item.streamId)).toEqual(["B", "a", "b"]);
  });

  it("carries the caller's own fields through and leaves the input alone when ranking", () => {
    const input = [{ ...stream("s1", [5]), title: "Late-night synths" }];
    const ranked = rankStreams(input, NOW);
    expect(ranked[0]).toMatchObject({ streamId: "s1", title: "Late-night synths", score: 5 });
    expect(input[0]).not.toHaveProperty("score");
  });

  it("throws INVALID_INPUT when a streamId appears twice", () => {
    expect(() => rankStreams([stream("s1", []), stream("s1", [1])], NOW)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });

  it("returns a sorted permutation of the input with each stream's own score when given any streams", () => {
    fc.assert(
      fc.property(streamsArbitrary, (streams) => {
        const ranked = rankStreams(streams, NOW);
        expect(ranked.map((item) => item.streamId).sort()).toEqual(
          streams.map((item) => item.streamId).sort(),
        );
        for (const item of ranked) expect(item.score).toBe(scoreStream(item, NOW));
        for (let index = 1; index < ranked.length; index += 1) {
          const [before, after] = [ranked[index - 1], ranked[index]];
          if (!before || !after) continue;
          expect(before.score).toBeGreaterThanOrEqual(after.score);
          if (before.score === after.score) expect(before.streamId < after.streamId).toBe(true);
        }
      }),
    );
  });

  it("gives the same ranking when the input order changes", () => {
    fc.assert(
      fc.property(
        streamsArbitrary.chain((streams) =>
          fc.tuple(
            fc.constant(streams),
            fc.shuffledSubarray(streams, { minLength: streams.length }),
          ),
        ),
        ([streams, shuffled]) => {
          expect(rankStreams(shuffled, NOW)).toEqual(rankStreams(streams, NOW));
        },
      ),
    );
  });
});
