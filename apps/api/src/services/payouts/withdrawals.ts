import { randomUUID } from "node:crypto";
import {
  assertEligible,
  assertWithdrawalAllowed,
  checkEligibility,
  checkWithdrawal,
  DomainError,
  DomainErrorCode,
  type PayoutMethod,
  quoteWithdrawal,
  toSafeInteger,
} from "@coinstream/core";
import {
  accountId,
  getBalances,
  type Ledger,
  PLATFORM_OWNER,
  type Sql,
  transferIdFor,
} from "@coinstream/db";
import type { PayoutProvider } from "../../payments/payout-provider.ts";
import type { Viewer } from "../../trpc/context.ts";
import { listCreatorChannels } from "../creators/creator-status.ts";
import { viewerFacts } from "../viewer-facts.ts";

/** A reservation left unsettled this long is voided by the expiry job and the diamonds return. */
const RESERVATION_SECONDS = 24 * 3_600;

export async function setPayoutMethod(
  sql: Sql,
  userId: string,
  method: PayoutMethod,
  label: string,
) {
  await sql`
    insert into payout_methods (user_id, method, label) values (${userId}, ${method}, ${label})
    on conflict (user_id) do update set method = excluded.method, label = excluded.label, updated_at = now()`;
}

/**
 * Requests a withdrawal: the rules (age, account age, payout method, minimum, daily maximum,
 * available diamonds only), then the diamonds are reserved as a pending ledger transfer. The
 * same key returns the same withdrawal.
 */
export async function requestWithdrawal(
  sql: Sql,
  ledger: Ledger,
  viewer: Viewer,
  input: { idempotencyKey: string; diamonds: number },
  now: Date,
) {
  const [method] = await sql<
    { method: PayoutMethod }[]
  >`select method from payout_methods where user_id = ${viewer.userId}`;
  const [existing] = await sql<{ id: string }[]>`
    select id from withdrawals where user_id = ${viewer.userId} and idempotency_key = ${input.idempotencyKey}`;
  if (existing) return getWithdrawal(sql, viewer.userId, existing.id);

  const [best] = await listCreatorChannels(sql, viewer.userId);
  assertEligible(
    checkEligibility(
      "withdraw",
      viewerFacts(viewer, {
        channel: best ? { verified: best.verified, followers: best.followers } : null,
        hasPayoutMethod: Boolean(method),
      }),
      now,
    ),
  );
  const available = accountId({ ownerId: viewer.userId, purpose: "creator_available" });
  const balance = (await getBalances(sql, [available])).get(available);
  const [today] = await sql<{ usd: bigint }[]>`
    select coalesce(sum(net_usd_minor), 0)::int8 as usd from withdrawals
    where user_id = ${viewer.userId} and status <> 'failed' and created_at > ${new Date(now.getTime() - 86_400_000)}`;
  assertWithdrawalAllowed(
    checkWithdrawal({
      diamonds: input.diamonds,
      availableDiamonds: toSafeInteger(balance?.available ?? 0n),
      withdrawnLast24hUsdMinor: toSafeInteger(today?.usd ?? 0n),
      hasPayoutMethod: Boolean(method),
    }),
  );
  const quote = quoteWithdrawal({ diamonds: input.diamonds, method: method?.method ?? "bank" });

  const id = randomUUID();
  const inserted = await sql`
    insert into withdrawals (id, user_id, idempotency_key, diamonds, method, net_usd_minor)
    values (${id}, ${viewer.userId}, ${input.idempotencyKey}, ${input.diamonds}, ${method?.method ?? "bank"}, ${quote.netUsdMinor})
    on conflict (user_id, idempotency_key) do nothing`;
  if (inserted.count === 0) return requestWithdrawal(sql, ledger, viewer, input, now);
  const [reserved] = await ledger.createTransfers([
    {
      id: transferIdFor(id, "reserve"),
      debitAccountId: available,
      creditAccountId: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_payout_clearing" }),
      asset: "DIAMOND",
      amount: BigInt(input.diamonds),
      code: "payout",
      phase: "pending",
      timeoutSeconds: RESERVATION_SECONDS,
      metadata: { withdrawalId: id },
    },
  ]);
  if (reserved?.result !== "ok") {
    await sql`update withdrawals set status = 'failed', failure_reason = ${reserved?.result ?? "unknown"}, settled_at = now() where id = ${id}`;
    throw new DomainError(
      DomainErrorCode.NOT_ELIGIBLE,
      "Those diamonds are no longer available to withdraw.",
    );
  }
  return getWithdrawal(sql, viewer.userId, id);
}

/**
 * Pays out pending withdrawals through the provider: each is claimed by one worker, then on
 * success its reservation is posted, on refusal voided (the diamonds return). The ledger resolves
 * a reservation once whatever happens.
 */
export async function processPendingWithdrawals(
  sql: Sql,
  ledger: Ledger,
  provider: PayoutProvider,
) {
  // Claim first: a withdrawal goes to exactly one worker, so the provider is asked to pay once.
  const pending = await sql<
    { id: string; user_id: string; net_usd_minor: bigint; label: string }[]
  >`
    with claimed as (
      update withdrawals set status = 'processing'
      where id in (
        select id from withdrawals where status = 'pending' order by created_at limit 100
        for update skip locked)
      returning id, user_id, net_usd_minor
    )
    select c.id, c.user_id, c.net_usd_minor, coalesce(p.label, '') as label
    from claimed c left join payout_methods p on p.user_id = c.user_id`;
  for (const withdrawal of pending) {
    const outcome = await provider.pay({
      withdrawalId: withdrawal.id,
      amountUsdMinor: Number(withdrawal.net_usd_minor),
      label: withdrawal.label,
    });
    const phase = outcome.ok ? "post_pending" : "void_pending";
    const [result] = await ledger.createTransfers([
      {
        id: transferIdFor(withdrawal.id, phase),
        phase,
        pendingId: transferIdFor(withdrawal.id, "reserve"),
        code: "payout",
      },
    ]);
    const settled = result?.result === "ok" || result?.result === "exists";
    const status = settled && outcome.ok ? "paid" : "failed";
    const reason = outcome.ok ? (settled ? null : (result?.result ?? "unknown")) : outcome.reason;
    await sql`
      update withdrawals set status = ${status}, failure_reason = ${reason}, settled_at = now()
      where id = ${withdrawal.id} and status = 'processing'`;
  }
  return pending.length;
}

export async function getWithdrawal(sql: Sql, userId: string, id: string) {
  const [row] = await sql<
    {
      id: string;
      diamonds: bigint;
      net_usd_minor: bigint;
      status: string;
      failure_reason: string | null;
      created_at: Date;
    }[]
  >`
    select id, diamonds, net_usd_minor, status, failure_reason, created_at from withdrawals
    where id = ${id} and user_id = ${userId}`;
  if (!row) throw new DomainError(DomainErrorCode.INVALID_INPUT, "No such withdrawal.");
  return {
    withdrawalId: row.id,
    diamonds: Number(row.diamonds),
    netUsdMinor: Number(row.net_usd_minor),
    status: row.status as "pending" | "processing" | "paid" | "failed",
    failureReason: row.failure_reason,
    createdAt: row.created_at.toISOString(),
  };
}
