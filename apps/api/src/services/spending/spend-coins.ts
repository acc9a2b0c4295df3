import {
  assertEligible,
  checkEligibility,
  checkSpend,
  DomainError,
  DomainErrorCode,
  formatCount,
  type LimitSettings,
  toLimitExceededError,
  toSafeInteger,
} from "@coinstream/core";
import {
  accountId,
  type GuardianLinkFacts,
  type PersonSpendState,
  PLATFORM_OWNER,
  type SpendDecision,
  type SpendFacts,
  type SpendRequest,
  type SpendRow,
  type StoredTransfer,
  type TransferCode,
  type TransferRequest,
  transferIdFor,
} from "@coinstream/db";
import { accountFrozenError } from "../admin/assert-not-frozen.ts";
import { type GuardianLinkRow, supervisionOf } from "../guardians/guardian-links.ts";
import { limitSettingsFrom, type StoredSettings } from "../limits/limit-settings-store.ts";
import type { Viewer, ViewerContext } from "../service-context.ts";
import { viewerFacts } from "../viewer-facts.ts";

/**
 * The id of the coin leg of a person's spend under `idempotencyKey`, whatever is bought (gift,
 * tip, message, boost, cosmetic): one key is one spend, so the same key for another kind of
 * spend is a conflict the ledger reports, never a second charge.
 */
export function spendIdFor(userId: string, idempotencyKey: string): string {
  return transferIdFor(`${userId}:${idempotencyKey}`, "coins");
}

/**
 * The older id of a purchase from the platform (boost, cosmetic), whose coin leg was once named
 * after its kind: the batch reads it with the stored ids (`legacyCoinLegIds`), and a retry of a
 * purchase made under it replays that one.
 */
export function legacyPlatformSpendId(
  userId: string,
  idempotencyKey: string,
  kind: "boost" | "cosmetic",
): string {
  return transferIdFor(`${userId}:${idempotencyKey}`, kind);
}

export interface Spend {
  readonly wallet: string;
  readonly coins: number;
  /** The person confirmed a spend at or above their confirmation threshold. */
  readonly confirmed: boolean;
  /** Moves the coins out of `wallet`; its id is the spend's idempotency id. */
  readonly coinLeg: TransferRequest;
}

/** The one transfer of a purchase from the platform itself (a boost, a cosmetic): coins to revenue. */
export function paymentToPlatform(payment: {
  readonly id: string;
  readonly wallet: string;
  readonly coins: number;
  readonly code: TransferCode;
  readonly metadata: Readonly<Record<string, unknown>>;
}): TransferRequest {
  return {
    id: payment.id,
    debitAccountId: payment.wallet,
    creditAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_revenue" }),
    asset: "COIN",
    amount: BigInt(payment.coins),
    code: payment.code,
    metadata: payment.metadata,
  };
}

/** What a kind of spend adds to the batch's decision (see `SpendRequest`). */
export interface SpendKind
  extends Pick<
    SpendRequest,
    "share" | "creator" | "reads" | "event" | "rows" | "retryPaysStored" | "legacyCoinLegIds"
  > {
  /**
   * The kind's own rules on a first attempt, after the freeze, eligibility and debt and before
   * the caps: throw to refuse (before any balance or cap speaks); return the legs' extra metadata
   * and the rows to write with the coins.
   */
  readonly check?: (facts: SpendFacts) => {
    readonly metadata?: Readonly<Record<string, unknown>>;
    readonly rows?: readonly SpendRow[];
  };
  /** On a retry: the metadata of the first attempt, so the legs match what was stored. */
  readonly replayMetadata?: (stored: NonNullable<SpendFacts["stored"]>) => Record<string, unknown>;
}

/**
 * Spends a person's coins under their limits, decided inside the ledger's batch (one submission,
 * no transaction of the request's own): the batch locks the wallet, reads the person's freeze,
 * guardian, debt, limits and 31-day history after that lock, and calls `decideSpend` in
 * submission order, so racing spends can never together pass a cap. Returns the stored coin leg,
 * the creator's diamonds and the wallet's balance after the spend; throws the `DomainError` a
 * person can act on otherwise.
 */
export async function spendCoins(
  { ledger, viewer, now }: Pick<ViewerContext, "ledger" | "viewer" | "now">,
  spend: Spend,
  kind: SpendKind = {},
): Promise<{ transfer: StoredTransfer; replayed: boolean; diamonds: number; balance: number }> {
  const outcome = await ledger.spend({
    userId: viewer.userId,
    coinLeg: spend.coinLeg,
    ...(kind.share ? { share: kind.share } : {}),
    ...(kind.creator ? { creator: kind.creator } : {}),
    ...(kind.reads ? { reads: kind.reads } : {}),
    ...(kind.event ? { event: kind.event } : {}),
    ...(kind.rows ? { rows: kind.rows } : {}),
    ...(kind.retryPaysStored ? { retryPaysStored: true } : {}),
    ...(kind.legacyCoinLegIds ? { legacyCoinLegIds: kind.legacyCoinLegIds } : {}),
    decide: (facts) => decideSpend(viewer, spend, now, kind, facts),
  });
  if (outcome.refusal) throw outcome.refusal.error;
  const [coinLeg] = outcome.results;
  if (coinLeg?.result !== "ok" && coinLeg?.result !== "exists") {
    throw failureFor(coinLeg?.result ?? "unknown", spend.coins, outcome.firstFailure);
  }
  return {
    transfer: coinLeg.transfer,
    replayed: coinLeg.result === "exists",
    diamonds: outcome.diamonds,
    balance: toSafeInteger(outcome.balance),
  };
}

/**
 * The rules of every spend, run by the ledger's batch on the person's state: not frozen (a
 * freeze that commits first stops the spend), gifting eligibility (age or guardian, verified
 * email), no debt from a reversed purchase, then on a first attempt the kind's rules, the caps
 * and the confirmation threshold. A cap refusal yields to "not enough coins".
 */
function decideSpend(
  viewer: Viewer,
  spend: Spend,
  now: Date,
  kind: SpendKind,
  facts: SpendFacts,
): SpendDecision {
  const { person } = facts;
  assertMaySpendOn(viewer, person, now);
  if (facts.stored) return { ok: true, metadata: kind.replayMetadata?.(facts.stored) ?? {} };
  const accepted = kind.check?.(facts) ?? {};
  const decision = checkSpend(
    person.history,
    {
      ...limitsOf(limitSettingsFrom(person.limitSettings as StoredSettings | null, now)),
      accountCreatedAt: viewer.createdAt,
    },
    spend.coins,
    now,
  );
  if (!decision.allowed) {
    return { ok: false, error: toLimitExceededError(decision), yieldsToBalance: true };
  }
  if (decision.needsConfirmation && !spend.confirmed) {
    return {
      ok: false,
      error: new DomainError(
        DomainErrorCode.CONFIRMATION_REQUIRED,
        `This spends ${formatCount(spend.coins, "coin")}, at or above the amount you asked to confirm. Confirm it to send.`,
        { coins: spend.coins },
      ),
      yieldsToBalance: true,
    };
  }
  return { ok: true, ...accepted };
}

/**
 * Whether the person may spend coins at all: not frozen by an admin, gifting eligibility (age or
 * guardian, verified email) and no debt from a reversed purchase freezing the wallet.
 */
function assertMaySpendOn(
  viewer: Viewer,
  person: Pick<PersonSpendState, "frozen" | "frozenReason" | "guardianLink" | "owedCoins">,
  now: Date,
): void {
  if (person.frozen) throw accountFrozenError(person.frozenReason);
  const { hasGuardian } = supervisionOf(guardianLinkRow(person.guardianLink), now);
  assertEligible(checkEligibility("gift", viewerFacts(viewer, { hasGuardian }), now));
  if (person.owedCoins > 0n) {
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      `Your wallet is frozen: a refunded or disputed purchase left ${formatCount(person.owedCoins, "coin")} owed. Buying coins settles it first.`,
      { reasons: [{ code: "WALLET_DEBT", coins: Number(person.owedCoins) }] },
    );
  }
}

/**
 * Throws `refusal` (a refusal found before the spend reached the ledger, e.g. an unknown
 * creator), unless the person may not spend at all: that answer comes first, as it did when it
 * was checked before anything else. One statement, on refusals only: a spend that goes ahead is
 * checked in the ledger's batch.
 */
export async function refuseSpend(
  { sql, viewer, now }: Pick<ViewerContext, "sql" | "viewer" | "now">,
  refusal: unknown,
): Promise<never> {
  const [row] = await sql<
    (Partial<GuardianLinkRow> & { frozen: boolean; frozen_reason: string | null; owed: bigint })[]
  >`
    select coalesce(u.frozen_at is not null, false) as frozen, u.frozen_reason,
           (select coalesce(sum(coins_owed - coins_settled), 0)::int8 from wallet_debts
            where user_id = me.id) as owed,
           l.id, l.guardian_user_id, l.may_purchase, g.date_of_birth, g.region,
           g.created_at as guardian_created_at, g.adult_verified_at,
           u.created_at as supervised_created_at
    from (values (${viewer.userId}::text)) as me (id)
    left join users u on u.id = me.id
    left join guardian_links l on l.supervised_user_id = u.id
    left join users g on g.id = l.guardian_user_id
    limit 1`;
  const link = row?.id ? (row as GuardianLinkRow) : undefined;
  assertMaySpendOn(
    viewer,
    {
      frozen: row?.frozen ?? false,
      frozenReason: row?.frozen_reason ?? null,
      owedCoins: row?.owed ?? 0n,
      guardianLink: link
        ? {
            id: link.id,
            guardianUserId: link.guardian_user_id,
            mayPurchase: link.may_purchase,
            guardianDateOfBirth: link.date_of_birth,
            guardianRegion: link.region,
            guardianCreatedAt: link.guardian_created_at,
            guardianAdultVerifiedAt: link.adult_verified_at,
            supervisedCreatedAt: link.supervised_created_at,
          }
        : null,
    },
    now,
  );
  throw refusal;
}

const limitsOf = (limits: LimitSettings) => ({
  ...(limits.viewer ? { viewer: limits.viewer } : {}),
  ...(limits.guardian ? { guardian: limits.guardian } : {}),
});

/** The batch's guardian link facts as `supervisionOf` reads a link row. */
function guardianLinkRow(link: GuardianLinkFacts | null): GuardianLinkRow | undefined {
  return link === null
    ? undefined
    : {
        id: link.id,
        guardian_user_id: link.guardianUserId,
        may_purchase: link.mayPurchase,
        date_of_birth: link.guardianDateOfBirth,
        region: link.guardianRegion,
        guardian_created_at: link.guardianCreatedAt,
        adult_verified_at: link.guardianAdultVerifiedAt,
        supervised_created_at: link.supervisedCreatedAt,
      };
}

function failureFor(result: string, coins: number, first: string | null): DomainError {
  switch (result) {
    case "exceeds_credits":
      return new DomainError(
        DomainErrorCode.INSUFFICIENT_COINS,
        `Not enough coins: this costs ${formatCount(coins, "coin")}. Buy more coins to send it.`,
        { coins },
      );
    case "exists_with_different_fields":
      return new DomainError(
        DomainErrorCode.IDEMPOTENCY_CONFLICT,
        "This request key was already used for a different spend; use a new key.",
      );
    case "id_already_failed": {
      const original = first === "exceeds_credits" ? failureFor(first, coins, null) : null;
      return new DomainError(
        DomainErrorCode.IDEMPOTENCY_CONFLICT,
        original
          ? `This request was already refused: not enough coins for its ${formatCount(coins, "coin")}. Buy coins, then send it again with a new key.`
          : "This request was already refused; send it again with a new key.",
        { originalCode: original?.code ?? null, originalResult: first },
      );
    }
    default:
      throw new Error(`unexpected ledger result for a spend: ${result}`);
  }
}
