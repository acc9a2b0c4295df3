import { describe, expect, it } from "vitest";
import {
  describeEarning,
  describeSessionEnds,
  type EarningItem,
  withdrawalStatusText,
} from "./earnings.ts";
import { absoluteOverlayUrl, maskOverlayUrl } from "./overlay-url.ts";

const names = new Map([["rose", "Rose"]]);
const item = (overrides: Partial<EarningItem>): EarningItem => ({
  kind: "gift",
  of: "gift",
  diamonds: 10,
  giftId: "rose",
  count: 1,
  message: null,
  reversal: null,
  at: "2026-11-22T10:00:00.000Z",
  ...overrides,
});

describe("describeEarning", () => {
  it.each([
    [item({}), "Rose"],
    [item({ count: 3 }), "3 \u00d7 Rose"],
    [item({ giftId: "unicorn" }), "unicorn"],
    [item({ kind: "tip", of: "tip", giftId: null }), "Tip"],
    [item({ kind: "message", of: "message", giftId: null }), "Paid message"],
    [
      item({
        kind: "reversal",
        diamonds: -10,
        reversal: { reason: "chargeback", giftAt: "2026-11-20T00:00:00Z", isPartial: false },
      }),
      "Reversed gift (chargeback)",
    ],
    [
      item({
        kind: "reversal",
        of: "tip",
        diamonds: -4,
        reversal: { reason: "refund", giftAt: "2026-11-20T00:00:00Z", isPartial: true },
      }),
      "Partly reversed tip (refund)",
    ],
  ])("describes %j as %s", (earning, text) => {
    expect(describeEarning(earning, names)).toBe(text);
  });
});

describe("withdrawalStatusText", () => {
  it("explains review and failure in words", () => {
    expect(withdrawalStatusText("review").label).toBe("In review");
    expect(withdrawalStatusText("failed").explanation).toMatch(/diamonds are back/);
  });

  it("shows an unknown state as is", () => {
    expect(withdrawalStatusText("on_hold")).toEqual({
      label: "on_hold",
      explanation: "",
      tone: "neutral",
    });
  });
});

describe("absoluteOverlayUrl", () => {
  it("keeps a full URL and puts a bare path on the API's origin", () => {
    expect(absoluteOverlayUrl("https://cs.example/overlay/k", "http://127.0.0.1:3000")).toBe(
      "https://cs.example/overlay/k",
    );
    expect(absoluteOverlayUrl("/overlay/abc", "http://127.0.0.1:3000")).toBe(
      "http://127.0.0.1:3000/overlay/abc",
    );
  });
});

describe("describeSessionEnds", () => {
  it.each([
    [{ startedBy: "auto", endedBy: null, endedAt: null }, "Started automatically"],
    [{ startedBy: "manual", endedBy: null, endedAt: null }, "Started by you"],
    [
      { startedBy: "auto", endedBy: "inactivity", endedAt: "2026-11-22T12:00:00Z" },
      "Started automatically, ended automatically when quiet",
    ],
    [
      { startedBy: "manual", endedBy: "manual", endedAt: "2026-11-22T12:00:00Z" },
      "Started by you, ended by you",
    ],
  ] as const)("words %o as %s", (session, words) => {
    expect(describeSessionEnds(session)).toBe(words);
  });
});

describe("maskOverlayUrl", () => {
  it("hides the overlay's key and keeps the address around it", () => {
    expect(maskOverlayUrl("https://cs.example/overlay/AbC123_secret")).toBe(
      "https://cs.example/overlay/••••••••••••",
    );
  });
});
