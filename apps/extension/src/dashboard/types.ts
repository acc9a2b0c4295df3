import type { OutputOf } from "../messaging/contract.ts";

/** `creator.status` for someone who registered a handle. */
export type CreatorStatus = Extract<OutputOf<"creator.status">, { isCreator: true }>;

/** A payout method saved in this visit (the API has no query for it yet). */
export type SavedPayoutMethod = OutputOf<"creator.setPayoutMethod">;

/** What every section gets from the dashboard around it. */
export interface SectionProps {
  readonly status: CreatorStatus;
  /** Asks `creator.status` again (after anything that changes eligibility or diamonds). */
  readonly reloadStatus: () => Promise<void>;
  /** True when the person navigated here (the heading then takes focus). */
  readonly focusOnMount: boolean;
  readonly payoutMethod: SavedPayoutMethod | null;
  readonly onPayoutMethodSaved: (method: SavedPayoutMethod) => void;
}
