/** The two things the ledger counts. A transfer moves exactly one of them. */
export type Asset = "COIN" | "DIAMOND";

/** Why value moved; stored on every transfer and used to filter history. */
export type TransferCode =
  | "purchase"
  | "bonus"
  | "gift"
  | "gift_diamonds"
  | "tip"
  | "tip_diamonds"
  | "boost"
  | "message"
  | "message_diamonds"
  | "unlock"
  | "refund"
  | "chargeback"
  | "reversal"
  | "release"
  | "payout"
  | "adjustment"
  | "expire"
  | "gift_reversal"
  | "cosmetic";

/**
 * How a transfer takes effect: `single` posts at once; `pending` reserves (two-phase) until a
 * `post_pending` or `void_pending` transfer resolves it, exactly once.
 */
export type TransferPhase = "single" | "pending" | "post_pending" | "void_pending";

/** A transfer as a client asks for it. Ids are chosen by the client, so retries are safe. */
export interface TransferRequest {
  readonly id: string;
  /** For post/void these may be omitted: the pending transfer's are used. */
  readonly debitAccountId?: string;
  readonly creditAccountId?: string;
  readonly asset?: Asset;
  /** Positive; for a post, at most the pending amount (default: all of it). */
  readonly amount?: bigint;
  readonly code: TransferCode;
  readonly phase?: TransferPhase;
  /** The pending transfer a post or void resolves. */
  readonly pendingId?: string;
  /** Pending only: seconds until the reservation expires and may only be voided. */
  readonly timeoutSeconds?: number;
  /**
   * Transfers of one `createTransfers` call with the same group succeed or fail together. A
   * group must be contiguous in the batch.
   */
  readonly linkedGroup?: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** A transfer as the ledger recorded it. */
export interface StoredTransfer {
  readonly seq: bigint;
  readonly id: string;
  readonly debitAccountId: string;
  readonly creditAccountId: string;
  readonly asset: Asset;
  readonly amount: bigint;
  readonly code: TransferCode;
  readonly phase: TransferPhase;
  readonly pendingId: string | null;
  readonly linkedGroup: string | null;
  readonly timeoutAt: Date | null;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly createdAt: Date;
}

/** Outcomes of a transfer. Business outcomes are results, never exceptions. */
export type TransferResultCode =
  | "ok"
  | "exists"
  | "exists_with_different_fields"
  | "id_already_failed"
  | "id_must_be_uuid"
  | "linked_event_failed"
  | "linked_group_not_contiguous"
  | "amount_must_be_positive"
  | "accounts_must_be_different"
  | "debit_account_not_found"
  | "credit_account_not_found"
  | "asset_mismatch"
  | "exceeds_credits"
  | "pending_id_required"
  | "pending_id_must_be_absent"
  | "timeout_reserved_for_pending"
  | "pending_transfer_not_found"
  | "pending_transfer_not_pending"
  | "pending_transfer_has_different_fields"
  | "pending_transfer_already_posted"
  | "pending_transfer_already_voided"
  | "pending_transfer_expired"
  | "exceeds_pending_transfer_amount";

export type TransferResult =
  | { readonly id: string; readonly result: "ok" | "exists"; readonly transfer: StoredTransfer }
  | { readonly id: string; readonly result: Exclude<TransferResultCode, "ok" | "exists"> };

/** Totals of an account (its row plus its slots), the same shape as the database columns. */
export interface AccountTotals {
  readonly debitsPosted: bigint;
  readonly creditsPosted: bigint;
  readonly debitsPending: bigint;
  readonly creditsPending: bigint;
}
