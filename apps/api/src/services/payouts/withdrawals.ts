import { randomUUID } from "node:crypto";
import {
  assertEligible,
  assertWithdrawalAllowed,
  checkEligibility,
  checkWithdrawal,
  DomainError,
  DomainErrorCode,
  flagWithdrawal,
  getSupportWindowStart,
  type PayoutMethod,
  quoteWithdrawal,
  reviewsPayoutMethodChange,
  toSafeInteger,
} from "@coinstream/core";
import {
  accountId,
  getBalances,
  type Ledger,
  PLATFORM_OWNER,
  type Sql,
  type SqlRow,
  type schema,
  transferIdFor,
} from "@coinstream/db";
import type { PayoutOutcome, PayoutProvider } from "../../payments/payout-provider.ts";
import { assertNotFrozen } from "../admin/assert-not-frozen.ts";
import { channelFacts, listCreatorChannels } from "../creators/creator-status.ts";
import { getActiveRateCard } from "../rate-card/get-active-rate-card.ts";
import type { CreatorContext } from "../service-context.ts";
import { viewerFacts } from "../viewer-facts.ts";

/**
 * How long a reservation may wait: long enough for an admin to review a flagged withdrawal. A
 * pending one is claimed within a minute and a claimed one reconciled within minutes, so the
 * timeout is only the backstop that returns diamonds no withdrawal row will ever settle.
 */
const RESERVATION_SECONDS = 30 * 86_400;
/** A claim older than this is asked about at the provider (the worker died or never heard back). */
export const STUCK_CLAIM_MS = 10 * 60_000;

export type WithdrawalStatus = "review" | "pending" | "processing" | "paid" | "failed";

/** The pending ledger transfer that reserves a withdrawal's diamonds. */
export const reservationIdFor = (withdrawalId: string) => transferIdFor(withdrawalId, "reserve");

/** Stripe Connect account ids: `acct_` and letters or digits. */
export const STRIPE_ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;

/**
 * Where withdrawals are paid. A Stripe method needs the creator's connected account id, which
 * the payout provider pays; bank and PayPal keep only a label here. A new destination after an
 * earlier withdrawal puts the method under review (core's `reviewsPayoutMethodChange`): every
 * withdrawal to it is held for an admin until one approves such a withdrawal, which approves the
 * method; rejecting one leaves the review open. Setting the same destination again changes nothing.
 */
export async function setPayoutMethod(
  { sql, creator }: CreatorContext,
  input: { method: PayoutMethod; label: string; stripeAccountId?: string | null },
) {
  const { method, label } = input;
  const stripeAccountId = input.stripeAccountId ?? null;
  const { userId } = creator;
  if ((method === "stripe") !== (stripeAccountId !== null)) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      method === "stripe"
        ? "A Stripe payout method needs your connected account id (acct_...)."
        : "Only a Stripe payout method takes a connected account id.",
    );
  }
  if (stripeAccountId !== null && !STRIPE_ACCOUNT_ID.test(stripeAccountId)) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      "A Stripe connected account id is acct_ followed by letters and digits.",
    );
  }
  await assertNotFrozen(sql, userId);
  await sql.begin(async (tx) => {
    // The lock withdrawals take: a request sees the method before or after a change, never half.
    await tx`select pg_advisory_xact_lock(hashtextextended(${userId}, 0))`;
    const [current] = await tx<
      {
        method: PayoutMethod;
        label: string;
        provider_account: string | null;
        review_opened_at: Date | null;
      }[]
    >`
      select method, label, provider_account, review_opened_at from payout_methods
      where user_id = ${userId}`;
    const isNewDestination =
      current !== undefined &&
      (current.method !== method ||
        current.label !== label ||
        current.provider_account !== stripeAccountId);
    if (current && !isNewDestination) return;
    const [earlier] = await tx<{ n: bigint }[]>`
      select count(*)::int8 as n from withdrawals where user_id = ${userId}`;
    const isUnderReview = reviewsPayoutMethodChange({
      isNewDestination,
      earlierWithdrawals: toSafeInteger(earlier?.n ?? 0n),
      isUnderReview: current?.review_opened_at != null,
    });
    await tx`
      insert into payout_methods (user_id, method, label, provider_account, review_opened_at)
      values (${userId}, ${method}, ${label}, ${stripeAccountId}, ${isUnderReview ? tx`now()` : null})
      on conflict (user_id) do update set method = excluded.method, label = excluded.label,
        provider_account = excluded.provider_account, updated_at = now(),
        review_opened_at = coalesce(payout_methods.review_opened_at, excluded.review_opened_at)`;
  });
  return { method, label, stripeAccountId };
}

/**
 * Requests a withdrawal: the rules (not frozen, age, account age, payout method, minimum, daily
 * maximum, available diamonds only), then the diamonds are reserved as a pending ledger
 * transfer. Core's fraud rules may hold it for an admin (status `review`); otherwise the payout
 * job pays it. One request at a time per person (the lock spends use), so racing requests
 * cannot together pass the daily maximum. The same key returns the same withdrawal.
 *
 * Everything that needs no lock (rate card, channels) is read first; people who are not
 * creators never get here (`creatorProcedure`). Under the lock every read goes
 * through the transaction's own connection: a lock holder waiting for a second pooled
 * connection while the waiters hold all the others hangs the process.
 */
export async function requestWithdrawal(
  { sql, ledger, viewer, now }: CreatorContext,
  input: { idempotencyKey: string; diamonds: number },
) {
  await assertNotFrozen(sql, viewer.userId);
  const rateCard = await getActiveRateCard(sql, now);
  const [best] = await listCreatorChannels(sql, viewer.userId);
  const id = await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${viewer.userId}, 0))`;
    const [existing] = await tx<{ id: string }[]>`
      select id from withdrawals where user_id = ${viewer.userId} and idempotency_key = ${input.idempotencyKey}`;
    if (existing) return existing.id;
    await assertNotFrozen(tx, viewer.userId);

    const [method] = await tx<{ method: PayoutMethod; review_opened_at: Date | null }[]>`
      select method, review_opened_at from payout_methods where user_id = ${viewer.userId}`;
    assertEligible(
      checkEligibility(
        "withdraw",
        viewerFacts(viewer, {
          channel: channelFacts(best),
          hasPayoutMethod: Boolean(method),
        }),
        now,
        rateCard,
      ),
    );
    const available = accountId({ ownerId: viewer.userId, purpose: "creator_available" });
    const balance = (await getBalances(tx, [available])).get(available);
    const [history] = await tx<{ usd_24h: bigint; paid: bigint }[]>`
      select coalesce(sum(net_usd_minor) filter (
               where status <> 'failed' and created_at > ${new Date(now.getTime() - 86_400_000)}), 0)::int8 as usd_24h,
             count(*) filter (where status = 'paid') as paid
      from withdrawals where user_id = ${viewer.userId}`;
    assertWithdrawalAllowed(
      checkWithdrawal(
        {
          diamonds: input.diamonds,
          availableDiamonds: toSafeInteger(balance?.available ?? 0n),
          withdrawnLast24hUsdMinor: toSafeInteger(history?.usd_24h ?? 0n),
          hasPayoutMethod: Boolean(method),
        },
        rateCard,
      ),
    );
    if (!method) throw new Error("checkWithdrawal lets no withdrawal through without a method");
    const quote = quoteWithdrawal({ diamonds: input.diamonds, method: method.method }, rateCard);

    const supporters = await tx<{ diamonds: bigint }[]>`
      select sum(diamonds)::int8 as diamonds from stream_events
      where creator_user_id = ${viewer.userId} and viewer_user_id is not null and diamonds > 0
        and created_at > ${getSupportWindowStart(now)}
      group by viewer_user_id`;
    const flags = flagWithdrawal(
      {
        diamonds: input.diamonds,
        netUsdMinor: quote.netUsdMinor,
        paidWithdrawals: toSafeInteger(history?.paid ?? 0n),
        payoutMethodReviewOpenedAt: method.review_opened_at,
        recentDiamondsBySupporter: supporters.map((row) => toSafeInteger(row.diamonds)),
      },
      now,
      rateCard,
    );

    const withdrawalId = randomUUID();
    await tx`
      insert into withdrawals (id, user_id, idempotency_key, diamonds, method, net_usd_minor, status, flag_reason)
      values (${withdrawalId}, ${viewer.userId}, ${input.idempotencyKey}, ${input.diamonds}, ${method.method},
              ${quote.netUsdMinor}, ${flags ? "review" : "pending"},
              ${flags ? flags.map((flag) => `${flag.code}: ${flag.message}`).join("\n") : null})`;
    const [reserved] = await ledger.createTransfers([
      {
        id: reservationIdFor(withdrawalId),
        debitAccountId: available,
        creditAccountId: accountId({
          ownerId: PLATFORM_OWNER,
          purpose: "platform_payout_clearing",
        }),
        asset: "DIAMOND",
        amount: BigInt(input.diamonds),
        code: "payout",
        phase: "pending",
        timeoutSeconds: RESERVATION_SECONDS,
        metadata: { withdrawalId },
      },
    ]);
    if (reserved?.result !== "ok") {
      // Rolls the withdrawal row back with it: nothing was reserved.
      throw new DomainError(
        DomainErrorCode.NOT_ELIGIBLE,
        "Those diamonds are no longer available to withdraw.",
      );
    }
    return withdrawalId;
  });
  return getWithdrawal(sql, viewer.userId, id);
}

interface ClaimedWithdrawal {
  id: string;
  method: PayoutMethod;
  net_usd_minor: bigint;
  created_at: Date;
  current_method: PayoutMethod | null;
  label: string | null;
  provider_account: string | null;
  method_updated_at: Date | null;
}

/**
 * Pays out pending withdrawals through the provider. Each is claimed by one worker (status
 * `processing`, `claimed_at` set), so the provider is asked once; on an answer its reservation
 * is posted (paid) or voided (refused: the diamonds return). No answer (timeout, 5xx) leaves it
 * claimed for `reconcileStuckWithdrawals`. Frozen creators' withdrawals wait; a payout method
 * changed after the request, or a reservation about to expire, fails it without paying.
 */
export async function processPendingWithdrawals(
  sql: Sql,
  ledger: Ledger,
  provider: PayoutProvider,
) {
  const claimed = await sql<ClaimedWithdrawal[]>`
    with claimed as (
      update withdrawals set status = 'processing', claimed_at = now()
      where id in (
        select w.id from withdrawals w left join users u on u.id = w.user_id
        where w.status = 'pending' and u.frozen_at is null
        order by w.created_at limit 100
        for update of w skip locked)
      returning id, user_id, method, net_usd_minor, created_at
    )
    select c.id, c.method, c.net_usd_minor, c.created_at, p.method as current_method, p.label,
           p.provider_account, p.updated_at as method_updated_at
    from claimed c left join payout_methods p on p.user_id = c.user_id`;
  for (const withdrawal of claimed) {
    const refusal = await refusalBeforePaying(sql, withdrawal);
    if (refusal) {
      await settleWithdrawal(sql, ledger, withdrawal.id, { ok: false, reason: refusal });
      continue;
    }
    let outcome: PayoutOutcome;
    try {
      outcome = await provider.pay({
        withdrawalId: withdrawal.id,
        amountUsdMinor: toSafeInteger(withdrawal.net_usd_minor),
        method: withdrawal.method,
        label: withdrawal.label ?? "",
        destination: withdrawal.provider_account,
      });
    } catch {
      // The outcome is unknown: the claim stays, and reconciliation asks the provider later.
      continue;
    }
    await settleWithdrawal(sql, ledger, withdrawal.id, outcome);
  }
  return claimed.length;
}

/** Why a claimed withdrawal must not be paid, or null when it may. */
async function refusalBeforePaying(sql: Sql, withdrawal: ClaimedWithdrawal) {
  if (
    !withdrawal.current_method ||
    withdrawal.current_method !== withdrawal.method ||
    (withdrawal.method_updated_at &&
      withdrawal.method_updated_at.getTime() > withdrawal.created_at.getTime())
  ) {
    return "The payout method changed after this withdrawal was requested; request it again.";
  }
  const reservationId = reservationIdFor(withdrawal.id);
  const [reservation] = await sql<{ payable: boolean; resolved: boolean }[]>`
    select (r.timeout_at is null or r.timeout_at > now() + interval '1 hour') as payable,
           exists (select 1 from ledger_transfers x where x.pending_id = r.id) as resolved
    from ledger_transfers r where r.id = ${reservationId}`;
  // Paying a reservation that may expire before it is posted would send cash the ledger returns.
  if (!reservation || reservation.resolved || !reservation.payable) {
    return "The reservation expired before it was paid; the diamonds are back, request it again.";
  }
  return null;
}

/**
 * Asks the provider about withdrawals claimed more than `STUCK_CLAIM_MS` ago and still
 * `processing` (a worker crashed or never heard back): paid there, the reservation is posted;
 * refused, reversed or never received, it is voided. Each is re-claimed first (`claimed_at`
 * moves to `now`, `skip locked`), so two reconcilers never ask about the same one at once, and the
 * ledger resolves a reservation once whatever races. A provider that cannot answer now is
 * asked again after another `STUCK_CLAIM_MS`.
 */
export async function reconcileStuckWithdrawals(
  sql: Sql,
  ledger: Ledger,
  provider: PayoutProvider,
  now: Date,
) {
  const stuck = await sql<
    { id: string; provider_ref: string | null; destination: string | null }[]
  >`
    with stuck as (
      update withdrawals set claimed_at = ${now}
      where id in (
        select id from withdrawals
        where status = 'processing' and (claimed_at is null or claimed_at < ${new Date(now.getTime() - STUCK_CLAIM_MS)})
        order by claimed_at nulls first limit 100
        for update skip locked)
      returning id, user_id, provider_ref
    )
    select s.id, s.provider_ref, p.provider_account as destination
    from stuck s left join payout_methods p on p.user_id = s.user_id`;
  let settled = 0;
  for (const withdrawal of stuck) {
    let found: Awaited<ReturnType<PayoutProvider["lookup"]>>;
    try {
      found = await provider.lookup({
        withdrawalId: withdrawal.id,
        providerRef: withdrawal.provider_ref,
        destination: withdrawal.destination,
      });
    } catch {
      continue;
    }
    const outcome: PayoutOutcome =
      found.state === "paid"
        ? { ok: true, providerRef: found.providerRef }
        : found.state === "failed"
          ? { ok: false, reason: found.reason }
          : {
              ok: false,
              reason: "The payout provider never received this payout; the diamonds are back.",
            };
    await settleWithdrawal(sql, ledger, withdrawal.id, outcome);
    settled++;
  }
  return settled + (await failExpiredWithdrawals(sql, ledger, now));
}

/**
 * Withdrawals left in review or pending until their reservation timed out: the reservation is
 * voided (if the ledger's expiry job has not already) and the withdrawal fails, once.
 */
async function failExpiredWithdrawals(sql: Sql, ledger: Ledger, now: Date) {
  const old = await sql<{ id: string }[]>`
    select id from withdrawals
    where status in ('review', 'pending') and created_at <= ${new Date(now.getTime() - RESERVATION_SECONDS * 1_000)}
    order by created_at limit 100`;
  let failed = 0;
  for (const { id } of old) {
    const [reservation] = await sql<{ expired: boolean }[]>`
      select timeout_at <= now() as expired from ledger_transfers where id = ${reservationIdFor(id)}`;
    if (reservation && !reservation.expired) continue;
    const result = await resolveReservation(ledger, id, "void_pending");
    const status = result === "pending_transfer_already_posted" ? "paid" : "failed";
    const updated = await sql`
      update withdrawals set status = ${status}, settled_at = now(),
        failure_reason = ${status === "failed" ? "Not paid within 30 days; the diamonds are back." : null}
      where id = ${id} and status in ('review', 'pending')`;
    failed += updated.count;
  }
  return failed;
}

/** Posts or voids a withdrawal's reservation with ids derived from the withdrawal (never twice). */
export async function resolveReservation(
  ledger: Ledger,
  withdrawalId: string,
  phase: "post_pending" | "void_pending",
): Promise<string> {
  const [result] = await ledger.createTransfers([
    {
      id: transferIdFor(withdrawalId, phase),
      phase,
      pendingId: reservationIdFor(withdrawalId),
      code: "payout",
    },
  ]);
  return result?.result ?? "unknown";
}

/**
 * Records the provider's answer for a claimed withdrawal: posts the reservation when paid, voids
 * it when refused, then marks the withdrawal by what the ledger actually did. Safe to call any
 * number of times and concurrently (a second report finds the transfer there and the status
 * already moved on): the diamonds move once.
 */
export async function settleWithdrawal(
  sql: Sql,
  ledger: Ledger,
  withdrawalId: string,
  outcome: PayoutOutcome,
) {
  if (outcome.ok && outcome.providerRef) {
    await sql`update withdrawals set provider_ref = ${outcome.providerRef}
              where id = ${withdrawalId} and provider_ref is null`;
  }
  const result = await resolveReservation(
    ledger,
    withdrawalId,
    outcome.ok ? "post_pending" : "void_pending",
  );
  let status: "paid" | "failed";
  let reason: string | null;
  switch (result) {
    case "ok":
    case "exists":
      status = outcome.ok ? "paid" : "failed";
      reason = outcome.ok ? null : outcome.reason;
      break;
    case "pending_transfer_already_posted":
      status = "paid";
      reason = null;
      break;
    case "pending_transfer_already_voided":
    case "pending_transfer_expired":
    case "pending_transfer_not_found":
      status = "failed";
      reason = outcome.ok
        ? "Paid by the provider after the reservation had ended: needs a manual ledger adjustment."
        : outcome.reason;
      break;
    default:
      throw new Error(`unexpected ledger result settling withdrawal ${withdrawalId}: ${result}`);
  }
  const updated = await sql`
    update withdrawals set status = ${status}, failure_reason = ${reason}, settled_at = now()
    where id = ${withdrawalId} and status = 'processing'`;
  if (updated.count > 0 && outcome.ok && status === "failed") {
    // Cash left but the diamonds came back: rare (a reservation ended mid-payout), never silent.
    console.error(`withdrawal ${withdrawalId} was paid but its reservation had ended (${result})`);
  }
  return status;
}

type WithdrawalRow = Pick<
  SqlRow<typeof schema.withdrawals>,
  "id" | "diamonds" | "net_usd_minor" | "failure_reason" | "created_at"
> & { status: WithdrawalStatus };

/** A withdrawal as its creator sees it. */
function presentWithdrawal(row: WithdrawalRow) {
  return {
    withdrawalId: row.id,
    diamonds: Number(row.diamonds),
    netUsdMinor: Number(row.net_usd_minor),
    // review: held for an admin's look before any cash leaves (why is not shown to the creator).
    status: row.status,
    failureReason: row.failure_reason,
    createdAt: row.created_at.toISOString(),
  };
}

export async function getWithdrawal(sql: Sql, userId: string, id: string) {
  const [row] = await sql<WithdrawalRow[]>`
    select id, diamonds, net_usd_minor, status, failure_reason, created_at from withdrawals
    where id = ${id} and user_id = ${userId}`;
  if (!row) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such withdrawal.");
  return presentWithdrawal(row);
}

/** The creator's latest 50 withdrawals, newest first, in one query. */
export async function listWithdrawals({ sql, creator }: CreatorContext) {
  const rows = await sql<WithdrawalRow[]>`
    select id, diamonds, net_usd_minor, status, failure_reason, created_at from withdrawals
    where user_id = ${creator.userId} order by created_at desc, id desc limit 50`;
  return rows.map(presentWithdrawal);
}
