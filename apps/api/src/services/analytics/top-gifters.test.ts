import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldEverything, insertStreamEvent } from "../../test-support/fold-analytics.ts";
import { useTestLedger } from "../../test-support/test-ledger.ts";
import type { AnalyticsRange } from "./analytics-range.ts";
import { readFolded } from "./read-folded.ts";
import { type SearchLimits, searchTopGiftersInRange } from "./search-top-gifters.ts";
import { type RangeSearchTuning, topGiftersInRange } from "./top-gifters.ts";

const env = useTestLedger();
const HOUR = 3_600_000;
const START = Date.parse("2026-03-01T00:00:00Z");
const RANGE: AnalyticsRange = {
  from: new Date(START + 24 * HOUR),
  to: new Date(START + 48 * HOUR),
  bucket: "hour",
};
const BEFORE = new Date(START + 2 * HOUR);
const INSIDE = new Date(START + 30 * HOUR);
const AFTER = new Date(START + 60 * HOUR);
/** Limits the walk never reaches with the few supporters these tests have. */
const UNLIMITED: SearchLimits = { maxCandidates: 1_000, maxWork: 10n ** 12n };
const ALWAYS_SEARCH: RangeSearchTuning = {
  searchFromEvents: 0n,
  workDivisor: 1n,
  maxCandidates: 1_000,
};
const NEVER_SEARCH: RangeSearchTuning = { ...ALWAYS_SEARCH, searchFromEvents: 2n ** 62n };

const newCreator = () => `creator-${randomUUID()}`;

/** A paid event from `viewer` (named after their id) at `at`. */
function give(creatorUserId: string, viewer: string, coins: number, at: Date, kind?: "tip") {
  return insertStreamEvent(env.db.sql, {
    creatorUserId,
    viewerUserId: viewer,
    viewerName: `Name of ${viewer}`,
    coins,
    at,
    ...(kind ? { kind } : {}),
  });
}

/** The top supporters in the range, summed straight from the events. */
async function fromEvents(creatorUserId: string, range: AnalyticsRange, limit = 10) {
  const rows = await env.db.sql<{ viewer_user_id: string; coins: bigint; events: bigint }[]>`
    select viewer_user_id, sum(coins)::int8 as coins, count(*)::int8 as events from stream_events
    where creator_user_id = ${creatorUserId} and kind in ('gift', 'tip', 'message')
      and viewer_user_id is not null and created_at >= ${range.from} and created_at < ${range.to}
    group by viewer_user_id order by coins desc, viewer_user_id limit ${limit}`;
  return [...rows];
}

/** `fromEvents` in `topGiftersInRange`'s shape. */
async function expectedGifters(creatorUserId: string, range: AnalyticsRange) {
  return (await fromEvents(creatorUserId, range)).map((row) => ({
    viewerUserId: row.viewer_user_id,
    name: `Name of ${row.viewer_user_id}`,
    coins: row.coins,
    events: row.events,
  }));
}

function search(creatorUserId: string, range: AnalyticsRange, limits: SearchLimits, limit = 10) {
  return readFolded(env.db.sql, (tx, foldedBelow) =>
    searchTopGiftersInRange(tx, creatorUserId, foldedBelow, range, limit, limits),
  );
}

async function topGifters(creatorUserId: string, range: AnalyticsRange, tuning: RangeSearchTuning) {
  const [counts] = await env.db.sql<{ eventsInRange: bigint; eventsAllTime: bigint }[]>`
    select (count(*) filter (where created_at >= ${range.from} and created_at < ${range.to}))::int8 as "eventsInRange",
           count(*)::int8 as "eventsAllTime"
    from stream_events where creator_user_id = ${creatorUserId} and kind in ('gift', 'tip', 'message')`;
  if (!counts) throw new Error("no counts");
  return readFolded(env.db.sql, (tx, foldedBelow) =>
    topGiftersInRange(tx, creatorUserId, foldedBelow, range, counts, 10, tuning),
  );
}

describe("searchTopGiftersInRange", () => {
  it("stops before the small supporters when the biggest gave the most in the range", async () => {
    const c = newCreator();
    // s00 gives the most; everyone gives a third of their lifetime inside the range.
    for (let i = 0; i < 30; i++) {
      const viewer = `s${String(i).padStart(2, "0")}`;
      const coins = 1_000 * (30 - i) ** 2;
      await give(c, viewer, coins, BEFORE);
      if (i % 2 === 0) await foldEverything(env.db.sql);
      await give(c, viewer, coins, INSIDE);
      await give(c, viewer, coins, AFTER);
    }

    const found = await search(c, RANGE, UNLIMITED);
    // The 10th in range has 441,000; from s20 on (lifetime 300,000) nobody can reach it.
    expect(found).toMatchObject({ finished: true, walked: 20 });
    expect(found.top).toEqual(await fromEvents(c, RANGE));
    expect(found.top.map((row) => row.viewer_user_id)).toEqual(
      ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09"].map((n) => `s${n}`),
    );
    // The first ten cost 90 work (8 each to look up, 1 event each): a limit of 80 stops it there.
    expect(await search(c, RANGE, { maxCandidates: 1_000, maxWork: 80n })).toMatchObject({
      finished: false,
      walked: 10,
    });
  });

  it("passes over a supporter who gave the most in all but nothing in the range", async () => {
    const c = newCreator();
    await give(c, "whale", 10_000_000, BEFORE);
    for (let i = 0; i < 25; i++)
      await give(c, `v${String(i).padStart(2, "0")}`, 100 * (25 - i), INSIDE);
    await foldEverything(env.db.sql);
    await give(c, "whale", 5_000_000, AFTER); // in the tail

    const found = await search(c, RANGE, UNLIMITED);
    expect(found.finished).toBe(true);
    expect(found.walked).toBeLessThan(26);
    expect(found.top).toEqual(await fromEvents(c, RANGE));
    expect(found.top.map((row) => row.viewer_user_id)).not.toContain("whale");
  });

  it("breaks ties at the last place by id, walking on to supporters whose lifetime equals it", async () => {
    const c = newCreator();
    for (let i = 0; i < 10; i++) {
      await give(c, `m${i}`, 100, INSIDE); // lifetime 300, 100 in range
      await give(c, `m${i}`, 200, BEFORE);
    }
    // Lifetime 100, all in range: a* outrank m5..m9 by id, n* do not.
    for (let i = 0; i < 5; i++) await give(c, `a${i}`, 100, INSIDE);
    for (let i = 0; i < 10; i++) await give(c, `n${i}`, 100, INSIDE);
    for (let i = 0; i < 10; i++) await give(c, `x${i}`, 50, INSIDE);
    await foldEverything(env.db.sql);

    const found = await search(c, RANGE, UNLIMITED);
    expect(found.top).toEqual(await fromEvents(c, RANGE));
    expect(found.top.map((row) => row.viewer_user_id)).toEqual([
      "a0",
      "a1",
      "a2",
      "a3",
      "a4",
      "m0",
      "m1",
      "m2",
      "m3",
      "m4",
    ]);
    // m0..m9, then a0..a4 and n0..n4; n5 (100, "n5") cannot pass m4 (100, "m4").
    expect(found).toMatchObject({ finished: true, walked: 20 });
  });

  it("counts supporters the fold has not reached, with or without a folded row", async () => {
    const c = newCreator();
    for (let i = 0; i < 8; i++) await give(c, `f${i}`, 100 * (8 - i), INSIDE);
    await foldEverything(env.db.sql);
    await give(c, "newcomer", 5_000, INSIDE); // tail only
    await give(c, "f7", 4_000, INSIDE); // folded row far below the folded top, big tail
    await give(c, "f0", 1, AFTER);

    // Four candidates at most: only the folded top five are listed, f7 and the newcomer at a bound.
    const found = await search(c, RANGE, { maxCandidates: 4, maxWork: 10n ** 12n }, 3);
    expect(found).toMatchObject({ finished: true, walked: 3 });
    expect(found.top).toEqual([
      { viewer_user_id: "newcomer", coins: 5_000n, events: 1n },
      { viewer_user_id: "f7", coins: 4_100n, events: 2n },
      { viewer_user_id: "f0", coins: 800n, events: 1n },
    ]);
    expect(found.top).toEqual(await fromEvents(c, RANGE, 3));
  });

  it("bounds a supporter below the folded top by its last row plus their tail", async () => {
    const c = newCreator();
    await give(c, "a", 1_000, INSIDE);
    await give(c, "b", 950, BEFORE);
    await give(c, "c", 940, BEFORE);
    await give(c, "g", 900, INSIDE);
    await foldEverything(env.db.sql);
    await give(c, "g", 300, INSIDE);

    // Listed: the folded top three (a, b, c) and g at 940 + 300, above a; g's 300 alone would not be.
    const found = await search(c, RANGE, { maxCandidates: 2, maxWork: 10n ** 12n }, 1);
    expect(found).toMatchObject({ finished: true, walked: 1 });
    expect(found.top).toEqual([{ viewer_user_id: "g", coins: 1_200n, events: 2n }]);
    expect(found.top).toEqual(await fromEvents(c, RANGE, 1));
  });

  it("finds nobody for a creator without supporters or without events in the range", async () => {
    const c = newCreator();
    expect(await search(c, RANGE, UNLIMITED)).toEqual({ finished: true, walked: 0, top: [] });
    await give(c, "early", 10, BEFORE);
    await give(c, "late", 10, AFTER, "tip");
    expect(await search(c, RANGE, UNLIMITED)).toEqual({ finished: true, walked: 2, top: [] });
  });

  it("gives up when support is spread evenly, early when the rest would pass its limits", async () => {
    const c = newCreator();
    for (let i = 0; i < 40; i++) {
      const viewer = `e${String(i).padStart(2, "0")}`;
      for (const at of [BEFORE, INSIDE, AFTER]) await give(c, viewer, 10, at);
    }
    await foldEverything(env.db.sql);

    // Nobody drops out: 10 coins in range against 30 in all, for everyone.
    const all = await search(c, RANGE, UNLIMITED);
    expect(all).toMatchObject({ finished: true, walked: 40 });
    expect(all.top).toEqual(await fromEvents(c, RANGE));
    // Each supporter is 8 work to look up plus 1 event read. After the first 10 (90 work, past
    // an eighth of the limit), the 30 still above the last place look like 270 more: 360 in all.
    const limited = (maxCandidates: number, maxWork: bigint) =>
      search(c, RANGE, { maxCandidates, maxWork });
    // Past twice a work limit of 150: given up at once, where the limit alone would allow 20.
    expect(await limited(1_000, 150n)).toMatchObject({ finished: false, walked: 10 });
    expect(await limited(1_000, 400n)).toMatchObject({ finished: true, walked: 40 });
    // 10 walked and 30 above the last place: past 30 candidates, where the limit allows 30.
    expect(await limited(30, 700n)).toMatchObject({ finished: false, walked: 10 });
    // Not judged before an eighth of the work limit is spent: walked to the candidate limit.
    expect(await limited(30, 10n ** 12n)).toMatchObject({ finished: false, walked: 30 });
    expect(await limited(5, 10n ** 12n)).toMatchObject({ finished: false, walked: 5 });
  });
});

describe("topGiftersInRange", () => {
  it("reads the events another way when the walk gives up, with the same answer", async () => {
    const c = newCreator();
    for (let i = 0; i < 40; i++) {
      const viewer = `e${String(i).padStart(2, "0")}`;
      await give(c, viewer, 10 + (i % 3), INSIDE);
      await give(c, viewer, 10, BEFORE);
      if (i === 20) await foldEverything(env.db.sql);
    }
    const expected = await expectedGifters(c, RANGE);
    expect(expected).toHaveLength(10);
    // 40 events inside, 40 outside: a walk allowed 40 work gives up after its first batch.
    expect(await search(c, RANGE, { maxCandidates: 1_000, maxWork: 40n })).toMatchObject({
      finished: false,
    });
    expect(await topGifters(c, RANGE, ALWAYS_SEARCH)).toEqual(expected);
    expect(await topGifters(c, RANGE, { ...ALWAYS_SEARCH, workDivisor: 1_000n })).toEqual(expected);
    expect(await topGifters(c, RANGE, NEVER_SEARCH)).toEqual(expected);
  });

  it("answers exactly what the events say for any distribution and range, folded or not", async () => {
    const shapes: Record<string, fc.Arbitrary<{ viewer: number; coins: number; hour: number }>> = {
      // A few give most (weights by the cube of a uniform draw), prices vary.
      skewed: fc.record({
        viewer: fc.double({ min: 0, max: 1, noNaN: true }).map((u) => Math.floor(30 * u ** 3)),
        coins: fc.constantFrom(1, 5, 10, 99, 299, 1_000, 5_000),
        hour: fc.integer({ min: 0, max: 96 }),
      }),
      // Everyone alike, coins from a short list: many ties.
      flat: fc.record({
        viewer: fc.integer({ min: 0, max: 29 }),
        coins: fc.constantFrom(10, 20),
        hour: fc.integer({ min: 0, max: 96 }),
      }),
    };
    const ranges = fc.sample(
      fc
        .tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 1, max: 72 }))
        .map(([fromHour, hours]) => ({
          from: new Date(START + fromHour * HOUR),
          to: new Date(START + (fromHour + hours) * HOUR),
          bucket: "hour" as const,
        })),
      { numRuns: 12, seed: 5 },
    );
    let stoppedEarly = 0;
    let gaveUp = 0;
    for (const [shape, arbitrary] of Object.entries(shapes)) {
      const c = newCreator();
      const events = fc.sample(arbitrary, { numRuns: 240, seed: 3 });
      const insert = (part: typeof events) =>
        Promise.all(
          part.map((e, index) =>
            give(
              c,
              `${shape}-${String(e.viewer).padStart(2, "0")}`,
              e.coins,
              new Date(START + e.hour * HOUR + index),
              index % 4 === 0 ? "tip" : undefined,
            ),
          ),
        );
      await insert(events.slice(0, 160));
      await foldEverything(env.db.sql);
      await insert(events.slice(160));
      const supporters = new Set(events.map((e) => e.viewer)).size;

      for (const range of ranges) {
        const truth = await fromEvents(c, range);
        const unlimited = await search(c, range, UNLIMITED);
        expect(unlimited.finished).toBe(true);
        expect(unlimited.top).toEqual(truth);
        if (unlimited.walked < supporters) stoppedEarly++;
        // Few candidates listed: tail supporters and everyone else at a bound.
        for (const maxCandidates of [1, 3, 12]) {
          const short = await search(c, range, { maxCandidates, maxWork: 10n ** 12n });
          if (short.finished) expect(short.top).toEqual(truth);
          else gaveUp++;
        }
        const expected = await expectedGifters(c, range);
        expect(await topGifters(c, range, ALWAYS_SEARCH)).toEqual(expected);
        expect(await topGifters(c, range, NEVER_SEARCH)).toEqual(expected);
      }
    }
    // Both outcomes happened, so the comparisons above covered both paths.
    expect(stoppedEarly).toBeGreaterThan(0);
    expect(gaveUp).toBeGreaterThan(0);
  });
});
