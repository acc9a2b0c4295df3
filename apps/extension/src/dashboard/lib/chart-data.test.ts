import { describe, expect, it } from "vitest";
import {
  describeGifters,
  describeGiftMix,
  describeSeries,
  type SeriesPoint,
  shapeGifters,
  shapeGiftMix,
  shapeSeries,
} from "./chart-data.ts";

const point = (at: string, coins: number, diamonds = Math.floor(coins / 2)): SeriesPoint => ({
  at,
  coins,
  diamonds,
  gifts: 0,
  tips: 0,
  messages: 0,
});

const series = [
  point("2026-11-20T00:00:00.000Z", 100),
  point("2026-11-21T00:00:00.000Z", 300),
  point("2026-11-22T00:00:00.000Z", 0),
];

describe("shapeSeries", () => {
  it("labels each bucket and keeps coins and diamonds in order", () => {
    expect(shapeSeries(series, "day")).toEqual({
      labels: ["20 Nov", "21 Nov", "22 Nov"],
      coins: [100, 300, 0],
      diamonds: [50, 150, 0],
    });
  });
});

describe("describeSeries", () => {
  it("sums the range and names the best bucket", () => {
    expect(describeSeries(series, "day")).toBe(
      "From 20 Nov to 22 Nov: 400 coins given, 200 diamonds earned. Best day: 21 Nov with 300 coins.",
    );
  });

  it("says so when the range is empty", () => {
    expect(
      describeSeries([point("2026-11-22T10:00:00.000Z", 0)], "hour", { timeZone: "UTC" }),
    ).toBe("From 22 Nov, 10:00 to 22 Nov, 10:00: no gifts, tips or paid messages yet.");
    expect(describeSeries([], "day")).toBe("No data for this range.");
  });
});

describe("shapeGiftMix", () => {
  const names = new Map([
    ["rose", "Rose"],
    ["lion", "Lion"],
  ]);

  it("names gifts from the catalog and orders them by coins", () => {
    expect(
      shapeGiftMix(
        [
          { giftId: "rose", count: 10, coins: 10, diamonds: 5 },
          { giftId: "lion", count: 1, coins: 29_999, diamonds: 15_000 },
          { giftId: "new-gift", count: 2, coins: 20, diamonds: 10 },
        ],
        names,
      ),
    ).toEqual({
      labels: ["Lion", "new-gift", "Rose"],
      coins: [29_999, 20, 10],
      counts: [1, 2, 10],
    });
  });

  it("folds the smallest into Other gifts past the limit, keeping the totals", () => {
    const mix = Array.from({ length: 5 }, (_, i) => ({
      giftId: `g${i}`,
      count: i + 1,
      coins: (i + 1) * 100,
      diamonds: 0,
    }));
    const shaped = shapeGiftMix(mix, names, 3);
    expect(shaped.labels).toEqual(["g4", "g3", "Other gifts"]);
    expect(shaped.coins).toEqual([500, 400, 600]);
    expect(shaped.counts.reduce((a, b) => a + b)).toBe(15);
  });

  it("describes the mix with totals", () => {
    expect(
      describeGiftMix(shapeGiftMix([{ giftId: "rose", count: 3, coins: 3, diamonds: 1 }], names)),
    ).toBe("Gifts worth 3 coins in total. Rose: 3 sent, 3 coins.");
    expect(describeGiftMix(shapeGiftMix([], names))).toBe("No gifts in this range.");
  });
});

describe("shapeGifters", () => {
  it("pairs the labels with the counts", () => {
    expect(shapeGifters({ new: 4, returning: 6 })).toEqual({
      labels: ["New gifters", "Returning gifters"],
      values: [4, 6],
    });
  });

  it("describes the share of returning gifters", () => {
    expect(describeGifters({ new: 4, returning: 6 })).toBe(
      "10 people gave: 4 new, 6 returning (60% returning).",
    );
    expect(describeGifters({ new: 0, returning: 0 })).toBe("Nobody gave in this range yet.");
  });
});
