import { randomUUID } from "node:crypto";
import {
  accountId,
  ensureAccounts,
  type Ledger,
  PLATFORM_OWNER,
  type Sql,
  transferIdFor,
} from "@coinstream/db";
import type { Auth } from "../auth/create-auth.ts";
import { ensureOverlayKey } from "../overlay/overlay-key.ts";
import { getGuidelinesVersions } from "../services/guidelines/current-guidelines.ts";
import { ensureViewerWallet } from "../services/wallet/viewer-wallet.ts";

export const DEMO_PASSWORD = "coinstream-demo";

/** The demo people a fresh install starts with (all adults, emails verified). */
export const DEMO_PEOPLE = {
  viewer: {
    email: "viewer@demo.coinstream.local",
    name: "Demo Viewer",
    region: "US",
    coins: 5_000n,
  },
  creators: [
    {
      email: "nova@demo.coinstream.local",
      name: "Nova",
      handle: "nova",
      platform: "twitch",
      channel: "nova_live",
      url: "https://www.twitch.tv/nova_live",
      followers: 12_400,
      earlierDiamonds: 2_500n,
    },
    {
      email: "pixel@demo.coinstream.local",
      name: "Pixel",
      handle: "pixel",
      platform: "kick",
      channel: "pixelplays",
      url: "https://kick.com/pixelplays",
      followers: 850,
      earlierDiamonds: 0n,
    },
  ],
} as const;

/** The demo creators joined this long ago, so withdrawing (7 days after joining) can be tried at once. */
const DEMO_CREATOR_JOINED_DAYS_AGO = 30;

/**
 * Creates the demo viewer (with coins) and two demo creators with verified channels, once:
 * accounts go through Better Auth (real password hashes), coins through the ledger. The
 * creators joined a month ago and @nova has earlier earnings available, so a new install can
 * try a withdrawal from the dashboard at once (new diamonds are held for 7 days).
 */
export async function seedDemo(
  sql: Sql,
  ledger: Ledger,
  auth: Auth,
): Promise<"seeded" | "present"> {
  const [present] = await sql`select 1 from users where email = ${DEMO_PEOPLE.viewer.email}`;
  if (present) return "present";

  const guidelines = await getGuidelinesVersions({ sql, now: new Date() });
  const signUp = async (email: string, name: string, region: string) => {
    // The acceptance rides in the body like a form's (Better Auth's type does not list it).
    const body = {
      email,
      name,
      password: DEMO_PASSWORD,
      dateOfBirth: new Date("1990-01-01"),
      region,
      acceptedGuidelinesVersion: guidelines.current.version,
    };
    const result = await auth.api.signUpEmail({ body });
    await sql`update users set email_verified = true where id = ${result.user.id}`;
    return result.user.id;
  };

  const viewerId = await signUp(
    DEMO_PEOPLE.viewer.email,
    DEMO_PEOPLE.viewer.name,
    DEMO_PEOPLE.viewer.region,
  );
  const wallet = await ensureViewerWallet(sql, viewerId);
  const issuance = {
    coins: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_coin_issuance" }),
    diamonds: accountId({ ownerId: PLATFORM_OWNER, purpose: "platform_diamond_issuance" }),
  };
  await ensureAccounts(sql, [{ ownerId: PLATFORM_OWNER, purpose: "platform_diamond_issuance" }]);
  const [minted] = await ledger.createTransfers([
    {
      id: transferIdFor(`demo:${viewerId}`, "coins"),
      debitAccountId: issuance.coins,
      creditAccountId: wallet,
      asset: "COIN",
      amount: DEMO_PEOPLE.viewer.coins,
      code: "adjustment",
      metadata: { reason: "demo coins" },
    },
  ]);
  if (minted?.result !== "ok") throw new Error(`seeding demo coins failed: ${minted?.result}`);

  for (const creator of DEMO_PEOPLE.creators) {
    const userId = await signUp(creator.email, creator.name, "US");
    await sql`insert into creators (user_id, handle) values (${userId}, ${creator.handle})`;
    await sql`
      insert into creator_channels
        (id, creator_user_id, platform, channel, followers, followers_verified, verified_at, verification_method)
      values (${randomUUID()}, ${userId}, ${creator.platform}, ${creator.channel}, ${creator.followers}, true, now(), 'seed')`;
    await sql`
      update users set created_at = now() - make_interval(days => ${DEMO_CREATOR_JOINED_DAYS_AGO})
      where id = ${userId}`;
    const [, available] = await ensureAccounts(sql, [
      { ownerId: userId, purpose: "creator_held" },
      { ownerId: userId, purpose: "creator_available" },
    ]);
    if (creator.earlierDiamonds > 0n) {
      const [credited] = await ledger.createTransfers([
        {
          id: transferIdFor(`demo:${userId}`, "diamonds"),
          debitAccountId: issuance.diamonds,
          creditAccountId: available as string,
          asset: "DIAMOND",
          amount: creator.earlierDiamonds,
          code: "adjustment",
          metadata: { reason: "demo earlier earnings" },
        },
      ]);
      if (credited?.result !== "ok")
        throw new Error(`seeding demo diamonds failed: ${credited?.result}`);
    }
  }
  // The first demo creator is live with a goal, so the demo page and overlay have something to show.
  const [live] = await sql<{ user_id: string }[]>`
    select user_id from creators where handle = ${DEMO_PEOPLE.creators[0].handle}`;
  await sql`
    insert into stream_sessions (creator_user_id, title, goal_coins, goal_title)
    values (${live?.user_id ?? ""}, 'Demo stream', 5000, 'New microphone')`;
  return "seeded";
}

/**
 * The demo stream page (`/demo/stream/<handle>`, served by the API itself) declares its creator
 * with the meta tag, which the extension honours only on a verified website of that creator: so
 * the first demo creator gets the API's own origin as a verified website channel, on every start
 * (the API may run on another port than when the demo was seeded). An origin someone else owns
 * is left alone.
 */
export async function ensureDemoWebsite(sql: Sql, publicUrl: string): Promise<void> {
  const url = new URL(publicUrl);
  await sql`
    insert into creator_channels (creator_user_id, platform, channel, url, verified_at, verification_method)
    select c.user_id, 'web', ${url.host.toLowerCase()}, ${`${url.origin}/`}, now(), 'seed'
    from creators c
    where c.handle = ${DEMO_PEOPLE.creators[0].handle}
    on conflict do nothing`;
}

/** The OBS overlay path of the first demo creator (printed at start). */
export async function demoOverlayPath(sql: Sql): Promise<string | null> {
  const [creator] = await sql<{ user_id: string }[]>`
    select user_id from creators where handle = ${DEMO_PEOPLE.creators[0].handle}`;
  return creator ? `/overlay/${await ensureOverlayKey(sql, creator.user_id)}` : null;
}
