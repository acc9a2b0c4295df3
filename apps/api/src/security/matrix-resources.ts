import { randomUUID } from "node:crypto";
import { accountId } from "@coinstream/db";
import type { Viewer } from "../services/service-context.ts";
import { createPerson } from "../test-support/people.ts";
import {
  type CreatorRole,
  freshPerson,
  type MatrixWorld,
  type SignedInRole,
} from "./matrix-world.ts";
import type { Role } from "./roles.ts";

// The things cells name, made once per world through the procedures themselves where they allow
// it. Each records the ids it hands out as its owner's, so a test can check that no other
// caller's answer ever contains them.

/** Whose creator things a cell names: the frozen account its own, everyone else the creator's. */
export const creatorSide = (role: Role): CreatorRole => (role === "frozen" ? "frozen" : "creator");

/** Whose viewer things a cell names: another viewer (and anonymous) the viewer's, others their own. */
export const viewerSide = (role: Role): SignedInRole =>
  role === "anonymous" || role === "otherViewer" ? "viewer" : role;

/** An active guardian link: `role` supervises a fresh adult; its link id and the ward. */
export function wardOf(
  w: MatrixWorld,
  role: SignedInRole,
): Promise<{ readonly linkId: string; readonly ward: Viewer }> {
  return w.once(`ward:${role}`, async () => {
    const ward = await freshPerson(w);
    const linkId = randomUUID();
    await w.sql`
      insert into guardian_links (id, guardian_user_id, supervised_user_id, activated_at)
      values (${linkId}, ${w.people[role].userId}, ${ward.userId}, now())`;
    w.remember(role, linkId, ward.userId);
    return { linkId, ward };
  });
}

/** `role` passed the card check that lets an adult be a guardian. */
export function cardCheckedAdult(w: MatrixWorld, role: SignedInRole): Promise<void> {
  return w.once(`adult:${role}`, async () => {
    await w.sql`update users set adult_verified_at = now() where id = ${w.people[role].userId}`;
  });
}

/**
 * A person who joined after `role` asked `role` (card-checked) to be their guardian: the
 * invitation waits for `role` to confirm.
 */
export function linkAwaiting(w: MatrixWorld, role: SignedInRole): Promise<string> {
  return w.once(`link:${role}`, async () => {
    await cardCheckedAdult(w, role);
    const asking = await createPerson(w.sql, { name: "Finn Fresh", createdAt: new Date() });
    const { linkId } = await w.callerFor(asking).guardian.request({ email: w.people[role].email });
    w.remember(role, linkId);
    return linkId;
  });
}

/** An invitation `role` sent (asking a fresh address to be their guardian). */
export function invitationOf(w: MatrixWorld, role: SignedInRole): Promise<string> {
  return w.once(`invitation:${role}`, () =>
    w.setUp(role, async (caller) => {
      const { linkId } = await caller.guardian.request({
        email: `invitee-${randomUUID()}@example.com`,
      });
      w.remember(role, linkId);
      return linkId;
    }),
  );
}

/**
 * The idempotency key of a spend the viewer already made with `spend` (for "another viewer
 * reuses it" cells); what the spend returned is remembered as the viewer's.
 */
export function viewerSpendKey(
  w: MatrixWorld,
  name: string,
  spend: (caller: ReturnType<MatrixWorld["callerAs"]>, key: string) => Promise<unknown>,
): Promise<string> {
  return w.once(`spend:${name}`, async () => {
    const key = randomUUID();
    w.rememberResult("viewer", await spend(w.callerAs("viewer"), key));
    return key;
  });
}

/** A paid message `role` sent to the star (so it has a sent message of its own). */
export function sentMessageOf(w: MatrixWorld, role: SignedInRole): Promise<string> {
  return w.once(`sent:${role}`, () =>
    w.setUp(role, async (caller) => {
      const sent = await caller.messages.send({
        idempotencyKey: randomUUID(),
        to: { handle: w.creators.star.handle },
        body: "Hello from the matrix",
        expectedCoins: 100,
      });
      w.remember(role, sent.messageId);
      return sent.messageId;
    }),
  );
}

/** An item `role` bought (the aqua name colour). */
export function ownedItemOf(w: MatrixWorld, role: SignedInRole): Promise<string> {
  return w.once(`item:${role}`, () =>
    w.setUp(role, async (caller) => {
      const bought = await caller.profile.buy({
        idempotencyKey: randomUUID(),
        itemId: "color-aqua",
        expectedCoins: 300,
      });
      w.remember(role, bought.transferId);
      return bought.itemId;
    }),
  );
}

/** A history cursor (a transfer's `seq`) from `role`'s account of `purpose`, as pages hand out. */
export async function transferCursorOf(
  w: MatrixWorld,
  role: SignedInRole,
  purpose: "viewer_wallet" | "creator_available",
): Promise<string> {
  const account = accountId({ ownerId: w.people[role].userId, purpose });
  const [row] = await w.sql<{ seq: string }[]>`
    select seq::text as seq from ledger_transfers
    where debit_account_id = ${account} or credit_account_id = ${account}
    order by seq desc limit 1`;
  if (!row) throw new Error(`${role} has no transfers on ${purpose}`);
  return row.seq;
}

/** A paid message from the viewer in `owner`'s inbox; `name` tells several apart. */
export function inboxMessage(w: MatrixWorld, owner: CreatorRole, name = "inbox"): Promise<string> {
  return w.once(`inbox:${owner}:${name}`, async () => {
    // A frozen creator receives nothing, so its messages arrived before the freeze.
    const send = () =>
      w.callerAs("viewer").messages.send({
        idempotencyKey: randomUUID(),
        to: { handle: w.creators[owner].handle },
        body: `A message for the ${name}`,
        expectedCoins: 100,
      });
    const sent = owner === "frozen" ? await w.whileThawed(send) : await send();
    w.remember(owner, sent.messageId);
    return sent.messageId;
  });
}

/** A message `owner` hid. */
export function hiddenMessage(w: MatrixWorld, owner: CreatorRole): Promise<string> {
  return w.once(`hidden:${owner}`, async () => {
    const id = await inboxMessage(w, owner, "hidden");
    await w.setUp(owner, (caller) => caller.messages.hide({ id }));
    return id;
  });
}

/** A message whose sender `owner` blocked. */
export function blockedSenderMessage(w: MatrixWorld, owner: CreatorRole): Promise<string> {
  return w.once(`blocked:${owner}`, async () => {
    const messageId = await inboxMessage(w, owner, "blocked");
    await w.setUp(owner, (caller) => caller.messages.block({ messageId }));
    return messageId;
  });
}

/** A supporter tier of `owner`. */
export function tierOf(w: MatrixWorld, owner: CreatorRole): Promise<string> {
  return w.once(`tier:${owner}`, () =>
    w.setUp(owner, async (caller) => {
      const tier = await caller.perks.define({ name: "Fan club", minCoins: 500 });
      w.remember(owner, tier.id);
      return tier.id;
    }),
  );
}

/** An unverified claim of `owner` on a Kick channel. */
export function unverifiedClaimOf(w: MatrixWorld, owner: CreatorRole): Promise<string> {
  return w.once(`claim:${owner}`, () =>
    w.setUp(owner, async (caller) => {
      const claim = await caller.channels.add({
        url: `https://kick.com/${w.creators[owner].handle}`,
      });
      w.remember(owner, claim.id);
      return claim.id;
    }),
  );
}

/** `owner` is live (with a coin goal when `withGoal`). */
export function liveSessionOf(w: MatrixWorld, owner: CreatorRole, withGoal = false) {
  return w.once(`live:${owner}:${withGoal}`, () =>
    w.setUp(owner, async (caller) => {
      const { session } = await caller.sessions.start({ title: "Matrix live" });
      if (withGoal) await caller.sessions.setGoal({ coins: 1_000 });
      w.remember(owner, session.id);
      return session.id;
    }),
  );
}

/** The creator's withdrawal the fraud rules hold for review (a large first one). */
export function flaggedWithdrawal(w: MatrixWorld): Promise<string> {
  return w.once("flagged", async () => {
    const withdrawal = await w.callerAs("creator").creator.withdraw({
      idempotencyKey: randomUUID(),
      diamonds: 60_000,
    });
    if (withdrawal.status !== "review")
      throw new Error(`expected review, got ${withdrawal.status}`);
    w.remember("creator", withdrawal.withdrawalId);
    return withdrawal.withdrawalId;
  });
}

/** A follower count the creator entered for a channel whose page shows none, pending review. */
export function enteredFollowerCount(w: MatrixWorld): Promise<string> {
  return w.once("entered-followers", async () => {
    const [channel] = await w.sql<{ id: string }[]>`
      insert into creator_channels
        (creator_user_id, platform, channel, followers, followers_verified, followers_review, verified_at)
      values (${w.people.creator.userId}, 'kick', ${`entered${randomUUID().slice(0, 8)}`}, 4200, false, 'pending', now())
      returning id`;
    if (!channel) throw new Error("inserting the channel returned no row");
    w.remember("creator", channel.id);
    return channel.id;
  });
}

/** A fresh account an admin may freeze, or one already frozen to unfreeze. */
export function accountToFreeze(w: MatrixWorld, frozen: boolean): Promise<string> {
  return w.once(`freeze-target:${frozen}`, async () => {
    const target = await freshPerson(w);
    if (frozen) {
      await w.sql`
        update users set frozen_at = now(), frozen_reason = 'chargebacks' where id = ${target.userId}`;
    }
    return target.userId;
  });
}

/** A support ticket `role` opened (once per world). */
export function ticketOf(w: MatrixWorld, role: SignedInRole): Promise<string> {
  return w.once(`ticket:${role}`, () =>
    w.setUp(role, async (caller) => {
      const opened = await caller.support.open({
        subject: "Coins missing",
        body: "Where are they?",
      });
      return opened.ticketId;
    }),
  );
}

/** A ticket of its own for an admin to close, so closing it leaves the others open. */
export function ticketToClose(w: MatrixWorld): Promise<string> {
  return w.once("ticket-to-close", async () => {
    const person = await freshPerson(w);
    const opened = await w
      .callerFor(person)
      .support.open({ subject: "Please close", body: "Solved already." });
    return opened.ticketId;
  });
}

/** A strike an admin issued against `owner`, not appealed yet. */
export function strikeOf(w: MatrixWorld, owner: CreatorRole): Promise<string> {
  return w.once(`strike:${owner}`, async () => {
    const [strike] = await w.sql<{ id: string }[]>`
      insert into creator_strikes (creator_user_id, reason, issued_by)
      values (${w.people[owner].userId}, 'spam in chat', ${w.people.admin.userId})
      returning id`;
    if (!strike) throw new Error("inserting the strike returned no row");
    w.remember(owner, strike.id);
    return strike.id;
  });
}

/** The viewer's open report of the star creator. */
export function openReport(w: MatrixWorld): Promise<string> {
  return w.once("report", async () => {
    const report = await w.callerAs("viewer").reports.create({
      target: { kind: "creator", handle: w.creators.star.handle },
      reason: "scam",
      details: "asks for gifts in exchange for a giveaway",
    });
    w.remember("viewer", report.reportId);
    return report.reportId;
  });
}

/** The creator's open appeal of a strike of their own. */
export function openAppeal(w: MatrixWorld): Promise<string> {
  return w.once("appeal", async () => {
    const [strike] = await w.sql<{ id: string }[]>`
      insert into creator_strikes (creator_user_id, reason, issued_by)
      values (${w.people.creator.userId}, 'off-platform payment', ${w.people.admin.userId})
      returning id`;
    const { appealId } = await w.callerAs("creator").creator.appealStrike({
      strikeId: strike?.id ?? "",
      message: "That payment link was a sponsor's, not mine.",
    });
    w.remember("creator", appealId);
    return appealId;
  });
}
