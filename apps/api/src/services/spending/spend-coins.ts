import {
  assertEligible,
  checkEligibility,
  checkSpend,
  DomainError,
  DomainErrorCode,
  formatCount,
  isDomainError,
  type LimitSettings,
  toLimitExceededError,
  toSafeInteger,
} from "@coinstream/core";
import {
  accountId,
  getBalances,
  type Ledger,
  PLATFORM_OWNER,
  type Sql,
  type StoredTransfer,
  type TransferCode,
  type TransferRequest,
  transferIdFor,
} from "@coinstream/db";
import type { Viewer } from "../../trpc/context.ts";
import { accountFrozenError } from "../admin/assert-not-frozen.ts";
import { type GuardianLinkRow, supervisionOf } from "../guardians/guardian-links.ts";
import { limitSettingsFrom, type StoredSettings } from "../limits/limit-settings-store.ts";
import { viewerFacts } from "../viewer-facts.ts";

/**
 * Whether the person may spend coins at all: not frozen by an admin, gifting eligibility (age or
 * guardian, verified email) and no debt from a reversed purchase freezing the wallet. One
 * statement reads all three (the freeze is read again under the spend's lock).
 */
export async function assertMaySpend(sql: Sql, viewer: Viewer, now: Date): Promise<void> {
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
  if (row?.frozen) throw accountFrozenError(row.frozen_reason);
  const link = row?.id ? (row as GuardianLinkRow) : undefined;
  const { hasGuardian } = supervisionOf(link, now);
  assertEligible(checkEligibility("gift", viewerFacts(viewer, { hasGuardian }), now));
  const owed = row?.owed ?? 0n;
  if (owed > 0n) {
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      `Your wallet is frozen: a refunded or disputed purchase left ${formatCount(owed, "coin")} owed. Buying coins settles it first.`,
      { reasons: [{ code: "WALLET_DEBT", coins: Number(owed) }] },
    );
  }
}

export type Tx = Parameters<Parameters<Sql["begin"]>[1]>[0];

/**
 * The id of the coin leg of a person's spend under `idempotencyKey`, whatever is bought (gift,
 * tip, message, boost, cosmetic): one key is one spend, so the same key for another kind of
 * spend is a conflict the ledger reports, never a second charge.
 */
export function spendIdFor(userId: string, idempotencyKey: string): string {
  return transferIdFor(`${userId}:${idempotencyKey}`, "coins");
}

/**
 * `spendIdFor` for a purchase from the platform (boost, cosmetic), whose coin leg was once
 * named after its kind: a retry of a purchase made under that older id replays it.
 */
export async function platformSpendIdFor(
  sql: Sql,
  userId: string,
  idempotencyKey: string,
  kind: "boost" | "cosmetic",
): Promise<string> {
  const legacy = transferIdFor(`${userId}:${idempotencyKey}`, kind);
  const [paid] = await sql<{ id: string }[]>`select id from ledger_transfers where id = ${legacy}`;
  return paid ? legacy : spendIdFor(userId, idempotencyKey);
}

/** Coin spends that count against spending limits. */
const SPEND_CODES = ["gift", "tip", "boost", "message", "unlock", "cosmetic"] as const;

export interface Spend {
  readonly wallet: string;
  readonly coins: number;
  /** The person confirmed a spend at or above their confirmation threshold. */
  readonly confirmed: boolean;
  /** The first transfer moves the coins out of `wallet`; the rest are linked to it. */
  readonly transfers: readonly TransferRequest[];
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

export interface SpendHooks {
  /** Runs first inside the spend's transaction (after the person's lock): more locks, checks that may refuse. */
  readonly prepare?: (tx: Tx) => Promise<void>;
  /**
   * Runs just before the ledger write, once the spend is allowed: the transfers to write instead
   * of `spend.transfers` (the same coin leg first), e.g. a creator's share decided under a lock of
   * this transaction. `isRetry` when this key's coin leg is already stored.
   */
  readonly finalize?: (tx: Tx, isRetry: boolean) => Promise<readonly TransferRequest[]>;
  /** Runs inside the transaction once the ledger holds the coin leg: rows recording what was bought. */
  readonly record?: (tx: Tx, transfer: StoredTransfer) => Promise<void>;
}

/**
 * Spends a person's coins under their limits: one spend at a time per person (an advisory lock,
 * so racing requests cannot together pass a cap), caps and confirmation checked unless this
 * exact spend was already made (a retry), then the ledger write, all on one connection. Returns
 * the stored coin leg; throws the `DomainError` a person can act on otherwise.
 */
export async function spendCoins(
  sql: Sql,
  ledger: Ledger,
  viewer: Viewer,
  spend: Spend,
  now: Date,
  hooks: SpendHooks = {},
): Promise<{ transfer: StoredTransfer; replayed: boolean }> {
  const coinLegId = spend.transfers[0]?.id;
  if (!coinLegId) throw new Error("a spend needs its coin transfer first");
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${viewer.userId}, 0))`;
    // After the lock, in a statement of its own: it sees every commit the lock waited for.
    const state = await readSpendState(tx, viewer.userId, spend.wallet, coinLegId, now);
    // Again under the lock a freeze also takes: a freeze that won the race stops this spend.
    if (state.frozen) throw accountFrozenError(state.frozenReason);
    await hooks.prepare?.(tx);
    const already = state.alreadyPaid;
    if (!already) {
      await assertWithinLimits(viewer, spend, now, state).catch(async (refusal: unknown) => {
        // Short of coins as well: the ledger refuses it (and remembers why) before a cap speaks.
        if (!isDomainError(refusal) || (await hasCoinsFor(tx, spend))) throw refusal;
      });
    }
    const transfers = hooks.finalize ? await hooks.finalize(tx, Boolean(already)) : spend.transfers;
    const [coinLeg] = await ledger.createTransfers(transfers);
    if (coinLeg?.result !== "ok" && coinLeg?.result !== "exists") {
      const first =
        coinLeg?.result === "id_already_failed" ? await firstFailure(tx, coinLegId) : null;
      throw failureFor(coinLeg?.result ?? "unknown", spend.coins, first);
    }
    await hooks.record?.(tx, coinLeg.transfer);
    return { transfer: coinLeg.transfer, replayed: coinLeg.result === "exists" };
  });
}

async function hasCoinsFor(tx: Tx, spend: Spend): Promise<boolean> {
  const balance = (await getBalances(tx, [spend.wallet])).get(spend.wallet);
  return (balance?.available ?? 0n) >= BigInt(spend.coins);
}

/** Why the ledger refused this id the first time, as it remembered it. */
async function firstFailure(tx: Tx, id: string): Promise<string | null> {
  const [row] = await tx<{ result: string }[]>`
    select result from ledger_failed_transfers where id = ${id}`;
  return row?.result ?? null;
}

interface SpendState {
  readonly frozen: boolean;
  readonly frozenReason: string | null;
  /** This key's coin leg is already stored: a retry, checked no further. */
  readonly alreadyPaid: boolean;
  /** The person's spends of the last 31 days, for the caps. */
  readonly history: readonly { readonly coins: number; readonly at: Date }[];
  readonly limits: LimitSettings;
}

/**
 * What a spend is decided on, read in one statement under the person's lock: the freeze, whether
 * this key already paid, the last 31 days of spends and the limit settings.
 */
async function readSpendState(
  tx: Tx,
  userId: string,
  wallet: string,
  coinLegId: string,
  now: Date,
): Promise<SpendState> {
  const [row] = await tx<
    {
      frozen: boolean;
      frozen_reason: string | null;
      already: boolean;
      settings: StoredSettings | null;
      history: { amount: string; at: string }[];
    }[]
  >`
    select
      exists (select 1 from users where id = ${userId} and frozen_at is not null) as frozen,
      (select frozen_reason from users where id = ${userId}) as frozen_reason,
      exists (select 1 from ledger_transfers where id = ${coinLegId}) as already,
      (select settings from spending_limits where user_id = ${userId}) as settings,
      (select coalesce(json_agg(json_build_object('amount', amount::text, 'at', created_at)), '[]')
       from ledger_transfers
       where debit_account_id = ${wallet} and phase = 'single' and code = any(${[...SPEND_CODES]})
         and created_at > ${new Date(now.getTime() - 31 * 24 * 3_600_000)}) as history`;
  if (!row) throw new Error("reading the spend state returned no row");
  return {
    frozen: row.frozen,
    frozenReason: row.frozen_reason,
    alreadyPaid: row.already,
    history: row.history.map((spent) => ({
      coins: toSafeInteger(BigInt(spent.amount)),
      at: new Date(spent.at),
    })),
    limits: limitSettingsFrom(row.settings, now),
  };
}

async function assertWithinLimits(
  viewer: Viewer,
  spend: Spend,
  now: Date,
  { history, limits }: SpendState,
): Promise<void> {
  const decision = checkSpend(
    history,
    {
      ...(limits.viewer ? { viewer: limits.viewer } : {}),
      ...(limits.guardian ? { guardian: limits.guardian } : {}),
      accountCreatedAt: viewer.createdAt,
    },
    spend.coins,
    now,
  );
  if (!decision.allowed) throw toLimitExceededError(decision);
  if (decision.needsConfirmation && !spend.confirmed) {
    throw new DomainError(
      DomainErrorCode.CONFIRMATION_REQUIRED,
      `This spends ${formatCount(spend.coins, "coin")}, at or above the amount you asked to confirm. Confirm it to send.`,
      { coins: spend.coins },
    );
  }
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
