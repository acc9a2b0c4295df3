import { randomUUID } from "node:crypto";
import { RATE_CARD } from "@coinstream/core";
import type { InputOf, ProcedurePath } from "../trpc/procedure-paths.ts";
import {
  accountToFreeze,
  blockedSenderMessage,
  cardCheckedAdult,
  creatorSide,
  enteredFollowerCount,
  flaggedWithdrawal,
  hiddenMessage,
  inboxMessage,
  invitationOf,
  linkAwaiting,
  liveSessionOf,
  openAppeal,
  openReport,
  ownedItemOf,
  sentMessageOf,
  strikeOf,
  ticketOf,
  ticketToClose,
  tierOf,
  transferCursorOf,
  unverifiedClaimOf,
  viewerSide,
  viewerSpendKey,
  wardOf,
} from "./matrix-resources.ts";
import { type CreatorRole, freshPerson, type MatrixWorld } from "./matrix-world.ts";
import type { Role } from "./roles.ts";

/** The valid input a cell calls with, made for `role` (it may set up what it names first). */
export type Arrange<P extends ProcedurePath> = (
  w: MatrixWorld,
  role: Role,
) => InputOf<P> | Promise<InputOf<P>>;

const none = () => undefined;
/** The roles that are creators, each going live in a session of its own. */
const isCreator = (role: Role): role is CreatorRole =>
  role === "creator" || role === "otherCreator" || role === "frozen";
const key = () => randomUUID();
const freshHandle = () => `m${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const star = (w: MatrixWorld) => ({ handle: w.creators.star.handle });

/** A spend with a fresh key, or, for another viewer, with the key the viewer already used. */
async function spendKey<P extends ProcedurePath>(
  w: MatrixWorld,
  role: Role,
  path: P,
  withKey: (idempotencyKey: string) => InputOf<P>,
): Promise<string> {
  if (role !== "otherViewer") return key();
  return viewerSpendKey(w, path, (caller, idempotencyKey) =>
    callPath(caller, path, withKey(idempotencyKey)),
  );
}

/** Calls the procedure at `path` on a caller (procedures are one level deep). */
export function callPath(caller: object, path: string, input: unknown): Promise<unknown> {
  const [group, name] = path.split(".") as [string, string];
  const procedure = (caller as Record<string, Record<string, (input: unknown) => unknown>>)[
    group
  ]?.[name];
  if (!procedure) throw new Error(`no procedure ${path}`);
  return Promise.resolve(procedure(input));
}

const gift = (w: MatrixWorld, idempotencyKey: string) => ({
  idempotencyKey,
  to: star(w),
  giftId: "rose",
  count: 1,
});
const tip = (w: MatrixWorld, idempotencyKey: string) => ({
  idempotencyKey,
  to: star(w),
  coins: 10,
});
const boost = (w: MatrixWorld, idempotencyKey: string) => ({
  idempotencyKey,
  to: star(w),
  minutes: RATE_CARD.boost.minMinutes,
  confirmOffline: true,
});
const message = (w: MatrixWorld, idempotencyKey: string) => ({
  idempotencyKey,
  to: star(w),
  body: "Love the stream",
  expectedCoins: 100,
});
const cosmetic = (idempotencyKey: string) => ({
  idempotencyKey,
  itemId: "color-rose",
  expectedCoins: 300,
});
const checkout = (idempotencyKey: string) => ({
  idempotencyKey,
  item: { customCoins: 500 },
});
const range = () => ({
  from: new Date(Date.now() - 7 * 86_400_000).toISOString(),
  to: new Date().toISOString(),
  bucket: "day" as const,
});
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

/** Every procedure's input per role. A missing procedure is a type error here. */
export const MATRIX_CASES: { readonly [P in ProcedurePath]: Arrange<P> } = {
  "me.get": none,
  "me.guidelines": none,
  "me.acceptGuidelines": () => ({ version: 1 }),
  "guidelines.current": none,
  "reports.create": (w) => ({
    target: { kind: "creator", handle: w.creators.star.handle },
    reason: "harassment",
    details: "",
  }),

  "store.checkout": async (w, role) =>
    checkout(await spendKey(w, role, "store.checkout", checkout)),
  "store.purchases": none,
  "store.packs": () => ({ region: "DE" }),

  "gifts.catalog": none,
  "gifts.preview": () => ({ giftId: "rose", count: 3 }),
  "gifts.send": async (w, role) =>
    gift(w, await spendKey(w, role, "gifts.send", (k) => gift(w, k))),

  "wallet.get": none,
  "wallet.history": async (w, role) =>
    role === "otherViewer"
      ? { cursor: await transferCursorOf(w, "viewer", "viewer_wallet"), limit: 10 }
      : { limit: 10 },
  "wallet.exportCsv": none,

  "tips.send": async (w, role) => tip(w, await spendKey(w, role, "tips.send", (k) => tip(w, k))),

  "streams.resolve": (w) => star(w),
  "streams.events": async (w) => {
    // One stored event, replayed from the start, so a subscriber receives something at once.
    await w.once("star-gift", () => w.callerAs("viewer").gifts.send(gift(w, key())));
    return { to: star(w), lastEventId: "0" };
  },
  "streams.leaderboard": (w) => ({ to: star(w), period: "all" }),
  "streams.boost": async (w, role) =>
    boost(w, await spendKey(w, role, "streams.boost", (k) => boost(w, k))),
  "streams.live": none,
  "streams.open": (w) => ({ handle: w.creators.creator.handle }),
  "streams.reportLive": (w) => ({ to: star(w) }),

  "limits.get": none,
  "limits.set": () => ({ dailyCoins: 5_000 }),

  "guardian.invite": async (w, role) => {
    await cardCheckedAdult(w, role === "anonymous" ? "viewer" : role);
    return role === "otherViewer"
      ? { email: (await wardOf(w, "viewer")).ward.email }
      : { email: await freshPersonEmail(w) };
  },
  "guardian.request": async (w) => ({ email: await freshPersonEmail(w) }),
  "guardian.confirm": async (w, role) => ({ linkId: await linkAwaiting(w, viewerSide(role)) }),
  "guardian.decline": async (w, role) => ({ linkId: await linkAwaiting(w, viewerSide(role)) }),
  "guardian.cancel": async (w, role) => ({ linkId: await invitationOf(w, viewerSide(role)) }),
  "guardian.startAgeCheck": none,
  "guardian.setControls": async (w, role) => ({
    linkId: (await wardOf(w, viewerSide(role))).linkId,
    caps: { dailyCoins: 100 },
  }),
  "guardian.links": none,
  "guardian.notifications": none,

  "creator.register": (w, role) => ({
    handle: isCreator(role) ? w.creators[creatorSide(role)].handle : freshHandle(),
  }),
  "creator.status": none,
  "creator.standing": none,
  "creator.appealStrike": async (w, role) => ({
    strikeId: await strikeOf(w, creatorSide(role)),
    message: "It was a misunderstanding, please look again.",
  }),
  "creator.overview": () => ({ utcOffsetMinutes: 60 }),
  "creator.overlaySettings": none,
  "creator.setOverlaySettings": () => ({
    minAlertCoins: 10,
    alertSeconds: 5,
    sound: { enabled: true, volumePercent: 40 },
    fullScreenTiers: ["legendary" as const],
    showGoalBar: true,
    showTopGifters: false,
    colours: { highlight: "#ffcc00", accent: "#7c3aed", text: "#ffffff", panel: "#000000aa" },
  }),
  "creator.sendTestAlert": () => ({ tier: "deluxe" as const }),
  "creator.boosts": none,
  "creator.earnings": async (w, role) =>
    role === "otherCreator"
      ? { cursor: await transferCursorOf(w, "creator", "creator_available"), limit: 10 }
      : { limit: 10 },
  "creator.setPayoutMethod": () => ({ method: "paypal", label: "pal@example.com" }),
  "creator.withdraw": async (w, role) => {
    const idempotencyKey =
      role === "otherCreator"
        ? await w.once("withdraw-key", async () => {
            const reused = key();
            w.rememberResult(
              "creator",
              await w.callerAs("creator").creator.withdraw({
                idempotencyKey: reused,
                diamonds: 1_000,
              }),
            );
            return reused;
          })
        : key();
    return { idempotencyKey, diamonds: 1_000 };
  },
  "creator.withdrawals": none,

  "channels.add": (w, role) => ({
    url:
      role === "otherCreator" ? w.creators.creator.url : `https://www.twitch.tv/${freshHandle()}`,
  }),
  "channels.verify": (w, role) => ({ channelId: w.creators[creatorSide(role)].claimId }),
  "channels.setFollowers": (w, role) => ({
    channelId: w.creators[creatorSide(role)].claimId,
    followers: 4_200,
  }),
  "channels.unlink": async (w, role) => ({
    channelId: await unverifiedClaimOf(w, creatorSide(role)),
  }),
  "channels.list": none,

  "analytics.dashboard": range,
  "analytics.exportCsv": range,

  "sessions.start": () => ({ title: "Friday stream" }),
  "sessions.end": async (w, role) => {
    if (isCreator(role)) await liveSessionOf(w, role);
  },
  "sessions.setGoal": async (w, role) => {
    if (isCreator(role)) await liveSessionOf(w, role);
    return { coins: 2_500, title: "New mic" };
  },
  "sessions.clearGoal": async (w, role) => {
    if (isCreator(role)) await liveSessionOf(w, role, true);
  },
  "sessions.current": (w) => star(w),

  "perks.list": (w) => star(w),
  "perks.mine": (w) => star(w),
  "perks.tiers": () => ({ includeArchived: true }),
  "perks.define": () => ({ name: "Inner circle", minCoins: 1_000, badge: "ring" }),
  "perks.update": async (w, role) => ({
    id: await tierOf(w, creatorSide(role)),
    name: "Renamed by the matrix",
  }),
  "perks.archive": async (w, role) => ({ id: await tierOf(w, creatorSide(role)) }),

  "messages.price": (w) => star(w),
  "messages.setPrice": () => ({ coins: 250 }),
  "messages.send": async (w, role) =>
    message(w, await spendKey(w, role, "messages.send", (k) => message(w, k))),
  "messages.sent": async (w, role) =>
    role === "otherViewer" ? { cursor: await sentMessageOf(w, "viewer") } : {},
  "messages.inbox": async (w, role) =>
    role === "otherCreator" ? { cursor: await inboxMessage(w, "creator") } : {},
  "messages.markRead": async (w, role) => ({ id: await inboxMessage(w, creatorSide(role)) }),
  "messages.reply": async (w, role) => ({
    id: await inboxMessage(w, creatorSide(role)),
    body: "Thank you!",
  }),
  "messages.hide": async (w, role) => ({ id: await inboxMessage(w, creatorSide(role)) }),
  "messages.unhide": async (w, role) => ({ id: await hiddenMessage(w, creatorSide(role)) }),
  "messages.block": async (w, role) => ({
    messageId: await inboxMessage(w, creatorSide(role)),
  }),
  "messages.unblock": async (w, role) => ({
    messageId: await blockedSenderMessage(w, creatorSide(role)),
  }),
  "messages.blocked": none,

  "profile.catalog": none,
  "profile.get": none,
  // The viewer's earlier purchase is another item: the viewer may buy the rose name later too.
  "profile.buy": async (w, role) =>
    cosmetic(
      await spendKey(w, role, "profile.buy", (k) => ({
        ...cosmetic(k),
        itemId: "frame-silver",
        expectedCoins: 500,
      })),
    ),
  "profile.wear": async (w, role) => ({ nameColor: await ownedItemOf(w, viewerSide(role)) }),

  "support.open": () => ({ subject: "A question", body: "How do gifts work?" }),
  "support.list": none,
  "support.reply": async (w, role) => ({
    ticketId: await ticketOf(w, viewerSide(role)),
    body: "Any news?",
  }),

  "overlay.get": none,
  "overlay.rotate": none,

  "admin.freeze": async (w) => ({ userId: await accountToFreeze(w, false), reason: "fraud ring" }),
  "admin.unfreeze": async (w) => ({ userId: await accountToFreeze(w, true) }),
  "admin.flaggedWithdrawals": none,
  "admin.approveWithdrawal": async (w) => ({ id: await flaggedWithdrawal(w) }),
  "admin.rejectWithdrawal": async (w) => ({
    id: await flaggedWithdrawal(w),
    reason: "looks like a stolen card",
  }),
  "admin.enteredFollowerCounts": none,
  "admin.reviewFollowerCount": async (w) => ({
    channelId: await enteredFollowerCount(w),
    decision: "approve",
  }),
  "admin.runLedgerCheck": none,
  "admin.publishRateCard": () => ({ version: RATE_CARD.version, activeFrom: inAnHour() }),
  "admin.createPromotion": () => futurePromotion(),
  "admin.endPromotion": async (w) => ({
    id: await w.once("promotion", async () => {
      const created = await w.callerAs("admin").admin.createPromotion(futurePromotion());
      return created.id;
    }),
  }),
  "admin.promotions": none,
  "admin.supportQueue": () => ({ status: "open" as const, limit: 10 }),
  "admin.replySupport": async (w) => ({
    ticketId: await ticketOf(w, "viewer"),
    body: "We found them.",
  }),
  "admin.closeSupport": async (w) => ({ ticketId: await ticketToClose(w) }),
  "admin.audit": () => ({ limit: 10 }),
  "admin.reports": none,
  "admin.resolveReport": async (w) => ({
    reportId: await openReport(w),
    outcome: "dismissed",
    note: "not a scam: a sponsored giveaway",
  }),
  "admin.issueStrike": (w) => ({ handle: w.creators.otherCreator.handle, reason: "spam links" }),
  "admin.appeals": none,
  "admin.decideAppeal": async (w) => ({
    appealId: await openAppeal(w),
    decision: "uphold",
    note: "the link was the creator's",
  }),
  // Effective in an hour: the other cells' spends keep working on the version in effect.
  "admin.publishGuidelines": () => ({
    title: "Community guidelines",
    body: "Be kind. No scams. Gifts are gifts, never payment for anything.",
    effectiveAt: inAnHour(),
  }),
};

/** A promotion that starts tomorrow, so it changes no other cell's purchase. */
function futurePromotion() {
  return {
    name: "Matrix sale",
    bonus: { kind: "percent" as const, bonusBps: 1_000 },
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
  };
}

async function freshPersonEmail(w: MatrixWorld): Promise<string> {
  return (await freshPerson(w)).email;
}
