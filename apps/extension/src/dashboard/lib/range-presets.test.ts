import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bucketForPreset,
  findRangePreset,
  RANGE_PRESETS,
  rangeForPreset,
} from "./range-presets.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The API's limits (apps/api/src/services/analytics/analytics-range.ts).
const MAX_DAYS = { hour: 31, day: 400 } as const;

/** What the API does with a range: widen to whole UTC buckets. */
function widened(input: { from: string; to: string; bucket: "hour" | "day" }) {
  const size = input.bucket === "hour" ? HOUR : DAY;
  const from = Math.floor(Date.parse(input.from) / size) * size;
  const to = Math.ceil(Date.parse(input.to) / size) * size;
  return { from, to, size };
}

describe("rangeForPreset", () => {
  it.each([
    ["24h", null, "2026-11-21T15:00:00.000Z", "2026-11-22T15:00:00.000Z", "hour"],
    ["7d", null, "2026-11-15T15:00:00.000Z", "2026-11-22T15:00:00.000Z", "day"],
    ["7d", "hour", "2026-11-15T15:00:00.000Z", "2026-11-22T15:00:00.000Z", "hour"],
    ["90d", "hour", "2026-08-24T15:00:00.000Z", "2026-11-22T15:00:00.000Z", "day"],
  ] as const)(
    "covers %s (bucket %s) ending at the next whole hour",
    (id, bucket, from, to, used) => {
      const now = new Date("2026-11-22T14:05:30Z");
      expect(rangeForPreset(findRangePreset(id), bucket, now)).toEqual({ from, to, bucket: used });
    },
  );

  it("includes the current hour when now is exactly on the hour", () => {
    const range = rangeForPreset(findRangePreset("24h"), null, new Date("2026-11-22T14:00:00Z"));
    expect(range.to).toBe("2026-11-22T15:00:00.000Z");
  });

  it("always asks a range the API accepts, for every preset, bucket and moment", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RANGE_PRESETS),
        fc.constantFrom("hour" as const, "day" as const, null),
        fc.date({ min: new Date("2020-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }),
        (preset, bucket, now) => {
          const input = rangeForPreset(preset, bucket, now);
          const { from, to } = widened(input);
          expect(from).toBeLessThan(to);
          expect(to - from).toBeLessThanOrEqual(MAX_DAYS[input.bucket] * DAY);
          expect(Date.parse(input.to)).toBeGreaterThan(now.getTime());
          expect(preset.buckets).toContain(input.bucket);
        },
      ),
    );
  });
});

describe("bucketForPreset", () => {
  it("keeps the bucket asked for when the preset allows it", () => {
    expect(bucketForPreset(findRangePreset("30d"), "hour")).toBe("hour");
  });

  it("falls back to the preset's default when the bucket is not allowed", () => {
    expect(bucketForPreset(findRangePreset("24h"), "day")).toBe("hour");
    expect(bucketForPreset(findRangePreset("90d"), "hour")).toBe("day");
  });
});

describe("findRangePreset", () => {
  it("returns the 7-day preset when the id is unknown", () => {
    expect(findRangePreset("1y").id).toBe("7d");
  });
});
