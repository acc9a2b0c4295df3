import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { formatShortDateTime } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { useCall } from "../hooks/use-call.ts";
import { usePopup } from "../popup-context.tsx";
import { ErrorText } from "./error-text.tsx";
import { Field } from "./field.tsx";
import { Section } from "./section.tsx";

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
    <Section id="support" title="Support">
      {support.data ? (
        <p className="notice small">
          <strong>{TIER_NAMES[support.data.tier] ?? "Support"}</strong>: we answer within{" "}
          {support.data.expectedAnswerHours} hours. Gifting more raises your tier.
        </p>
      ) : null}
      {support.isLoading && !support.data ? <p className="muted small">Loading…</p> : null}
      <ErrorText error={support.error} />
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
    </Section>
  );
}

function NewTicket({ onOpened }: { readonly onOpened: () => void }) {
  const { api } = usePopup();
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const { error, isBusy: isSending, run } = useCall();

  const send = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await api.support.open.mutate({ subject, body });
      setSubject("");
      setBody("");
      onOpened();
    });
  };

  return (
    <form className="form" onSubmit={send} aria-label="Open a support ticket">
      <Field
        label="Subject"
        maxLength={120}
        value={subject}
        onChange={(event) => setSubject(event.target.value)}
      />
      <Field label="What happened?">
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={4_000}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        )}
      </Field>
      <ErrorText error={error} />
      <BusyButton
        className="button"
        busy={isSending}
        busyLabel="Sending…"
        disabled={subject.trim() === "" || body.trim() === ""}
      >
        Send to support
      </BusyButton>
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
  const { error, isBusy: isSending, run } = useCall();

  const send = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      await api.support.reply.mutate({ ticketId: ticket.ticketId, body: reply });
      setReply("");
      onReplied();
    });
  };

  return (
    <details className="card ticket">
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
