import { fileURLToPath } from "node:url";
import type { DomainErrorCode } from "@coinstream/core";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPC_CODE_FOR } from "../trpc/domain-error-codes.ts";
import type { ProcedurePath } from "../trpc/procedure-paths.ts";
import { ROLE_LABELS, ROLES, type Role } from "./roles.ts";

/** What a call gets: it runs, or the rulebook's code (tRPC's own code for sign-in). */
export type Outcome = "allowed" | "UNAUTHORIZED" | DomainErrorCode;

export type MatrixRow = Readonly<Record<Role, Outcome>> & {
  /** What the "another ..." cells aim at, when it is more than the caller's own things. */
  readonly note?: string;
};

type Overrides = Partial<Record<Role, Outcome>> & { readonly note?: string };

/** Public: anyone, signed in or not, frozen or not. */
const everyone = (overrides: Overrides = {}): MatrixRow => ({
  anonymous: "allowed",
  viewer: "allowed",
  otherViewer: "allowed",
  creator: "allowed",
  otherCreator: "allowed",
  admin: "allowed",
  frozen: "allowed",
  ...overrides,
});

/** Anyone signed in, on their own things; a frozen account may read and change settings. */
const signedIn = (overrides: Overrides = {}): MatrixRow =>
  everyone({ anonymous: "UNAUTHORIZED", ...overrides });

/** Moves the caller's coins (or starts buying them): a frozen account moves no value. */
const spends = (overrides: Overrides = {}): MatrixRow =>
  signedIn({ frozen: "ACCOUNT_FROZEN", ...overrides });

/** Registered creators only (the frozen account is a creator); others are told to register. */
const creatorsOnly = (overrides: Overrides = {}): MatrixRow =>
  signedIn({
    viewer: "NOT_ELIGIBLE",
    otherViewer: "NOT_ELIGIBLE",
    admin: "NOT_ELIGIBLE",
    ...overrides,
  });

/** Admins, by the role in the users table, on an account that is not frozen. */
const adminsOnly = (overrides: Overrides = {}): MatrixRow =>
  everyone({
    anonymous: "UNAUTHORIZED",
    viewer: "FORBIDDEN",
    otherViewer: "FORBIDDEN",
    creator: "FORBIDDEN",
    otherCreator: "FORBIDDEN",
    frozen: "FORBIDDEN",
    ...overrides,
  });

const KEY_REUSE = "reuses the first one's idempotency key: gets a result of its own";

/**
 * Every procedure x role, with the outcome a call with valid input for that role gets. The test
 * in authorization-matrix.test.ts calls every cell; docs/AUTHORIZATION.md is rendered from it.
 */
export const AUTHORIZATION_MATRIX: Readonly<Record<ProcedurePath, MatrixRow>> = {
  "me.get": signedIn(),
  "me.guidelines": signedIn(),
  "me.acceptGuidelines": signedIn(),
  "guidelines.current": everyone(),
  "reports.create": signedIn({ note: "everyone reports the star creator" }),

  "store.checkout": spends({ note: `another viewer ${KEY_REUSE}` }),
  "store.purchases": signedIn(),
  "store.packs": everyone(),

  "gifts.catalog": everyone(),
  "gifts.preview": everyone(),
  "gifts.send": spends({ note: `another viewer ${KEY_REUSE}` }),

  "wallet.get": signedIn(),
  "wallet.history": signedIn({ note: "another viewer pages with the viewer's cursor" }),
  "wallet.exportCsv": signedIn(),

  "tips.send": spends({ note: `another viewer ${KEY_REUSE}` }),

  "streams.resolve": everyone(),
  "streams.events": everyone({ note: "a subscription: checked for the public rule only" }),
  "streams.leaderboard": everyone(),
  "streams.boost": spends({ note: `another viewer ${KEY_REUSE}` }),
  "streams.live": everyone(),
  "streams.open": everyone({ note: "a click through counts for signed-in viewers only" }),
  "streams.reportLive": signedIn(),

  "limits.get": signedIn(),
  "limits.set": signedIn(),

  "guardian.invite": signedIn({
    note: "another viewer invites the viewer's ward: an invitation like any other, which the ward may decline",
  }),
  "guardian.request": signedIn(),
  "guardian.confirm": signedIn({
    otherViewer: "NOT_FOUND",
    note: "another viewer confirms an invitation waiting for the viewer",
  }),
  "guardian.decline": signedIn({
    otherViewer: "NOT_FOUND",
    note: "another viewer declines an invitation waiting for the viewer",
  }),
  "guardian.cancel": signedIn({
    otherViewer: "NOT_FOUND",
    note: "another viewer cancels the viewer's invitation",
  }),
  "guardian.startAgeCheck": signedIn(),
  "guardian.setControls": signedIn({
    otherViewer: "NOT_FOUND",
    note: "another viewer sets the caps of the viewer's ward",
  }),
  "guardian.links": signedIn(),
  "guardian.notifications": signedIn(),

  "creator.register": signedIn({
    otherCreator: "FORBIDDEN_CHANGE",
    note: "another creator asks for the creator's handle",
  }),
  "creator.status": signedIn(),
  "creator.standing": creatorsOnly(),
  "creator.appealStrike": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's strike",
  }),
  "creator.overview": creatorsOnly(),
  "creator.overlaySettings": creatorsOnly(),
  "creator.setOverlaySettings": creatorsOnly(),
  "creator.sendTestAlert": creatorsOnly({ note: "plays on the caller's own overlay only" }),
  "creator.boosts": creatorsOnly(),
  "creator.earnings": creatorsOnly({ note: "another creator pages with the creator's cursor" }),
  "creator.setPayoutMethod": creatorsOnly({ frozen: "ACCOUNT_FROZEN" }),
  "creator.withdraw": signedIn({
    viewer: "NOT_ELIGIBLE",
    otherViewer: "NOT_ELIGIBLE",
    admin: "NOT_ELIGIBLE",
    frozen: "ACCOUNT_FROZEN",
    note: `another creator ${KEY_REUSE}`,
  }),
  "creator.withdrawals": creatorsOnly(),

  "channels.add": creatorsOnly({
    note: "another creator claims the creator's verified channel: allowed, verifying would move it",
  }),
  "channels.verify": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's claim",
  }),
  "channels.setFollowers": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's claim",
  }),
  "channels.unlink": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's claim",
  }),
  "channels.list": creatorsOnly(),

  "analytics.dashboard": creatorsOnly(),
  "analytics.exportCsv": creatorsOnly(),

  "sessions.start": creatorsOnly({ frozen: "ACCOUNT_FROZEN" }),
  "sessions.end": creatorsOnly(),
  "sessions.setGoal": creatorsOnly(),
  "sessions.clearGoal": creatorsOnly(),
  "sessions.current": everyone(),

  "perks.list": everyone(),
  "perks.mine": signedIn(),
  "perks.tiers": creatorsOnly(),
  "perks.define": creatorsOnly(),
  "perks.update": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's tier",
  }),
  "perks.archive": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's tier",
  }),

  "messages.price": everyone(),
  "messages.setPrice": creatorsOnly(),
  "messages.send": spends({ note: `another viewer ${KEY_REUSE}` }),
  "messages.sent": signedIn({ note: "another viewer pages from the viewer's message" }),
  "messages.inbox": creatorsOnly({ note: "another creator pages from the creator's message" }),
  "messages.markRead": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's message",
  }),
  "messages.reply": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's message",
  }),
  "messages.hide": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's message",
  }),
  "messages.unhide": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's hidden message",
  }),
  "messages.block": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names the creator's message",
  }),
  "messages.unblock": creatorsOnly({
    otherCreator: "NOT_FOUND",
    note: "another creator names a message of the sender the creator blocked",
  }),
  "messages.blocked": creatorsOnly(),

  "profile.catalog": everyone(),
  "profile.get": signedIn(),
  "profile.buy": spends({ note: `another viewer ${KEY_REUSE}` }),
  "profile.wear": signedIn({
    otherViewer: "FORBIDDEN_CHANGE",
    note: "another viewer wears an item only the viewer owns",
  }),

  "support.open": signedIn(),
  "support.list": signedIn(),
  "support.reply": signedIn({
    otherViewer: "NOT_FOUND",
    note: "another viewer replies in the viewer's ticket",
  }),

  "overlay.get": creatorsOnly(),
  "overlay.rotate": creatorsOnly(),

  "admin.freeze": adminsOnly(),
  "admin.unfreeze": adminsOnly(),
  "admin.flaggedWithdrawals": adminsOnly(),
  "admin.approveWithdrawal": adminsOnly({
    note: "everyone names the creator's flagged withdrawal",
  }),
  "admin.rejectWithdrawal": adminsOnly({ note: "everyone names the creator's flagged withdrawal" }),
  "admin.enteredFollowerCounts": adminsOnly(),
  "admin.reviewFollowerCount": adminsOnly({ note: "everyone names the creator's entered count" }),
  "admin.runLedgerCheck": adminsOnly(),
  "admin.publishRateCard": adminsOnly(),
  "admin.createPromotion": adminsOnly(),
  "admin.endPromotion": adminsOnly(),
  "admin.promotions": adminsOnly(),
  "admin.supportQueue": adminsOnly(),
  "admin.replySupport": adminsOnly({ note: "everyone answers the viewer's ticket" }),
  "admin.closeSupport": adminsOnly(),
  "admin.audit": adminsOnly(),
  "admin.reports": adminsOnly(),
  "admin.resolveReport": adminsOnly({ note: "everyone names the viewer's report" }),
  "admin.issueStrike": adminsOnly(),
  "admin.appeals": adminsOnly(),
  "admin.decideAppeal": adminsOnly({ note: "everyone names the creator's appeal" }),
  "admin.publishGuidelines": adminsOnly(),
};

/** docs/AUTHORIZATION.md, rendered from the matrix by `renderAuthorizationMarkdown`. */
export const AUTHORIZATION_DOC_PATH = fileURLToPath(
  new URL("../../../../docs/AUTHORIZATION.md", import.meta.url),
);

/** The HTTP status an outcome answers with (tRPC's code for the rulebook's, as the api maps it). */
export function httpStatusOf(outcome: Outcome): number {
  if (outcome === "allowed") return 200;
  const code = outcome === "UNAUTHORIZED" ? outcome : TRPC_CODE_FOR[outcome];
  return getHTTPStatusCodeFromError(new TRPCError({ code }));
}

const cell = (outcome: Outcome) => (outcome === "allowed" ? "allowed" : `\`${outcome}\``);

/** docs/AUTHORIZATION.md: the matrix as Markdown, with what each role and outcome means. */
export function renderAuthorizationMarkdown(
  matrix: Readonly<Record<string, MatrixRow>> = AUTHORIZATION_MATRIX,
): string {
  const paths = Object.keys(matrix);
  const outcomes = [
    ...new Set(paths.flatMap((path) => ROLES.map((role) => matrix[path]?.[role] ?? "allowed"))),
  ]
    .filter((outcome) => outcome !== "allowed")
    .sort();
  const header = ["Procedure", ...ROLES.map((role) => ROLE_LABELS[role])];
  const rows = paths.map((path) => {
    const row = matrix[path] as MatrixRow;
    return [`\`${path}\``, ...ROLES.map((role) => cell(row[role]))];
  });
  const notes = paths.flatMap((path) => {
    const note = matrix[path]?.note;
    return note ? [`- \`${path}\`: ${note}.`] : [];
  });
  return [
    "# Authorization matrix",
    "",
    "<!-- Generated from apps/api/src/security/authorization-matrix.ts by",
    "     `pnpm --filter @coinstream/api authorization-matrix --write`; a test fails if they differ. -->",
    "",
    "Every tRPC procedure against every kind of caller, with the outcome of a call whose input is",
    "valid for that caller. `authorization-matrix.test.ts` calls every cell through the tRPC caller",
    "and checks the outcome; a refused call must change no row of any table (the ledger included),",
    "and a call by another viewer or creator must leave the first one's rows as they were.",
    "",
    "Callers:",
    "",
    "- **anonymous**: no session.",
    "- **viewer**: a signed-up, verified adult with coins; not a creator.",
    "- **another viewer**: a second such person, aiming at the viewer's things where the procedure",
    "  names any (notes below); otherwise at its own.",
    "- **creator**: a registered creator with a verified channel, coins, available diamonds and a",
    "  payout method.",
    "- **another creator**: a second such creator, aiming at the creator's things where the",
    "  procedure names any; otherwise at its own.",
    "- **admin**: `users.role = 'admin'` (read from the database on every call), with coins.",
    "- **frozen account**: a creator like the first, frozen by an admin.",
    "",
    "Outcomes: `allowed`, or the error code the client receives (`data.domainCode`, or tRPC's code",
    "for sign-in), with its HTTP status:",
    "",
    ...outcomes.map((outcome) => `- \`${outcome}\`: HTTP ${httpStatusOf(outcome as Outcome)}`),
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.join(" | ")} |`),
    "",
    "Notes: what the cells of another viewer or creator aim at, and other particulars.",
    "",
    ...notes,
    "",
  ].join("\n");
}
