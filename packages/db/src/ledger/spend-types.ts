import type { ComboStreak } from "@coinstream/core";
import type { TransferRequest, TransferResult } from "./types.ts";

/**
 * A coin spend decided and written inside a ledger batch: the batch locks the wallet (with the
 * accounts) and the creator's carry row, reads the person's spend state after those locks, asks
 * `decide` (the API's rules) in submission order, splits the creator's share on the writer's carry
 * lane and writes the transfers, the stream event and the rows below in one transaction. The
 * ledger knows no spend rule: it reads, remembers what earlier spends of the batch did, and writes.
 */
export interface SpendRequest {
  /** The person spending: whose state is read (freeze, debt, guardian, limits, history). */
  readonly userId: string;
  /** Coins out of the person's wallet (`debitAccountId`); its id is the spend's idempotency id. */
  readonly coinLeg: TransferRequest;
  /**
   * Older ids the coin leg may be stored under (a spend named before its id scheme changed): when
   * one is stored, the spend is a retry of it. Read with the batch's stored ids.
   */
  readonly legacyCoinLegIds?: readonly string[];
  /**
   * A retry takes the stored coin leg's amount instead of `coinLeg.amount` (a paid message: the
   * price the viewer was shown may have changed since the first attempt paid).
   */
  readonly retryPaysStored?: boolean;
  /** A creator's share of the coins, split with core's `splitCarriedGift` on the batch's lane. */
  readonly share?: {
    readonly creatorUserId: string;
    readonly shareBps: number;
    /** The diamond leg without its amount; dropped when the share rounds to nothing. */
    readonly diamondLeg: Omit<TransferRequest, "amount">;
  };
  /**
   * The creator whose live session and boosts `decide` sees; `boosts` locks their boosts too;
   * `messages` reads their message price and whether they blocked the person.
   */
  readonly creator?: {
    readonly userId: string;
    readonly boosts?: boolean;
    readonly messages?: boolean;
  };
  /** Extra facts to read about the person. */
  readonly reads?: {
    readonly newBuyerPurchases?: boolean;
    readonly cosmetics?: boolean;
    /** The entrance effect the person wears (`viewer_profiles.entrance_effect`). */
    readonly entranceEffect?: boolean;
  };
  /** The public stream event, written with the transfers (never one without the other). */
  readonly event?: SpendEvent;
  /**
   * Rows that depend on nothing the batch reads (a paid message's inbox row), written with the
   * coin leg on a first attempt and again on a retry that matches it (keyed by the coin leg's
   * id, so a row already there stays as it is).
   */
  readonly rows?: readonly SpendRow[];
  /**
   * The rules: decides the spend on what the batch read (and what earlier spends of the batch
   * did). Called once per batch attempt; a throw refuses this spend alone, like `refuse`.
   */
  readonly decide: (facts: SpendFacts) => SpendDecision;
}

/** The event of a gift, tip or message; `payload` gets what only the batch knows. */
export interface SpendEvent {
  readonly kind: "gift" | "tip" | "message";
  readonly creatorUserId: string;
  /** A gift continues the viewer's combo on the stream (core's `continueCombo`). */
  readonly combo?: { readonly giftId: string; readonly count: number };
  /** Read whether this is the viewer's first event of this kind in the creator's live session. */
  readonly firstInSession?: boolean;
  readonly payload: (known: {
    readonly diamonds: number;
    readonly combo: ComboStreak | undefined;
    readonly at: Date;
    /**
     * Asked for with `firstInSession`: the creator is live and neither a committed event nor an
     * earlier spend of this batch is the viewer's of this kind in that session (else false).
     */
    readonly firstInSession: boolean;
    /** The person's state this spend was decided on. */
    readonly person: PersonSpendState;
  }) => Readonly<Record<string, unknown>>;
}

/** What a spend is decided on, current as of this spend within the batch. */
export interface SpendFacts {
  /** The batch transaction's time: what the transfers' `created_at` will say. */
  readonly now: Date;
  /** The coin leg is already stored (or made earlier in this batch): a retry of that spend. */
  readonly stored:
    | { readonly amount: bigint; readonly metadata: Readonly<Record<string, unknown>> }
    | undefined;
  readonly person: PersonSpendState;
  readonly creator: CreatorSpendState | undefined;
  /** Read when the spend asks for `creator.messages`. */
  readonly messages: MessageSpendState | undefined;
}

/** What a paid message to the creator depends on. */
export interface MessageSpendState {
  /** `creators.message_price_coins` (null: the user is no creator). */
  readonly priceCoins: number | null;
  /** The creator blocked the person. */
  readonly blocked: boolean;
}

export interface PersonSpendState {
  readonly frozen: boolean;
  readonly frozenReason: string | null;
  /** Coins a reversed purchase left owed (a debt freezes spending). */
  readonly owedCoins: bigint;
  readonly guardianLink: GuardianLinkFacts | null;
  /** `spending_limits.settings` as stored, or null. */
  readonly limitSettings: unknown;
  /** The wallet's spends (gift, tip, boost, message, unlock, cosmetic) of the last 31 days, this batch's included. */
  readonly history: readonly { readonly coins: number; readonly at: Date }[];
  /** Paid purchases of the person's first days as a buyer (only when asked for). */
  readonly newBuyerPurchases: readonly Date[];
  /** Cosmetics owned (only when asked for), this batch's included. */
  readonly cosmetics: readonly { readonly itemId: string; readonly transferId: string }[];
  /** The entrance effect worn (only when asked for), or null. */
  readonly entranceEffect: string | null;
}

export interface GuardianLinkFacts {
  readonly id: string;
  readonly guardianUserId: string;
  readonly mayPurchase: boolean;
  readonly guardianDateOfBirth: Date;
  readonly guardianRegion: string;
  readonly guardianCreatedAt: Date;
  readonly guardianAdultVerifiedAt: Date | null;
  readonly supervisedCreatedAt: Date;
}

export interface CreatorSpendState {
  readonly live: boolean;
  /** The latest end of the creator's boosts (read under the batch's boost lock), this batch's included. */
  readonly boostEndsAt: Date | null;
}

/** Rows a spend writes once its coin leg is accepted, in the same transaction. */
export type SpendRow =
  | {
      readonly table: "stream_boosts";
      readonly creatorUserId: string;
      readonly minutes: number;
      readonly endsAt: Date;
    }
  | { readonly table: "viewer_cosmetics"; readonly itemId: string }
  | {
      readonly table: "paid_messages";
      readonly creatorUserId: string;
      readonly senderName: string;
      readonly body: string;
    };

export type SpendDecision =
  | {
      readonly ok: true;
      /** Merged into both legs' metadata (e.g. a new buyer's `holdUntil`). */
      readonly metadata?: Readonly<Record<string, unknown>>;
      readonly rows?: readonly SpendRow[];
    }
  | {
      readonly ok: false;
      readonly error: unknown;
      /**
       * A cap or confirmation refusal: when the wallet is short of the coins as well, the ledger's
       * `exceeds_credits` answers instead (and is remembered against the id).
       */
      readonly yieldsToBalance: boolean;
    };

/** What a spend came to. */
export interface SpendOutcome {
  /** Set when `decide` refused: nothing was written. */
  readonly refusal?: { readonly error: unknown };
  /** The coin leg's result first, then the diamond leg's (when there is one). */
  readonly results: TransferResult[];
  /** The creator's diamonds (stored ones for a retry; 0 without a diamond leg). */
  readonly diamonds: number;
  /** The wallet's available coins right after this spend (exact: the wallet row is locked). */
  readonly balance: bigint;
  /** For `id_already_failed`: why the id failed the first time. */
  readonly firstFailure: string | null;
}
