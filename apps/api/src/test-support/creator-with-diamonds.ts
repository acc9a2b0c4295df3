import { randomUUID } from "node:crypto";
import { accountId, type Ledger, type Sql } from "@coinstream/db";
import { releaseHeldDiamonds } from "../services/earnings/release-held-diamonds.ts";
import type { Viewer } from "../services/service-context.ts";
import type { appRouter } from "../trpc/root.ts";
import { createFundedPerson, createPerson } from "./people.ts";

const DAY = 86_400_000;
type Caller = ReturnType<typeof appRouter.createCaller>;

/**
 * A creator (a 30-day-old account with a verified channel of 500 followers) with `diamonds`
 * released to available, tipped by `fans` supporters in equal parts, and a bank payout method.
 */
export async function creatorWithAvailable(
  world: {
    readonly sql: Sql;
    readonly ledger: Ledger;
    readonly callerFor: (who: Viewer) => Caller;
  },
  diamonds: number,
  { fans = 1, payoutLabel = "Checking ••42" }: { fans?: number; payoutLabel?: string } = {},
) {
  const { sql, ledger, callerFor } = world;
  const creator = await createPerson(sql, { createdAt: new Date(Date.now() - 30 * DAY) });
  const handle = `h${randomUUID().slice(0, 8)}`;
  await callerFor(creator).creator.register({ handle });
  await sql`
    insert into creator_channels (creator_user_id, platform, channel, followers, followers_verified, verified_at)
    values (${creator.userId}, 'twitch', ${handle}, 500, true, now())`;
  for (let i = 0; i < fans; i++) {
    const coins = (diamonds * 2) / fans;
    const fan = await createFundedPerson(sql, ledger, BigInt(coins));
    await callerFor(fan).tips.send({ idempotencyKey: randomUUID(), to: { handle }, coins });
  }
  await releaseHeldDiamonds(sql, ledger, new Date(Date.now() + 8 * DAY));
  await callerFor(creator).creator.setPayoutMethod({ method: "bank", label: payoutLabel });
  const available = accountId({ ownerId: creator.userId, purpose: "creator_available" });
  const balance = async () => (await ledger.getBalances([available])).get(available);
  return { creator, handle, balance };
}
