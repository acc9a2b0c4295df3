import type { AccountTotals } from "./types.ts";

export const ZERO_TOTALS: AccountTotals = {
  debitsPosted: 0n,
  creditsPosted: 0n,
  debitsPending: 0n,
  creditsPending: 0n,
};

export function addTotals(a: AccountTotals, b: AccountTotals): AccountTotals {
  return {
    debitsPosted: a.debitsPosted + b.debitsPosted,
    creditsPosted: a.creditsPosted + b.creditsPosted,
    debitsPending: a.debitsPending + b.debitsPending,
    creditsPending: a.creditsPending + b.creditsPending,
  };
}

/** What a user account can still spend: posted credits less posted and reserved debits. */
export function availableBalance(totals: AccountTotals): bigint {
  return totals.creditsPosted - totals.debitsPosted - totals.debitsPending;
}

/** Adds `delta` to the entry for `key` in `map`. */
export function addToMap(map: Map<string, AccountTotals>, key: string, delta: AccountTotals): void {
  map.set(key, addTotals(map.get(key) ?? ZERO_TOTALS, delta));
}
