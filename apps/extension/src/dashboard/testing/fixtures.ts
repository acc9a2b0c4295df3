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
