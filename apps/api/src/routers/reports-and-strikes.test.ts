import { randomUUID } from "node:crypto";
import { checkLedger } from "@coinstream/db";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../services/service-context.ts";
import {
  createAdmin,
  createCreator,
  createFundedPerson,
  createPerson,
} from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

const env = useTestLedger();
const DAY = 86_400_000;
const callerFor = (who: Viewer | null) => env.callerFor(who);

const coinsOf = async (who: Viewer) => (await callerFor(who).wallet.get()).coins;
const transferCount = async () =>
  (await env.db.sql<{ n: bigint }[]>`select count(*) as n from ledger_transfers`)[0]?.n;
const auditActions = async (adminUserId: string) =>
  (
    await env.db.sql<{ action: string }[]>`
      select action from admin_audit where admin_user_id = ${adminUserId} order by at, id`
  ).map((row) => row.action);
const rose = (handle: string) => ({
  idempotencyKey: randomUUID(),
  to: { handle },
  giftId: "rose",
  count: 1,
});
/** A strike issued `daysAgo` days ago, as an admin would have issued it then. */
async function pastStrike(creator: Viewer, daysAgo: number) {
  const admin = await createAdmin(env.db.sql);
  await env.db.sql`
    insert into creator_strikes (creator_user_id, reason, issued_by, issued_at)
    values (${creator.userId}, 'spam links', ${admin.userId}, ${new Date(Date.now() - daysAgo * DAY)})`;
}
/** A real 5-coin tip from `tipper` to `handle`; answers its public stream event's id. */
async function tipEventId(tipper: Viewer, handle: string, message: string): Promise<string> {
  await callerFor(tipper).tips.send({
    idempotencyKey: randomUUID(),
    to: { handle },
    coins: 5,
    message,
  });
  const [tip] = await env.db.sql<{ id: bigint }[]>`
    select id from stream_events where kind = 'tip' and viewer_user_id = ${tipper.userId}`;
  return String(tip?.id);
}
/** A real paid message from `sender` to `handle`; answers its id. */
async function paidMessageId(sender: Viewer, handle: string, body: string): Promise<string> {
  await callerFor(sender).messages.send({
    idempotencyKey: randomUUID(),
    to: { handle },
    body,
    expectedCoins: 100,
  });
  const [message] = await env.db.sql<{ id: string }[]>`
    select id from paid_messages where sender_user_id = ${sender.userId}`;
  return message?.id ?? "";
}
const creatorReport = (handle: string) => ({
  target: { kind: "creator" as const, handle },
  reason: "scam" as const,
  details: "sells fake giveaways",
});

describe("reports.create", () => {
  it("files reports of a creator, a tip and a paid message the reporter can see, once each while open", async () => {
    const tipper = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    const reporter = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    const star = await createCreator(env.db.sql);
    const tip = await tipEventId(tipper, star.handle, "something nasty");
    const message = await paidMessageId(reporter, star.handle, "hello");

    const caller = callerFor(reporter);
    await caller.reports.create(creatorReport(star.handle));
    await caller.reports.create({
      target: { kind: "tip", id: tip },
      reason: "harassment",
      details: "",
    });
    // The sender reports the creator's side of a private paid message.
    await caller.reports.create({
      target: { kind: "message", id: message },
      reason: "harassment",
      details: "",
    });
    const stored = await env.db.sql<{ target_kind: string; subject_user_id: string }[]>`
      select target_kind, subject_user_id from reports where reporter_user_id = ${reporter.userId}
      order by created_at`;
    expect(stored).toEqual([
      { target_kind: "creator", subject_user_id: star.user.userId },
      { target_kind: "tip", subject_user_id: tipper.userId },
      { target_kind: "message", subject_user_id: star.user.userId },
    ]);

    await expect(caller.reports.create(creatorReport(star.handle))).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You already reported this and an admin has not looked at it yet.",
    });
    // Someone else may report the same creator.
    await callerFor(tipper).reports.create(creatorReport(star.handle));
  });

  it("refuses a target that does not exist or that the reporter cannot see, and reporting oneself, storing nothing", async () => {
    const reporter = await createPerson(env.db.sql);
    const sender = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    const star = await createCreator(env.db.sql);
    const message = await paidMessageId(sender, star.handle, "private");
    const caller = callerFor(reporter);
    for (const target of [
      { kind: "creator" as const, handle: "nobody-here" },
      { kind: "tip" as const, id: "999999999" },
      { kind: "message" as const, id: message },
      { kind: "message" as const, id: randomUUID() },
    ]) {
      await expect(
        caller.reports.create({ target, reason: "other", details: "" }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(
      callerFor(star.user).reports.create(creatorReport(star.handle)),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "You cannot report yourself." });
    await expect(
      caller.reports.create({ ...creatorReport(star.handle), reason: "boring" as "other" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const [count] = await env.db.sql<{ n: bigint }[]>`
      select count(*) as n from reports where reporter_user_id in (${reporter.userId}, ${star.user.userId})`;
    expect(count?.n).toBe(0n);
  });

  it("refuses the eleventh report in 24 hours with LIMIT_EXCEEDED and when to retry", async () => {
    const reporter = await createPerson(env.db.sql);
    const creators = await Promise.all(Array.from({ length: 11 }, () => createCreator(env.db.sql)));
    for (const creator of creators.slice(0, 10)) {
      await callerFor(reporter).reports.create(creatorReport(creator.handle));
    }
    const [first] = await env.db.sql<{ created_at: Date }[]>`
      select created_at from reports where reporter_user_id = ${reporter.userId}
      order by created_at limit 1`;

    const refused = callerFor(reporter).reports.create(creatorReport(creators[10]?.handle ?? ""));
    await expect(refused).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      cause: expect.objectContaining({
        code: "LIMIT_EXCEEDED",
        details: {
          retryAt: new Date((first?.created_at.getTime() ?? 0) + DAY).toISOString(),
          limit: 10,
        },
      }),
    });
    const [count] = await env.db.sql<{ n: bigint }[]>`
      select count(*) as n from reports where reporter_user_id = ${reporter.userId}`;
    expect(count?.n).toBe(10n);
  });
});

describe("admin.reports and admin.resolveReport", () => {
  it("lists open reports and resolves them as dismissed or with a strike, audited, once", async () => {
    const admin = await createAdmin(env.db.sql);
    const reporter = await createPerson(env.db.sql);
    const tipper = await createFundedPerson(env.db.sql, env.ledger, 100n);
    const star = await createCreator(env.db.sql);
    const other = await createCreator(env.db.sql);
    const { reportId: aboutStar } = await callerFor(reporter).reports.create(
      creatorReport(star.handle),
    );
    const { reportId: aboutOther } = await callerFor(reporter).reports.create(
      creatorReport(other.handle),
    );
    const tip = await tipEventId(tipper, star.handle, "rude");
    const { reportId: aboutTipper } = await callerFor(reporter).reports.create({
      target: { kind: "tip", id: tip },
      reason: "harassment",
      details: "",
    });

    const open = await callerFor(admin).admin.reports();
    expect(open.map((report) => report.reportId)).toEqual(
      expect.arrayContaining([aboutStar, aboutOther, aboutTipper]),
    );
    expect(open.find((report) => report.reportId === aboutStar)).toMatchObject({
      subjectHandle: star.handle,
      reason: "scam",
      details: "sells fake giveaways",
      status: "open",
    });

    const caller = callerFor(admin).admin;
    expect(
      await caller.resolveReport({ reportId: aboutOther, outcome: "dismissed", note: "a sponsor" }),
    ).toMatchObject({ status: "dismissed", strikeId: null });
    const struck = await caller.resolveReport({
      reportId: aboutStar,
      outcome: "strike",
      note: "fake giveaways",
    });
    expect(struck.status).toBe("strike_issued");
    const strikes = await env.db.sql<{ id: string; report_id: string; reason: string }[]>`
      select id, report_id, reason from creator_strikes where creator_user_id = ${star.user.userId}`;
    expect(strikes).toEqual([
      { id: struck.strikeId, report_id: aboutStar, reason: "fake giveaways" },
    ]);
    await expect(
      caller.resolveReport({ reportId: aboutStar, outcome: "dismissed", note: "again" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // A tipper is a viewer: no strike for them, and the report stays open.
    await expect(
      caller.resolveReport({ reportId: aboutTipper, outcome: "strike", note: "rude tip" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.reports()).map((report) => report.reportId)).toContain(aboutTipper);
    expect((await caller.reports({ status: "resolved", limit: 10 })).map((r) => r.status)).toEqual(
      expect.arrayContaining(["dismissed", "strike_issued"]),
    );

    // One row per action (a strike from a report writes both, in one transaction).
    expect((await auditActions(admin.userId)).sort()).toEqual([
      "issue_strike",
      "list_reports",
      "list_reports",
      "list_reports",
      "resolve_report",
      "resolve_report",
    ]);
  });
});

describe("strikes, suspension and appeals", () => {
  it("suspends a creator at the third strike in 90 days: gifts are refused naming the end, no coins move; withdrawing one on appeal lets gifts through again", async () => {
    const admin = await createAdmin(env.db.sql);
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 1_000n);
    const star = await createCreator(env.db.sql);
    await pastStrike(star.user, 80);
    await pastStrike(star.user, 30);
    await callerFor(viewer).gifts.send(rose(star.handle));

    const third = await callerFor(admin).admin.issueStrike({
      handle: star.handle,
      reason: "hate speech on stream",
    });
    const until = new Date(new Date(third.issuedAt).getTime() + 14 * DAY).toISOString();
    const transfersBefore = await transferCount();

    await expect(callerFor(viewer).gifts.send(rose(star.handle))).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining(
        `suspend receiving gifts until ${until.slice(0, 16).replace("T", " ")} UTC`,
      ),
      cause: expect.objectContaining({
        code: "NOT_ELIGIBLE",
        details: { reasons: [expect.objectContaining({ code: "SUSPENDED", until })] },
      }),
    });
    await expect(
      callerFor(viewer).tips.send({
        idempotencyKey: randomUUID(),
        to: { handle: star.handle },
        coins: 5,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await coinsOf(viewer)).toBe(999);
    expect(await transferCount()).toBe(transfersBefore);
    expect(await checkLedger(env.db.sql)).toEqual([]);
    expect(await callerFor(null).streams.resolve({ handle: star.handle })).toMatchObject({
      found: true,
      creator: { canReceive: false },
    });

    const standing = await callerFor(star.user).creator.standing();
    expect(standing).toMatchObject({ activeStrikes: 3, suspendedUntil: until, openAppeals: 0 });
    expect(standing.strikes[0]).toMatchObject({
      id: third.strikeId,
      reason: "hate speech on stream",
      counts: true,
      canAppeal: true,
      appeal: null,
    });

    // The creator appeals once; another creator cannot name the strike.
    const other = await createCreator(env.db.sql);
    const appeal = {
      strikeId: third.strikeId,
      message: "That was a quote from a film, in context.",
    };
    await expect(callerFor(other.user).creator.appealStrike(appeal)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { appealId } = await callerFor(star.user).creator.appealStrike(appeal);
    await expect(callerFor(star.user).creator.appealStrike(appeal)).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You already appealed this strike; each strike can be appealed once.",
    });
    expect(await callerFor(star.user).creator.standing()).toMatchObject({ openAppeals: 1 });
    expect(await callerFor(admin).admin.appeals()).toEqual(
      expect.arrayContaining([expect.objectContaining({ appealId, handle: star.handle })]),
    );

    await callerFor(admin).admin.decideAppeal({
      appealId,
      decision: "withdraw",
      note: "quoted in context",
    });
    expect(await callerFor(star.user).creator.standing()).toMatchObject({
      activeStrikes: 2,
      suspendedUntil: null,
      openAppeals: 0,
      strikes: expect.arrayContaining([
        expect.objectContaining({
          id: third.strikeId,
          withdrawn: true,
          counts: false,
          canAppeal: false,
          appeal: expect.objectContaining({ status: "withdrawn", note: "quoted in context" }),
        }),
      ]),
    });
    await callerFor(viewer).gifts.send(rose(star.handle));
    expect(await coinsOf(viewer)).toBe(998);
    await expect(
      callerFor(admin).admin.decideAppeal({ appealId, decision: "uphold", note: "changed mind" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await auditActions(admin.userId)).toEqual([
      "issue_strike",
      "list_appeals",
      "appeal_withdrawn",
    ]);
  });

  it("keeps the suspension when the appeal is upheld, and lets a suspension end after 14 days", async () => {
    const admin = await createAdmin(env.db.sql);
    const viewer = await createFundedPerson(env.db.sql, env.ledger, 100n);
    const star = await createCreator(env.db.sql);
    const ended = await createCreator(env.db.sql);
    await pastStrike(star.user, 20);
    await pastStrike(star.user, 10);
    const third = await callerFor(admin).admin.issueStrike({ handle: star.handle, reason: "scam" });
    // Three strikes whose third is 15 days old: that suspension is over.
    for (const days of [40, 30, 15]) await pastStrike(ended.user, days);

    const { appealId } = await callerFor(star.user).creator.appealStrike({
      strikeId: third.strikeId,
      message: "I did not mean to mislead anyone.",
    });
    await callerFor(admin).admin.decideAppeal({
      appealId,
      decision: "uphold",
      note: "it was a scam",
    });
    expect((await callerFor(star.user).creator.standing()).suspendedUntil).not.toBeNull();
    await expect(callerFor(viewer).gifts.send(rose(star.handle))).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      callerFor(star.user).creator.appealStrike({
        strikeId: third.strikeId,
        message: "Once more, please.",
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    expect(await callerFor(ended.user).creator.standing()).toMatchObject({
      activeStrikes: 3,
      suspendedUntil: null,
    });
    await callerFor(viewer).gifts.send(rose(ended.handle));
    expect(await coinsOf(viewer)).toBe(99);
  });

  it("refuses creator standing and appeals to people who are not creators", async () => {
    const viewer = await createPerson(env.db.sql);
    await expect(callerFor(viewer).creator.standing()).rejects.toMatchObject({
      cause: expect.objectContaining({ code: "NOT_ELIGIBLE" }),
    });
  });
});
