import { checkLedger, getBalances, type Sql } from "@coinstream/db";
import type { Findings } from "./findings.ts";
import type { GiftRecord } from "./gift-load.ts";

interface LegRow {
  id: string;
  linked_group: string;
  debit_account_id: string;
  asset: string;
  amount: bigint;
  code: string;
}

/**
 * Checks the ledger against what clients were told: every acknowledged gift is in it exactly once
 * (coin leg with the id and amount the client saw, diamond leg when the share gave any), nothing
 * refused or never acknowledged is in it, no key twice, each wallet's debits are exactly its
 * acknowledged gifts, each acknowledged gift has exactly one stream event, the creator's held
 * diamonds grew by what the acknowledgements said, and `checkLedger()` finds nothing.
 */
export async function verifyGifts(
  sql: Sql,
  records: readonly GiftRecord[],
  creator: { heldAccount: string; heldBefore: bigint },
  findings: Findings,
): Promise<void> {
  const acked = records.filter((r) => r.ack);
  const refused = records.filter((r) => r.refusal);
  const unsettled = records.length - acked.length - refused.length;
  findings.fact("gifts started", records.length);
  findings.fact("gifts acknowledged", acked.length);
  findings.fact("acknowledged after a retry", acked.filter((r) => r.attempts > 1).length);
  findings.fact(
    "acknowledged as replayed (first attempt committed, its answer lost)",
    acked.filter((r) => r.ack?.replayed).length,
  );
  findings.fact("refused by a rule", refused.length);
  findings.fact(
    "attempts in all",
    records.reduce((sum, r) => sum + r.attempts, 0),
  );
  findings.check(unsettled === 0, `${unsettled} gift(s) never acknowledged nor refused`);

  const wallets = [...new Set(records.map((r) => r.person.wallet))];
  const legs = await sql<LegRow[]>`
    select id, linked_group, debit_account_id, asset, amount, code from ledger_transfers
    where code in ('gift', 'gift_diamonds')
      and (debit_account_id = any(${wallets}::uuid[]) or linked_group = any(${records.map((r) => r.key)}))`;
  const legsByKey = new Map<string, LegRow[]>();
  for (const leg of legs)
    legsByKey.set(leg.linked_group, [...(legsByKey.get(leg.linked_group) ?? []), leg]);

  let exactlyOnce = 0;
  for (const record of acked) {
    const found = legsByKey.get(record.key) ?? [];
    const coinLegs = found.filter((leg) => leg.code === "gift");
    const diamondLegs = found.filter((leg) => leg.code === "gift_diamonds");
    const coinLeg = coinLegs[0];
    const ok =
      findings.check(
        coinLegs.length === 1,
        `gift ${record.key}: ${coinLegs.length} coin legs (want 1)`,
      ) &&
      findings.check(
        coinLeg?.id === record.ack?.transferId &&
          coinLeg?.amount === BigInt(record.coins) &&
          coinLeg?.debit_account_id === record.person.wallet,
        `gift ${record.key}: stored coin leg differs from the acknowledgement`,
      ) &&
      findings.check(
        diamondLegs.length === (record.ack?.diamonds ? 1 : 0) &&
          (diamondLegs[0]?.amount ?? 0n) === BigInt(record.ack?.diamonds ?? 0),
        `gift ${record.key}: ${diamondLegs.length} diamond legs for ${record.ack?.diamonds} diamonds`,
      );
    if (ok) exactlyOnce++;
  }
  findings.fact("acknowledged gifts found exactly once in the ledger", exactlyOnce);
  for (const record of refused) {
    findings.check(
      !legsByKey.has(record.key),
      `gift ${record.key} was refused (${record.refusal}) yet is in the ledger`,
    );
  }
  const known = new Set(records.map((r) => r.key));
  const strangers = [...legsByKey.keys()].filter((key) => !known.has(key));
  findings.check(
    strangers.length === 0,
    `${strangers.length} gift(s) in the ledger no client sent`,
  );
  const keyCounts = await sql<{ twice: bigint }[]>`
    select count(*)::int8 as twice from (
      select debit_account_id, linked_group from ledger_transfers
      where code = 'gift' and debit_account_id = any(${wallets}::uuid[])
      group by 1, 2 having count(*) > 1) repeated`;
  const twice = Number(keyCounts[0]?.twice ?? 0n);
  findings.fact("idempotency keys stored twice", twice);
  findings.check(twice === 0, `${twice} idempotency key(s) stored more than once`);

  const balances = await getBalances(sql, wallets);
  let walletsAddingUp = 0;
  for (const wallet of wallets) {
    const spent = acked
      .filter((r) => r.person.wallet === wallet)
      .reduce((sum, r) => sum + BigInt(r.coins), 0n);
    const balance = balances.get(wallet);
    const holds = findings.check(
      balance !== undefined &&
        balance.debitsPosted === spent &&
        balance.available === balance.creditsPosted - spent,
      `wallet ${wallet}: credited ${balance?.creditsPosted}, debited ${balance?.debitsPosted}, ` +
        `available ${balance?.available}, acknowledged gifts ${spent}`,
    );
    if (holds) walletsAddingUp++;
  }
  findings.fact(
    "wallets where coins = credited - acknowledged gifts",
    `${walletsAddingUp}/${wallets.length}`,
  );

  const diamonds = acked.reduce((sum, r) => sum + BigInt(r.ack?.diamonds ?? 0), 0n);
  const held = (await getBalances(sql, [creator.heldAccount])).get(creator.heldAccount);
  findings.check(
    (held?.creditsPosted ?? 0n) - creator.heldBefore === diamonds,
    `creator's held diamonds grew by ${(held?.creditsPosted ?? 0n) - creator.heldBefore}, acknowledgements say ${diamonds}`,
  );
  findings.fact("diamonds credited to the creator", diamonds);

  const events = await sql<{ transfer_id: string; copies: bigint }[]>`
    select transfer_id, count(*)::int8 as copies from stream_events
    where transfer_id = any(${acked.map((r) => r.ack?.transferId ?? "")}::uuid[]) group by 1`;
  const singleEvents = events.filter((e) => e.copies === 1n).length;
  findings.fact("acknowledged gifts with exactly one stream event", singleEvents);
  findings.check(
    singleEvents === acked.length && events.length === acked.length,
    `${acked.length - singleEvents} acknowledged gift(s) without exactly one stream event`,
  );

  const violations = await checkLedger(sql);
  findings.fact("checkLedger() violations", violations.length);
  findings.check(violations.length === 0, `checkLedger(): ${JSON.stringify(violations, bigints)}`);
}

const bigints = (_key: string, value: unknown) =>
  typeof value === "bigint" ? value.toString() : value;
