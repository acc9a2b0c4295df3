import type { OutputOf } from "../../messaging/contract.ts";
import type { CreatorStatus, SectionProps } from "../types.ts";

export const STATUS: CreatorStatus = {
  isCreator: true,
  handle: "nova",
  tier: "standard",
  // The API's type is postgres.js's RowList; over the wire it is a plain array.
  channels: [
    { platform: "kick", channel: "nova", followers: 300, followersVerified: true, verified: true },
  ] as unknown as CreatorStatus["channels"],
  payoutMethod: null,
  canReceive: true,
  receiveMissing: [],
  canWithdraw: false,
  withdrawMissing: [
    { code: "NO_PAYOUT_METHOD", message: "Add a payout method before withdrawing." },
  ],
  diamonds: {
    held: 1_250,
    available: 5_000,
    reserved: 0,
    nextReleaseAt: "2026-11-29T10:00:00.000Z",
  },
};

export function sectionProps(overrides: Partial<SectionProps> = {}): SectionProps {
  return {
    status: STATUS,
    reloadStatus: async () => {},
    focusOnMount: false,
    payoutMethod: null,
    onPayoutMethodSaved: () => {},
    ...overrides,
  };
}

export const CATALOG: OutputOf<"gifts.catalog"> = {
  rateCardVersion: "2026-11",
  gifts: [
    { id: "rose", name: "Rose", coins: 1, tier: "basic", animation: "float" },
    { id: "lion", name: "Lion", coins: 29_999, tier: "legendary", animation: "fullscreen" },
  ],
} as OutputOf<"gifts.catalog">;

/** `creator.overview` agreeing with STATUS (1,250 held, 5,000 available). */
export const OVERVIEW: OutputOf<"creator.overview"> = {
  currency: "USD",
  rateCardVersion: "2026-11",
  earnings: [
    {
      window: "today",
      from: "2026-11-22T00:00:00.000Z",
      events: 3,
      coins: 120,
      diamonds: 60,
      valueUsdMinor: 30,
      reversedDiamonds: 0,
    },
    {
      window: "week",
      from: "2026-11-16T00:00:00.000Z",
      events: 20,
      coins: 2_500,
      diamonds: 1_250,
      valueUsdMinor: 625,
      reversedDiamonds: 0,
    },
    {
      window: "month",
      from: "2026-10-24T00:00:00.000Z",
      events: 41,
      coins: 12_000,
      diamonds: 6_000,
      valueUsdMinor: 3_000,
      reversedDiamonds: 15,
    },
  ],
  held: {
    diamonds: 1_250,
    valueUsdMinor: 625,
    releasingNowDiamonds: 50,
    schedule: [
      { releaseAt: "2026-11-29T10:00:00.000Z", diamonds: 1_000 },
      { releaseAt: "2026-11-30T08:00:00.000Z", diamonds: 200 },
    ],
  },
  available: { diamonds: 5_000, valueUsdMinor: 2_500, reservedDiamonds: 0 },
  withdrawal: {
    diamonds: 5_000,
    method: "bank",
    isMethodAssumed: true,
    grossUsdMinor: 2_500,
    feeUsdMinor: 100,
    netUsdMinor: 2_400,
    allowed: false,
    maxDiamonds: 5_000,
    reasons: [{ code: "NO_PAYOUT_METHOD", message: "Add a payout method before withdrawing." }],
  },
  topSupporters: [
    { rank: 1, name: "Alex", coins: 9_000 },
    { rank: 2, name: "Sam", coins: 2_000 },
    { rank: 3, name: "Kim", coins: 600 },
    { rank: 4, name: "Lee", coins: 300 },
    { rank: 5, name: "Ana", coins: 100 },
  ],
};

/** A live session as the API's session procedures and analytics show it: started by hand. */
export const SESSION = {
  id: "s1",
  title: "Demo stream",
  startedAt: "2026-11-22T12:00:00.000Z",
  endedAt: null,
  startedBy: "manual" as const,
  endedBy: null,
};
