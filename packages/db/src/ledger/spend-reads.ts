import { type ComboStreak, NEW_BUYER_DAYS } from "@coinstream/core";
import type { Sql } from "../client.ts";
import {
  carryKey,
  comboKey,
  firstKey,
  type SpendSnapshot,
  type Submission,
} from "./plan-spends.ts";
import type {
  CreatorSpendState,
  GuardianLinkFacts,
  MessageSpendState,
  PersonSpendState,
} from "./spend-types.ts";

type Tx = Awaited<ReturnType<Sql["reserve"]>>;

/** Coin spends that count against spending limits. */
const SPEND_CODES = ["gift", "tip", "boost", "message", "unlock", "cosmetic"];

/** What a batch's spends need read and locked, deduplicated and sorted (the lock order). */
export interface SpendKeys {
  readonly persons: {
    user_id: string;
    wallet: string;
    hold: boolean;
    cosmetics: boolean;
    entrance: boolean;
  }[];
  readonly creators: string[];
  readonly boostCreators: string[];
  readonly combos: { creator: string; viewer: string }[];
  /** (creator, sender) pairs of paid messages: the price and whether the creator blocked them. */
  readonly messages: { creator: string; viewer: string }[];
  /** (creator, viewer, kind) whose first event in the creator's live session is asked about. */
  readonly firsts: { creator: string; viewer: string; kind: string }[];
  readonly carries: { creator: string; share: number }[];
}

export function spendKeys(submissions: readonly Submission[]): SpendKeys | null {
  const persons = new Map<string, SpendKeys["persons"][number]>();
  const creators = new Set<string>();
  const boostCreators = new Set<string>();
  const combos = new Map<string, { creator: string; viewer: string }>();
  const messages = new Map<string, { creator: string; viewer: string }>();
  const firsts = new Map<string, { creator: string; viewer: string; kind: string }>();
  const carries = new Map<string, { creator: string; share: number }>();
  for (const { spend } of submissions) {
    if (!spend) continue;
    const known = persons.get(spend.userId);
    persons.set(spend.userId, {
      user_id: spend.userId,
      wallet: spend.coinLeg.debitAccountId ?? "",
      hold: (known?.hold ?? false) || spend.reads?.newBuyerPurchases === true,
      cosmetics: (known?.cosmetics ?? false) || spend.reads?.cosmetics === true,
      entrance: (known?.entrance ?? false) || spend.reads?.entranceEffect === true,
    });
    if (spend.creator) {
      creators.add(spend.creator.userId);
      if (spend.creator.boosts) boostCreators.add(spend.creator.userId);
      if (spend.creator.messages) {
        const creator = spend.creator.userId;
        messages.set(comboKey(creator, spend.userId), { creator, viewer: spend.userId });
      }
    }
    if (spend.event?.combo) {
      const creator = spend.event.creatorUserId;
      combos.set(comboKey(creator, spend.userId), { creator, viewer: spend.userId });
    }
    if (spend.event?.firstInSession) {
      const { creatorUserId: creator, kind } = spend.event;
      firsts.set(firstKey(creator, spend.userId, kind), { creator, viewer: spend.userId, kind });
    }
    if (spend.share) {
      const { creatorUserId: creator, shareBps: share } = spend.share;
      carries.set(carryKey(creator, share), { creator, share });
    }
  }
  if (persons.size === 0) return null;
  const byKey = <T>(map: Map<string, T>) =>
    [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return {
    persons: byKey(persons),
    creators: [...creators].sort(),
    boostCreators: [...boostCreators].sort(),
    combos: byKey(combos),
    messages: byKey(messages),
    firsts: byKey(firsts),
    carries: byKey(carries),
  };
}

/**
 * Locks this batch's carry lane of every (creator, share) its spends pay, in key order, after the
 * accounts (every batch locks in that order, so none deadlock), and returns their coins. A lane
 * not there yet is missing from the map: the write inserts it (a plain insert, so a batch of
 * another process creating it first makes this one fail with a unique violation and run again,
 * then locking it), which keeps a refused spend from leaving a lane behind. A process's writers
 * use different lanes, so they never wait on each other.
 */
export function lockCarries(
  tx: Tx,
  keys: SpendKeys,
  lane: number,
): Promise<Map<string, bigint>> | null {
  if (keys.carries.length === 0) return null;
  return tx
    .unsafe<{ creator_user_id: string; share_bps: number; coins: bigint }[]>(
      `select c.creator_user_id, c.share_bps, c.coins
       from unnest($1::text[], $2::int4[]) k(creator, share)
       join creator_share_carries c
         on c.creator_user_id = k.creator and c.share_bps = k.share and c.lane = $3
       order by c.creator_user_id, c.share_bps for update of c`,
      [keys.carries.map((key) => key.creator), keys.carries.map((key) => key.share), lane],
      { prepare: true },
    )
    .then(
      (rows) =>
        new Map(rows.map((row) => [carryKey(row.creator_user_id, row.share_bps), row.coins])),
    );
}

/** One boost at a time per creator (stacking is exact): the boost locks, after the lanes. */
export function lockBoosts(tx: Tx, keys: SpendKeys): Promise<unknown> | null {
  if (keys.boostCreators.length === 0) return null;
  return tx
    .unsafe(
      `select pg_advisory_xact_lock(hashtextextended('boost:' || c, 0))
     from (select unnest($1::text[]) c order by 1) k`,
      [keys.boostCreators],
    )
    .execute(); // sent now, before the reads queued after it
}

interface PersonJson {
  user_id: string;
  frozen: boolean;
  frozen_reason: string | null;
  owed: string;
  settings: unknown;
  link: {
    id: string;
    guardian_user_id: string;
    may_purchase: boolean;
    date_of_birth: string;
    region: string;
    guardian_created_at: string;
    adult_verified_at: string | null;
    supervised_created_at: string;
  } | null;
  history: { amount: string; at: string }[];
  purchases: string[] | null;
  cosmetics: { item_id: string; transfer_id: string }[] | null;
  entrance_effect: string | null;
}

/**
 * Every person's spend state, the creators' live sessions and boosts, the viewers' last combos,
 * what their paid messages depend on (price, block) and whether they have an event in the
 * creator's live session yet, in one statement. Sent after the locks: the wallet rows are locked, so the history it
 * reads is every committed spend of those wallets (no other spend can commit until this batch
 * does), and the boost ends are read under the boost locks.
 */
export async function readSpendFacts(
  tx: Tx,
  keys: SpendKeys,
): Promise<Omit<SpendSnapshot, "carries">> {
  const [row] = await tx.unsafe<
    {
      persons: PersonJson[];
      creators: { user_id: string; live: boolean; boost_ends_at: string | null }[];
      combos: { creator: string; viewer: string; combo: ComboStreak | null }[];
      messages: { creator: string; viewer: string; price: number | null; blocked: boolean }[];
      firsts: { creator: string; viewer: string; kind: string; first: boolean }[];
    }[]
  >(
    `select
      (select coalesce(json_agg(p), '[]') from (
        select me.user_id, coalesce(u.frozen_at is not null, false) as frozen, u.frozen_reason,
          (select coalesce(sum(d.coins_owed - d.coins_settled), 0)::text from wallet_debts d
           where d.user_id = me.user_id) as owed,
          (select s.settings from spending_limits s where s.user_id = me.user_id) as settings,
          (select json_build_object('id', l.id, 'guardian_user_id', l.guardian_user_id,
              'may_purchase', l.may_purchase, 'date_of_birth', g.date_of_birth, 'region', g.region,
              'guardian_created_at', g.created_at, 'adult_verified_at', g.adult_verified_at,
              'supervised_created_at', u.created_at)
           from guardian_links l join users g on g.id = l.guardian_user_id
           where l.supervised_user_id = me.user_id limit 1) as link,
          (select coalesce(json_agg(json_build_object('amount', t.amount::text, 'at', t.created_at)), '[]')
           from ledger_transfers t
           where t.debit_account_id = me.wallet and t.phase = 'single' and t.code = any($4::text[])
             and t.created_at > now() - interval '31 days') as history,
          case when me.hold then (
            select coalesce(json_agg(pu.paid_at), '[]') from purchases pu
            where pu.user_id = me.user_id and pu.paid_at is not null
              and pu.paid_at < (select min(f.paid_at) from purchases f
                                where f.user_id = me.user_id and f.paid_at is not null)
                + make_interval(days => $5::int4)) end as purchases,
          case when me.cosmetics then (
            select coalesce(json_agg(json_build_object('item_id', vc.item_id, 'transfer_id', vc.transfer_id)), '[]')
            from viewer_cosmetics vc where vc.user_id = me.user_id) end as cosmetics,
          case when me.entrance then (
            select vp.entrance_effect from viewer_profiles vp where vp.user_id = me.user_id
          ) end as entrance_effect
        from jsonb_to_recordset($1::text::jsonb)
          as me(user_id text, wallet uuid, hold bool, cosmetics bool, entrance bool)
        left join users u on u.id = me.user_id) p) as persons,
      (select coalesce(json_agg(c), '[]') from (
        select cr.user_id,
          exists (select 1 from stream_sessions s
                  where s.creator_user_id = cr.user_id and s.ended_at is null) as live,
          (select max(b.ends_at) from stream_boosts b where b.creator_user_id = cr.user_id) as boost_ends_at
        from unnest($2::text[]) as cr(user_id)) c) as creators,
      (select coalesce(json_agg(k), '[]') from (
        select pr.creator, pr.viewer,
          (select e.payload->'combo' from stream_events e
           where e.creator_user_id = pr.creator and e.kind = 'gift' and e.viewer_user_id = pr.viewer
           order by e.id desc limit 1) as combo
        from jsonb_to_recordset($3::text::jsonb) as pr(creator text, viewer text)) k) as combos,
      (select coalesce(json_agg(m), '[]') from (
        select pr.creator, pr.viewer,
          (select c.message_price_coins from creators c where c.user_id = pr.creator) as price,
          exists (select 1 from creator_blocks b
                  where b.creator_user_id = pr.creator and b.blocked_user_id = pr.viewer) as blocked
        from jsonb_to_recordset($6::text::jsonb) as pr(creator text, viewer text)) m) as messages,
      (select coalesce(json_agg(f), '[]') from (
        select fr.creator, fr.viewer, fr.kind,
          exists (select 1 from stream_sessions s
                  where s.creator_user_id = fr.creator and s.ended_at is null
                    and not exists (
                      select 1 from stream_events e
                      where e.creator_user_id = fr.creator and e.viewer_user_id = fr.viewer
                        and e.created_at >= s.started_at and e.kind = fr.kind
                        and e.session_id = s.id)) as first
        from jsonb_to_recordset($7::text::jsonb) as fr(creator text, viewer text, kind text)) f
      ) as firsts`,
    [
      JSON.stringify(keys.persons),
      keys.creators,
      JSON.stringify(keys.combos),
      SPEND_CODES,
      NEW_BUYER_DAYS,
      JSON.stringify(keys.messages),
      JSON.stringify(keys.firsts),
    ],
    { prepare: true },
  );
  if (!row) throw new Error("reading the spend state returned no row");
  return {
    persons: new Map(row.persons.map((person) => [person.user_id, toPersonState(person)])),
    creators: new Map(
      row.creators.map((creator): [string, CreatorSpendState] => [
        creator.user_id,
        {
          live: creator.live,
          boostEndsAt: creator.boost_ends_at === null ? null : new Date(creator.boost_ends_at),
        },
      ]),
    ),
    combos: new Map(
      row.combos.map((combo) => [comboKey(combo.creator, combo.viewer), combo.combo ?? undefined]),
    ),
    messages: new Map(
      row.messages.map((pair): [string, MessageSpendState] => [
        comboKey(pair.creator, pair.viewer),
        { priceCoins: pair.price, blocked: pair.blocked },
      ]),
    ),
    firsts: new Map(
      row.firsts.map((fact) => [firstKey(fact.creator, fact.viewer, fact.kind), fact.first]),
    ),
  };
}

function toPersonState(json: PersonJson): PersonSpendState {
  const link: GuardianLinkFacts | null = json.link && {
    id: json.link.id,
    guardianUserId: json.link.guardian_user_id,
    mayPurchase: json.link.may_purchase,
    guardianDateOfBirth: new Date(json.link.date_of_birth),
    guardianRegion: json.link.region,
    guardianCreatedAt: new Date(json.link.guardian_created_at),
    guardianAdultVerifiedAt:
      json.link.adult_verified_at === null ? null : new Date(json.link.adult_verified_at),
    supervisedCreatedAt: new Date(json.link.supervised_created_at),
  };
  return {
    frozen: json.frozen,
    frozenReason: json.frozen_reason,
    owedCoins: BigInt(json.owed),
    guardianLink: link,
    limitSettings: json.settings,
    history: json.history.map((spent) => ({
      coins: Number(BigInt(spent.amount)),
      at: new Date(spent.at),
    })),
    newBuyerPurchases: (json.purchases ?? []).map((at) => new Date(at)),
    cosmetics: (json.cosmetics ?? []).map((owned) => ({
      itemId: owned.item_id,
      transferId: owned.transfer_id,
    })),
    entranceEffect: json.entrance_effect,
  };
}
