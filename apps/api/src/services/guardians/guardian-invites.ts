import { randomUUID } from "node:crypto";
import { checkGuardian, DomainError, DomainErrorCode } from "@coinstream/core";
import type { Sql } from "@coinstream/db";
import type postgres from "postgres";
import type { ViewerContext } from "../service-context.ts";
import type { GuardianRole } from "./guardian-links.ts";

/** How long an invitation waits for an answer. */
export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

const other = (role: GuardianRole): GuardianRole =>
  role === "guardian" ? "supervised" : "guardian";

function refuse(message: string): never {
  throw new DomainError(DomainErrorCode.FORBIDDEN_CHANGE, message);
}

function notWaiting(): never {
  throw new DomainError(
    DomainErrorCode.NOT_FOUND,
    "There is no open guardian invitation with that id for you (it may have expired, been declined or been cancelled).",
  );
}

type Queryable = Sql | Parameters<Parameters<Sql["begin"]>[1]>[0];

interface GuardianRow {
  readonly id: string;
  readonly date_of_birth: Date;
  readonly region: string;
  readonly created_at: Date;
  readonly adult_verified_at: Date | null;
}

async function loadGuardianFacts(sql: Queryable, userId: string): Promise<GuardianRow | undefined> {
  const [row] = await sql<GuardianRow[]>`
    select id, date_of_birth, region, created_at, adult_verified_at from users where id = ${userId}`;
  return row;
}

function assertGuardian(guardian: GuardianRow, supervisedCreatedAt: Date | null, now: Date) {
  const decision = checkGuardian(
    {
      dateOfBirth: new Date(guardian.date_of_birth),
      region: guardian.region,
      accountCreatedAt: new Date(guardian.created_at),
      adultVerified: guardian.adult_verified_at !== null,
    },
    supervisedCreatedAt,
    now,
  );
  if (!decision.allowed) refuse(decision.message);
}

/**
 * Invites the holder of `otherEmail` to link, the caller taking `myRole`. The answer is the same
 * whether or not an account uses that email, and whatever its age: it only ever depends on the
 * caller (a guardian must be a card-checked adult). The invitee confirms or declines; the caller
 * may cancel; it expires after 7 days. Inviting the same address again while an invitation is
 * open returns that invitation.
 */
export async function proposeGuardianLink(
  { sql, viewer: me, now }: Pick<ViewerContext, "sql" | "viewer" | "now">,
  input: { readonly email: string; readonly role: GuardianRole },
) {
  const myRole = input.role;
  const email = input.email.trim().toLowerCase();
  if (email === me.email.toLowerCase()) refuse("You cannot be your own guardian.");
  if (myRole === "guardian") {
    const facts = await loadGuardianFacts(sql, me.userId);
    if (!facts) notWaiting();
    assertGuardian(facts, null, now);
  }
  return sql.begin(async (tx) => {
    await tx`
      update guardian_invites set resolution = 'expired', resolved_at = ${now}
      where inviter_user_id = ${me.userId} and invitee_email = ${email}
        and resolution is null and expires_at <= ${now}`;
    await tx`
      insert into guardian_invites (id, inviter_user_id, inviter_role, invitee_email, created_at, expires_at)
      values (${randomUUID()}, ${me.userId}, ${myRole}, ${email}, ${now}, ${new Date(now.getTime() + INVITE_LIFETIME_MS)})
      on conflict (inviter_user_id, invitee_email) where resolution is null do nothing`;
    const [open] = await tx<{ id: string; inviter_role: GuardianRole; expires_at: Date }[]>`
      select id, inviter_role, expires_at from guardian_invites
      where inviter_user_id = ${me.userId} and invitee_email = ${email} and resolution is null`;
    if (!open) throw new Error("the open invitation vanished inside its transaction");
    if (open.inviter_role !== myRole) {
      refuse("You already have an open invitation to that address; cancel it first.");
    }
    return {
      linkId: open.id,
      status: "pending" as const,
      expiresAt: new Date(open.expires_at).toISOString(),
    };
  });
}

/**
 * The invitee confirms: the guardian must be a card-checked adult whose account is older than
 * the supervised one, and the supervised account must not have a guardian yet. Supervision
 * starts now, under the invitation's id.
 */
export async function confirmGuardianLink(
  { sql, viewer: me, now }: Pick<ViewerContext, "sql" | "viewer" | "now">,
  { linkId }: { readonly linkId: string },
) {
  await sql.begin(async (tx) => {
    const [invite] = await tx<{ inviter_user_id: string; inviter_role: GuardianRole }[]>`
      select inviter_user_id, inviter_role from guardian_invites
      where id = ${linkId} and invitee_email = ${me.email.toLowerCase()} and ${me.emailVerified}
        and resolution is null and expires_at > ${now}
      for update`;
    if (!invite) notWaiting();
    const [inviter, invitee] = [
      await loadGuardianFacts(tx, invite.inviter_user_id),
      await loadGuardianFacts(tx, me.userId),
    ];
    if (!inviter || !invitee || inviter.id === invitee.id) notWaiting();
    const [guardian, supervised] =
      invite.inviter_role === "guardian" ? [inviter, invitee] : [invitee, inviter];
    assertGuardian(guardian, new Date(supervised.created_at), now);

    const inserted = await tx`
      insert into guardian_links (id, guardian_user_id, supervised_user_id, created_at, activated_at)
      values (${linkId}, ${guardian.id}, ${supervised.id}, ${now}, ${now})
      on conflict (supervised_user_id) do nothing`;
    if (inserted.count === 0) {
      refuse(
        supervised.id === me.userId
          ? "You already have a guardian."
          : "That account already has a guardian.",
      );
    }
    await tx`
      update guardian_invites set resolution = 'accepted', resolved_at = ${now} where id = ${linkId}`;
  });
  return { confirmed: true };
}

/** The invitee turns an open invitation down; the inviter sees it declined. */
export async function declineGuardianInvite(
  { sql, viewer: me, now }: Pick<ViewerContext, "sql" | "viewer" | "now">,
  { linkId }: { readonly linkId: string },
) {
  await closeOpenInvite(
    sql,
    linkId,
    now,
    "declined",
    sql`invitee_email = ${me.email.toLowerCase()}`,
  );
  return { declined: true };
}

/** The inviter withdraws an open invitation. */
export async function cancelGuardianInvite(
  { sql, viewer: me, now }: Pick<ViewerContext, "sql" | "viewer" | "now">,
  { linkId }: { readonly linkId: string },
) {
  await closeOpenInvite(sql, linkId, now, "cancelled", sql`inviter_user_id = ${me.userId}`);
  return { cancelled: true };
}

/** Closes an open invitation as `resolution` when `mayClose` (the caller's side of it) holds. */
async function closeOpenInvite(
  sql: Sql,
  linkId: string,
  now: Date,
  resolution: "declined" | "cancelled",
  mayClose: postgres.Fragment,
): Promise<void> {
  const updated = await sql`
    update guardian_invites set resolution = ${resolution}, resolved_at = ${now}
    where id = ${linkId} and ${mayClose} and resolution is null and expires_at > ${now}`;
  if (updated.count === 0) notWaiting();
}

export type GuardianLinkView =
  | {
      readonly linkId: string;
      readonly role: GuardianRole;
      readonly status: "active";
      /** The other side's display name and email. */
      readonly name: string;
      readonly email: string;
      readonly mayPurchase: boolean;
    }
  | {
      readonly linkId: string;
      readonly role: GuardianRole;
      readonly status: "pending" | "declined" | "expired";
      /** The side that must confirm. */
      readonly awaiting: GuardianRole;
      /** The inviter's name when the caller is invited; null on the caller's own invitations. */
      readonly name: string | null;
      /** The inviter's email, or the address the caller invited. */
      readonly email: string;
      readonly expiresAt: string;
    };

/**
 * The caller's links (active, either side), invitations waiting for them, and their own
 * invitations (open, declined or expired; the 50 newest). Never another person's user id, and
 * nothing about the account behind an address the caller invited.
 */
export async function listGuardianLinks({
  sql,
  viewer: me,
  now,
}: Pick<ViewerContext, "sql" | "viewer" | "now">): Promise<GuardianLinkView[]> {
  const links = await sql<
    { id: string; is_guardian: boolean; may_purchase: boolean; name: string; email: string }[]
  >`
    select l.id, l.guardian_user_id = ${me.userId} as is_guardian, l.may_purchase, u.name, u.email
    from guardian_links l
    join users u on u.id = case when l.guardian_user_id = ${me.userId}
                                then l.supervised_user_id else l.guardian_user_id end
    where l.guardian_user_id = ${me.userId} or l.supervised_user_id = ${me.userId}
    order by l.activated_at, l.id`;
  const invites = await sql<
    {
      id: string;
      mine: boolean;
      inviter_role: GuardianRole;
      invitee_email: string;
      resolution: string | null;
      expires_at: Date;
      inviter_name: string;
      inviter_email: string;
    }[]
  >`
    select i.id, i.inviter_user_id = ${me.userId} as mine, i.inviter_role, i.invitee_email,
           i.resolution, i.expires_at, u.name as inviter_name, u.email as inviter_email
    from guardian_invites i join users u on u.id = i.inviter_user_id
    where (i.inviter_user_id = ${me.userId} and (i.resolution is null or i.resolution in ('declined', 'expired')))
       or (i.invitee_email = ${me.email.toLowerCase()} and ${me.emailVerified}
           and i.resolution is null and i.expires_at > ${now})
    order by i.created_at desc, i.id
    limit 50`;
  return [
    ...links.map((row) => ({
      linkId: row.id,
      role: row.is_guardian ? ("guardian" as const) : ("supervised" as const),
      status: "active" as const,
      name: row.name,
      email: row.email,
      mayPurchase: row.may_purchase,
    })),
    ...invites.map((row) => {
      const expiresAt = new Date(row.expires_at);
      const isExpired = row.resolution === "expired" || expiresAt.getTime() <= now.getTime();
      return {
        linkId: row.id,
        role: row.mine ? row.inviter_role : other(row.inviter_role),
        status:
          row.resolution === "declined"
            ? ("declined" as const)
            : isExpired
              ? ("expired" as const)
              : ("pending" as const),
        awaiting: other(row.inviter_role),
        name: row.mine ? null : row.inviter_name,
        email: row.mine ? row.invitee_email : row.inviter_email,
        expiresAt: expiresAt.toISOString(),
      };
    }),
  ];
}
