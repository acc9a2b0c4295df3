import type { Sql } from "../client.ts";

export type LedgerViolation =
  | {
      readonly kind: "asset_unbalanced";
      readonly asset: string;
      readonly debitsPosted: bigint;
      readonly creditsPosted: bigint;
      readonly debitsPending: bigint;
      readonly creditsPending: bigint;
    }
  | {
      readonly kind: "user_account_negative";
      readonly accountId: string;
      readonly available: bigint;
    }
  | {
      readonly kind: "transfer_names_unknown_account";
      readonly transferId: string;
      readonly accountId: string;
    }
  | {
      readonly kind: "totals_differ_from_transfers";
      readonly accountId: string;
      readonly column: "debits_posted" | "credits_posted" | "debits_pending" | "credits_pending";
      readonly recorded: bigint;
      readonly fromTransfers: bigint;
    };

// Account totals as the ledger keeps them: the row plus its slots.
const ACCOUNT_TOTALS = `
  select a.id, a.asset, a.debits_must_not_exceed_credits,
         a.debits_posted + coalesce(sum(s.debits_posted), 0) as dp,
         a.credits_posted + coalesce(sum(s.credits_posted), 0) as cp,
         a.debits_pending + coalesce(sum(s.debits_pending), 0) as dpe,
         a.credits_pending + coalesce(sum(s.credits_pending), 0) as cpe
  from ledger_accounts a left join ledger_account_slots s on s.account_id = a.id
  group by a.id`;

// What each transfer did to its two accounts, recomputed from history alone.
const EFFECTS = `
  select t.debit_account_id as account_id,
         case when t.phase in ('single', 'post_pending') then t.amount else 0 end as dp,
         0::int8 as cp,
         case when t.phase = 'pending' then t.amount
              when t.phase in ('post_pending', 'void_pending') then -p.amount else 0 end as dpe,
         0::int8 as cpe
  from ledger_transfers t left join ledger_transfers p on p.id = t.pending_id
  union all
  select t.credit_account_id,
         0::int8,
         case when t.phase in ('single', 'post_pending') then t.amount else 0 end,
         0::int8,
         case when t.phase = 'pending' then t.amount
              when t.phase in ('post_pending', 'void_pending') then -p.amount else 0 end
  from ledger_transfers t left join ledger_transfers p on p.id = t.pending_id`;

/**
 * Every violation of the ledger's invariants, or none:
 * - per asset, total debits equal total credits, posted and pending;
 * - no user account (debits must not exceed credits) has spent more than it was credited;
 * - every account's totals equal what its transfers add up to;
 * - every transfer names accounts that exist (there are no foreign keys, for speed).
 * Reads in one repeatable-read snapshot, so it is exact while writers keep writing.
 */
export async function checkLedger(sql: Sql): Promise<LedgerViolation[]> {
  return sql.begin("isolation level repeatable read read only", async (tx) => {
    const violations: LedgerViolation[] = [];

    const assets = await tx.unsafe<
      { asset: string; dp: bigint; cp: bigint; dpe: bigint; cpe: bigint }[]
    >(
      `select asset, sum(dp)::int8 dp, sum(cp)::int8 cp, sum(dpe)::int8 dpe, sum(cpe)::int8 cpe
       from (${ACCOUNT_TOTALS}) totals group by asset`,
    );
    for (const row of assets) {
      if (row.dp !== row.cp || row.dpe !== row.cpe) {
        violations.push({
          kind: "asset_unbalanced",
          asset: row.asset,
          debitsPosted: row.dp,
          creditsPosted: row.cp,
          debitsPending: row.dpe,
          creditsPending: row.cpe,
        });
      }
    }

    const negative = await tx.unsafe<{ id: string; available: bigint }[]>(
      `select id, (cp - dp - dpe)::int8 as available from (${ACCOUNT_TOTALS}) totals
       where debits_must_not_exceed_credits and dp + dpe > cp`,
    );
    for (const row of negative) {
      violations.push({
        kind: "user_account_negative",
        accountId: row.id,
        available: row.available,
      });
    }

    const differing = await tx.unsafe<
      {
        id: string;
        dp: bigint;
        cp: bigint;
        dpe: bigint;
        cpe: bigint;
        xdp: bigint;
        xcp: bigint;
        xdpe: bigint;
        xcpe: bigint;
      }[]
    >(
      `with effects as (${EFFECTS}),
       expected as (
         select account_id, sum(dp)::int8 xdp, sum(cp)::int8 xcp, sum(dpe)::int8 xdpe, sum(cpe)::int8 xcpe
         from effects group by account_id
       )
       select t.id, t.dp::int8, t.cp::int8, t.dpe::int8, t.cpe::int8,
              coalesce(e.xdp, 0) xdp, coalesce(e.xcp, 0) xcp, coalesce(e.xdpe, 0) xdpe, coalesce(e.xcpe, 0) xcpe
       from (${ACCOUNT_TOTALS}) t left join expected e on e.account_id = t.id
       where (t.dp, t.cp, t.dpe, t.cpe) is distinct from
             (coalesce(e.xdp, 0), coalesce(e.xcp, 0), coalesce(e.xdpe, 0), coalesce(e.xcpe, 0))`,
    );
    for (const row of differing) {
      const columns = [
        ["debits_posted", row.dp, row.xdp],
        ["credits_posted", row.cp, row.xcp],
        ["debits_pending", row.dpe, row.xdpe],
        ["credits_pending", row.cpe, row.xcpe],
      ] as const;
      for (const [column, recorded, fromTransfers] of columns) {
        if (recorded !== fromTransfers) {
          violations.push({
            kind: "totals_differ_from_transfers",
            accountId: row.id,
            column,
            recorded,
            fromTransfers,
          });
        }
      }
    }
    const orphans = await tx<{ id: string; account_id: string }[]>`
      select t.id, side.account_id
      from ledger_transfers t
      cross join lateral (values (t.debit_account_id), (t.credit_account_id)) as side(account_id)
      where not exists (select 1 from ledger_accounts a where a.id = side.account_id)`;
    for (const row of orphans) {
      violations.push({
        kind: "transfer_names_unknown_account",
        transferId: row.id,
        accountId: row.account_id,
      });
    }
    return violations;
  });
}
