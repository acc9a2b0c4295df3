import { randomUUID } from "node:crypto";
import {
  DomainError,
  DomainErrorCode,
  normalizeText,
  SUPPORT_MESSAGE_RULES,
  SUPPORT_SUBJECT_RULES,
} from "@coinstream/core";
import type { Sql, Tx } from "@coinstream/db";
import type { ViewerContext } from "../service-context.ts";
import { supportTierOf } from "./support-tier-of.ts";

/** Open tickets one person may have at once; more is refused until one is answered or closed. */
export const MAX_OPEN_TICKETS = 5;

interface TicketRow {
  id: string;
  user_id: string;
  subject: string;
  tier: string;
  priority: number;
  expected_answer_hours: number;
  status: "open" | "answered" | "closed";
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

interface MessageRow {
  id: string;
  ticket_id: string;
  author_role: "user" | "support";
  body: string;
  created_at: Date;
}

const TICKET_COLUMNS = `id, user_id, subject, tier, priority, expected_answer_hours, status,
  created_at, updated_at, closed_at`;

/** A ticket and its thread, as its owner (and an admin) reads it. */
export function toTicketView(ticket: TicketRow, messages: readonly MessageRow[]) {
  return {
    ticketId: ticket.id,
    subject: ticket.subject,
    status: ticket.status,
    tier: ticket.tier,
    expectedAnswerHours: ticket.expected_answer_hours,
    /** When an answer is due: opening time plus the tier's expected hours. */
    answerDueAt: new Date(
      ticket.created_at.getTime() + ticket.expected_answer_hours * 3_600_000,
    ).toISOString(),
    createdAt: ticket.created_at.toISOString(),
    updatedAt: ticket.updated_at.toISOString(),
    closedAt: ticket.closed_at?.toISOString() ?? null,
    messages: messages
      .filter((message) => message.ticket_id === ticket.id)
      .map((message) => ({
        messageId: message.id,
        from: message.author_role,
        body: message.body,
        createdAt: message.created_at.toISOString(),
      })),
  };
}

const notFound = () => new DomainError(DomainErrorCode.NOT_FOUND, "No such support ticket.", {});

async function messagesOf(sql: Sql | Tx, ticketIds: readonly string[]) {
  if (ticketIds.length === 0) return [];
  return sql<MessageRow[]>`
    select id, ticket_id, author_role, body, created_at from support_messages
    where ticket_id = any(${ticketIds}::uuid[]) order by created_at, id`;
}

/**
 * Opens a ticket with its first message, at the person's support tier now (which sets its
 * place in the queue and the answer time they are promised). Text is checked and stored as
 * plain text; nothing is written when it is refused.
 */
export async function openTicket(
  ctx: Pick<ViewerContext, "sql" | "viewer" | "now">,
  input: { readonly subject: string; readonly body: string },
) {
  const subject = normalizeText(input.subject, SUPPORT_SUBJECT_RULES);
  const body = normalizeText(input.body, SUPPORT_MESSAGE_RULES);
  const tier = await supportTierOf(ctx.sql, ctx.viewer.userId);
  const id = randomUUID();
  return ctx.sql.begin(async (tx) => {
    // One person's openings queue here, so the open-ticket cap holds under concurrent calls.
    await tx`select pg_advisory_xact_lock(hashtextextended(${`support:${ctx.viewer.userId}`}, 0))`;
    const [open] = await tx<{ n: bigint }[]>`
      select count(*)::int8 as n from support_tickets
      where user_id = ${ctx.viewer.userId} and status <> 'closed'`;
    if ((open?.n ?? 0n) >= BigInt(MAX_OPEN_TICKETS)) {
      throw new DomainError(
        DomainErrorCode.LIMIT_EXCEEDED,
        `You have ${MAX_OPEN_TICKETS} open support tickets; reply in one of them instead.`,
        { maxOpenTickets: MAX_OPEN_TICKETS },
      );
    }
    const [ticket] = await tx<TicketRow[]>`
      insert into support_tickets (id, user_id, subject, tier, priority, expected_answer_hours,
                                   created_at, updated_at)
      values (${id}, ${ctx.viewer.userId}, ${subject}, ${tier.tier}, ${tier.priority},
              ${tier.expectedAnswerHours}, ${ctx.now}, ${ctx.now})
      returning ${tx.unsafe(TICKET_COLUMNS)}`;
    if (!ticket) throw new Error("the ticket insert returned no row");
    await tx`
      insert into support_messages (id, ticket_id, author_user_id, author_role, body, created_at)
      values (${randomUUID()}, ${id}, ${ctx.viewer.userId}, 'user', ${body}, ${ctx.now})`;
    return toTicketView(ticket, await messagesOf(tx, [id]));
  });
}

/** The person's tickets, newest first, with their threads, and the answer time their tier gets. */
export async function listMyTickets(ctx: Pick<ViewerContext, "sql" | "viewer">) {
  const tier = await supportTierOf(ctx.sql, ctx.viewer.userId);
  const tickets = await ctx.sql<TicketRow[]>`
    select ${ctx.sql.unsafe(TICKET_COLUMNS)} from support_tickets
    where user_id = ${ctx.viewer.userId} order by created_at desc, id limit 50`;
  const messages = await messagesOf(
    ctx.sql,
    tickets.map((ticket) => ticket.id),
  );
  return {
    tier: tier.tier,
    expectedAnswerHours: tier.expectedAnswerHours,
    tickets: tickets.map((ticket) => toTicketView(ticket, messages)),
  };
}

/**
 * Adds a message to a ticket's thread: by its owner (the ticket waits for support again) or by
 * support (it waits for the owner). A closed ticket takes no more messages.
 */
export async function addMessage(
  sql: Sql | Tx,
  ticket: TicketRow,
  author: { readonly userId: string; readonly role: "user" | "support" },
  text: string,
  now: Date,
) {
  const body = normalizeText(text, SUPPORT_MESSAGE_RULES);
  if (ticket.status === "closed") {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN_CHANGE,
      author.role === "user"
        ? "This ticket is closed; open a new support ticket from the wallet."
        : "This ticket is closed.",
      { ticketId: ticket.id },
    );
  }
  const status = author.role === "user" ? "open" : "answered";
  const [updated] = await sql<TicketRow[]>`
    update support_tickets set status = ${status}, updated_at = ${now}
    where id = ${ticket.id} and status <> 'closed'
    returning ${sql.unsafe(TICKET_COLUMNS)}`;
  if (!updated) throw notFound();
  await sql`
    insert into support_messages (id, ticket_id, author_user_id, author_role, body, created_at)
    values (${randomUUID()}, ${ticket.id}, ${author.userId}, ${author.role}, ${body}, ${now})`;
  return toTicketView(updated, await messagesOf(sql, [ticket.id]));
}

/** Reads a ticket for change, locked; only its owner's when `ownerId` is given. */
export async function lockTicket(tx: Tx, ticketId: string, ownerId: string | null) {
  const [ticket] = await tx<TicketRow[]>`
    select ${tx.unsafe(TICKET_COLUMNS)} from support_tickets
    where id = ${ticketId} and (${ownerId}::text is null or user_id = ${ownerId}) for update`;
  if (!ticket) throw notFound();
  return ticket;
}

/** The owner replies in their ticket. Another person's ticket is NOT_FOUND (never says whose). */
export async function replyToTicket(
  ctx: Pick<ViewerContext, "sql" | "viewer" | "now">,
  input: { readonly ticketId: string; readonly body: string },
) {
  normalizeText(input.body, SUPPORT_MESSAGE_RULES);
  return ctx.sql.begin(async (tx) => {
    const ticket = await lockTicket(tx, input.ticketId, ctx.viewer.userId);
    return addMessage(tx, ticket, { userId: ctx.viewer.userId, role: "user" }, input.body, ctx.now);
  });
}

export { messagesOf, TICKET_COLUMNS, type TicketRow };
