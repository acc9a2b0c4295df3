import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { formatShortDateTime } from "../../lib/format.ts";
import { apiErrorOf } from "../../messaging/api-error.ts";
import type { ApiError, OutputOf } from "../../messaging/contract.ts";
import { usePopup } from "../popup-context.tsx";
import { ErrorText } from "./error-text.tsx";

type Ticket = OutputOf<"support.list">["tickets"][number];

const TIER_NAMES: Readonly<Record<string, string>> = {
  standard: "Standard support",
  priority: "Priority support",
  vip: "VIP support",
};

const STATUS_NAMES: Readonly<Record<Ticket["status"], string>> = {
  open: "Waiting for support",
  answered: "Answered",
  closed: "Closed",
};

/** Support: the answer time the person's tier gets, a new ticket, and their tickets' threads. */
export function SupportPanel() {
  const trpc = useTRPC();
  const support = useQuery(trpc.support.list.queryOptions());

  return (
    <section className="section" aria-labelledby="support-heading">
      <h2 id="support-heading">Support</h2>
      {support.data ? (
        <p className="notice small" data-testid="support-tier">
          <strong>{TIER_NAMES[support.data.tier] ?? "Support"}</strong>: we answer within{" "}
          {support.data.expectedAnswerHours} hours. Gifting more raises your tier.
        </p>
      ) : null}
      {support.isLoading && !support.data ? <p className="muted small">Loading…</p> : null}
      <ErrorText error={support.error} testId="support-load-error" />
      <NewTicket onOpened={() => void support.refetch()} />
      {support.data && support.data.tickets.length > 0 ? (
        <ul className="tickets" aria-label="Your tickets">
          {support.data.tickets.map((ticket) => (
            <li key={ticket.ticketId}>
              <TicketThread ticket={ticket} onReplied={() => void support.refetch()} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** A form's send: busy while it runs, and the API's refusal to show next to the form. */
function useSending() {
  const [error, setError] = useState<ApiError | null>(null);
  const [isSending, setIsSending] = useState(false);
  async function run(event: FormEvent, work: () => Promise<void>) {
    event.preventDefault();
    setError(null);
    setIsSending(true);
    try {
      await work();
    } catch (caught) {
      setError(apiErrorOf(caught));
    } finally {
      setIsSending(false);
    }
  }
  return { error, isSending, run };
}

function NewTicket({ onOpened }: { readonly onOpened: () => void }) {
  const { api } = usePopup();
  const id = useId();
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const { error, isSending, run } = useSending();

  const send = (event: FormEvent) =>
    run(event, async () => {
      await api.support.open.mutate({ subject, body });
      setSubject("");
      setBody("");
      onOpened();
    });

  return (
    <form className="form" onSubmit={send} aria-label="Open a support ticket">
      <div className="field">
        <label htmlFor={`${id}-subject`}>Subject</label>
        <input
          id={`${id}-subject`}
          className="input"
          maxLength={120}
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          data-testid="support-subject"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-body`}>What happened?</label>
        <textarea
          id={`${id}-body`}
          className="input"
          rows={3}
          maxLength={4_000}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          data-testid="support-body"
        />
      </div>
      <ErrorText error={error} testId="support-error" />
      <button
        type="submit"
        className="button"
        disabled={isSending || subject.trim() === "" || body.trim() === ""}
        data-testid="support-send"
      >
        {isSending ? "Sending…" : "Send to support"}
      </button>
    </form>
  );
}

function TicketThread({
  ticket,
  onReplied,
}: {
  readonly ticket: Ticket;
  readonly onReplied: () => void;
}) {
  const { api } = usePopup();
  const id = useId();
  const [reply, setReply] = useState("");
  const { error, isSending, run } = useSending();

  const send = (event: FormEvent) =>
    run(event, async () => {
      await api.support.reply.mutate({ ticketId: ticket.ticketId, body: reply });
      setReply("");
      onReplied();
    });

  return (
    <details className="card ticket" data-testid={`ticket-${ticket.ticketId}`}>
      <summary>
        <strong>{ticket.subject}</strong>{" "}
        <span className="small muted">
          {STATUS_NAMES[ticket.status]}
          {ticket.status === "open" ? `, answer by ${formatShortDateTime(ticket.answerDueAt)}` : ""}
        </span>
      </summary>
      <ol className="ticket__thread">
        {ticket.messages.map((message) => (
          <li
            key={message.messageId}
            className={`ticket__message ticket__message--${message.from}`}
          >
            <span className="small muted">
              {message.from === "support" ? "Support" : "You"},{" "}
              {formatShortDateTime(message.createdAt)}
            </span>
            {/* Plain text as stored; React escapes it and CSS keeps its line breaks. */}
            <p>{message.body}</p>
          </li>
        ))}
      </ol>
      {ticket.status !== "closed" ? (
        <form className="row" onSubmit={send} aria-label="Reply">
          <label className="visually-hidden" htmlFor={`${id}-reply`}>
            Reply
          </label>
          <input
            id={`${id}-reply`}
            className="input"
            maxLength={4_000}
            value={reply}
            placeholder="Reply…"
            onChange={(event) => setReply(event.target.value)}
          />
          <button
            type="submit"
            className="button button--small"
            disabled={isSending || reply.trim() === ""}
          >
            Send
          </button>
        </form>
      ) : null}
      <ErrorText error={error} />
    </details>
  );
}
