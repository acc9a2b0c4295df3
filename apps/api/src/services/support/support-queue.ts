import { DomainError, DomainErrorCode } from "@coinstream/core";
import type { Tx } from "@coinstream/db";
import { recordAdminAction, recordAdminRead } from "../admin/record-admin-action.ts";
import type { AdminContext } from "../service-context.ts";
import {
  addMessage,
  lockTicket,
  messagesOf,
  TICKET_COLUMNS,
  type TicketRow,
  toTicketView,
} from "./support-tickets.ts";

/**
 * Tickets waiting for support (or every unclosed one), in core's queue order
 * (`compareSupportTickets`: priority, then the oldest first), with who opened them and the
 * threads. Tickets hold people's own words, so the read is audited.
 */
export async function listSupportQueue(
  { sql, admin: { userId: adminUserId } }: Pick<AdminContext, "sql" | "admin">,
  input: { readonly status: "open" | "answered" | "closed"; readonly limit: number },
) {
  return sql.begin(async (tx) => {
    const tickets = await tx<(TicketRow & { email: string | null; name: string | null })[]>`
      select ${tx.unsafe(TICKET_COLUMNS.replace(/(\w+)/g, "t.$1"))}, u.email, u.name
      from support_tickets t left join users u on u.id = t.user_id
      where t.status = ${input.status}
      order by t.priority desc, t.created_at, t.id
      limit ${input.limit}`;
    const messages = await messagesOf(
      tx,
      tickets.map((ticket) => ticket.id),
    );
    await recordAdminRead(tx, adminUserId, "list_support_queue", {
      status: input.status,
      count: tickets.length,
    });
    return tickets.map((ticket) => ({
      ...toTicketView(ticket, messages),
      userId: ticket.user_id,
      email: ticket.email,
      name: ticket.name,
      priority: ticket.priority,
    }));
  });
}

/** Support answers a ticket (audited); it then waits for its owner. */
export async function replySupport(
  { sql, admin: { userId: adminUserId }, now }: Pick<AdminContext, "sql" | "admin" | "now">,
  input: { readonly ticketId: string; readonly body: string },
) {
  return sql.begin(async (tx) => {
    const ticket = await lockTicket(tx, input.ticketId, null);
    const view = await addMessage(
      tx,
      ticket,
      { userId: adminUserId, role: "support" },
      input.body,
      now,
    );
    await auditTicket(tx, adminUserId, "reply_support", ticket);
    return view;
  });
}

/** Closes a ticket (audited); closing a closed one changes nothing. */
export async function closeSupport(
  { sql, admin: { userId: adminUserId }, now }: Pick<AdminContext, "sql" | "admin" | "now">,
  input: { readonly ticketId: string },
) {
  return sql.begin(async (tx) => {
    const ticket = await lockTicket(tx, input.ticketId, null);
    if (ticket.status === "closed") return toTicketView(ticket, await messagesOf(tx, [ticket.id]));
    const [closed] = await tx<TicketRow[]>`
      update support_tickets set status = 'closed', closed_at = ${now}, closed_by = ${adminUserId},
        updated_at = ${now}
      where id = ${ticket.id} returning ${tx.unsafe(TICKET_COLUMNS)}`;
    if (!closed) throw new DomainError(DomainErrorCode.NOT_FOUND, "No such support ticket.");
    await auditTicket(tx, adminUserId, "close_support", ticket);
    return toTicketView(closed, await messagesOf(tx, [ticket.id]));
  });
}

function auditTicket(tx: Tx, adminUserId: string, action: string, ticket: TicketRow) {
  return recordAdminAction(tx, {
    adminUserId,
    action,
    targetType: "support_ticket",
    targetId: ticket.id,
    details: { userId: ticket.user_id },
  });
}
