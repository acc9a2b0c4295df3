import { CARRY_LANES, splitCarriedGift } from "@coinstream/core";
import type { Tx } from "../spending/spend-coins.ts";

/**
 * Counts a gift's coins on one of the creator's carry lanes at this share and returns the
 * diamonds it credits (core's `splitCarriedGift`), so the fractional share carries over. It takes
 * a free lane (`skip locked`) and waits, on lane 0, only when every lane is busy: at most
 * `CARRY_LANES` gifts to one creator are in flight at once. The lane's row lock lasts until the
 * spend's transaction ends, after the ledger write, so no two gifts count the same coins.
 */
export async function carryCreatorShare(
  tx: Tx,
  creator: { readonly userId: string; readonly shareBps: number },
  coins: number,
): Promise<number> {
  const take = async (wait: boolean) => {
    const [lane] = await tx.unsafe<{ coins: bigint }[]>(
      `with free as (
         select lane from creator_share_carries where creator_user_id = $1 and share_bps = $2
         order by lane limit 1 for update ${wait ? "" : "skip locked"})
       update creator_share_carries c set coins = c.coins + $3::int8 from free
       where c.creator_user_id = $1 and c.share_bps = $2 and c.lane = free.lane
       returning c.coins`,
      [creator.userId, creator.shareBps, coins],
    );
    return lane ? splitCarriedGift(lane.coins - BigInt(coins), coins, creator.shareBps) : null;
  };
  let split = await take(false);
  const key = `${creator.userId}:${creator.shareBps}`;
  // Every lane busy and the lanes known to exist: wait on lane 0 without ensuring them again.
  if (!split && lanesSeen.has(key)) split = await take(true);
  if (!split) {
    // A creator's first gift at this share (here), or every lane busy: make sure the lanes exist.
    await tx.unsafe(
      `insert into creator_share_carries (creator_user_id, share_bps, lane)
       select $1, $2, g from generate_series(0, $3::int - 1) g on conflict do nothing`,
      [creator.userId, creator.shareBps, CARRY_LANES],
    );
    split = (await take(false)) ?? (await take(true));
  }
  if (!split) throw new Error(`no carry lane for creator ${creator.userId}`);
  if (lanesSeen.size >= LANES_SEEN_CAP) lanesSeen.clear();
  lanesSeen.add(key);
  return split.diamonds;
}

/**
 * Creator and share pairs whose lanes this process has taken: lane rows are never deleted, so
 * a busy creator's gift waits on lane 0 at once instead of ensuring the lanes again (two
 * statements fewer per contended gift). A stale entry (lanes rolled back with the transaction
 * that inserted them) only costs the fallback above: `take(true)` finds none and the lanes are
 * ensured as before.
 */
const lanesSeen = new Set<string>();
const LANES_SEEN_CAP = 100_000;
