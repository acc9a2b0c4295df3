import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { formatCoins, formatCount, formatDateTime, parseWholeNumber } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { useApi } from "../api-context.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { useOlderPages } from "../components/older-pages.tsx";
import { QueryView } from "../components/query-view.tsx";
import { Empty, Panel, Section } from "../components/section.tsx";
import { Segmented } from "../components/segmented.tsx";
import { Field, WholeNumberField } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";
import type { SectionProps } from "../types.ts";

type Message = OutputOf<"messages.inbox">["items"][number];

function PriceForm({ handle }: { handle: string }) {
  const api = useApi();
  const trpc = useTRPC();
  const price = useQuery(trpc.messages.price.queryOptions({ handle }));
  const [text, setText] = useState("");
  const save = useAction((coins: number) => api.messages.setPrice.mutate({ coins }));
  const coins = parseWholeNumber(text);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (coins !== null && (await save.run(coins))) {
      setText("");
      void price.refetch();
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>
        A message to you costs{" "}
        <strong>{price.data ? formatCoins(price.data.priceCoins) : "…"}</strong>.{" "}
        {price.data && !price.data.acceptsMessages && (
          <span className="muted">Viewers can send them once you can receive gifts.</span>
        )}
      </p>
      <div className="row align-field">
        <WholeNumberField
          label="New price (coins)"
          value={text}
          onChange={(event) => setText(event.target.value)}
          notANumber="Enter a whole number of coins."
          error={fieldError(save.error, "coins")}
        />
        <BusyButton
          className="button secondary"
          busy={save.pending}
          busyLabel="Saving…"
          disabled={coins === null}
        >
          Set price
        </BusyButton>
      </div>
      <ErrorNote error={save.error ?? price.error} />
    </form>
  );
}

function ReplyForm({ message, onReplied }: { message: Message; onReplied: (m: Message) => void }) {
  const api = useApi();
  const [body, setBody] = useState("");
  const reply = useAction((text: string) =>
    api.messages.reply.mutate({ id: message.id, body: text }),
  );
  return (
    <form
      className="stack"
      onSubmit={async (event) => {
        event.preventDefault();
        const updated = await reply.run(body.trim());
        if (updated) onReplied(updated);
      }}
    >
      <Field label="Your answer" hint="One answer per message; it cannot be changed once sent.">
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={500}
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        )}
      </Field>
      <ErrorNote error={reply.error} />
      <div>
        <BusyButton
          className="button primary"
          busy={reply.pending}
          busyLabel="Sending…"
          disabled={body.trim() === ""}
        >
          Send answer
        </BusyButton>
      </div>
    </form>
  );
}

function MessageCard({
  message,
  onUpdated,
  onBlockChanged,
}: {
  message: Message;
  onUpdated: (m: Message) => void;
  onBlockChanged: () => void;
}) {
  const api = useApi();
  const [replying, setReplying] = useState(false);
  const senderId = useId();
  const markRead = useAction(() => api.messages.markRead.mutate({ id: message.id }));
  const hide = useAction(() =>
    (message.hiddenAt ? api.messages.unhide : api.messages.hide).mutate({ id: message.id }),
  );
  const block = useAction(
    (): Promise<unknown> =>
      message.senderBlocked
        ? api.messages.unblock.mutate({ messageId: message.id })
        : api.messages.block.mutate({ messageId: message.id }),
  );
  const unread = message.readAt === null;
  const error = markRead.error ?? hide.error ?? block.error;
  /** Runs an action whose answer is the message as it is now. */
  const updateWith = (action: { run: () => Promise<Message | undefined> }) => async () => {
    const updated = await action.run();
    if (updated) onUpdated(updated);
  };

  return (
    <li className={`card message ${unread ? "unread" : ""}`} aria-labelledby={senderId}>
      <div className="card-head">
        <p className="card-title">
          <span id={senderId}>{message.senderName}</span>
          {unread && <span className="badge progress">New</span>}
          {message.hiddenAt && <span className="badge neutral">Hidden</span>}
          {message.senderBlocked && <span className="badge bad">Blocked</span>}
        </p>
        <span className="muted small">
          {formatDateTime(message.sentAt)} · {formatCoins(message.coins)} ·{" "}
          {formatCount(message.diamonds)} diamonds
        </span>
      </div>
      <p className="message-body">{message.body}</p>
      {message.reply && (
        <div className="reply">
          <p className="muted small">
            Your answer{message.repliedAt ? `, ${formatDateTime(message.repliedAt)}` : ""}
          </p>
          <p>{message.reply}</p>
        </div>
      )}
      {replying && !message.reply && (
        <ReplyForm
          message={message}
          onReplied={(updated) => {
            setReplying(false);
            onUpdated(updated);
          }}
        />
      )}
      <div className="card-foot">
        {!message.reply && !replying && (
          <button type="button" className="button secondary" onClick={() => setReplying(true)}>
            Answer
          </button>
        )}
        {unread && (
          <BusyButton
            type="button"
            className="button secondary"
            busy={markRead.pending}
            onClick={updateWith(markRead)}
          >
            Mark read
          </BusyButton>
        )}
        <BusyButton
          type="button"
          className="button secondary"
          busy={hide.pending}
          onClick={updateWith(hide)}
        >
          {message.hiddenAt ? "Unhide" : "Hide"}
        </BusyButton>
        <BusyButton
          type="button"
          className="button secondary"
          busy={block.pending}
          onClick={async () => {
            if (await block.run()) onBlockChanged();
          }}
        >
          {message.senderBlocked ? "Unblock sender" : "Block sender"}
        </BusyButton>
      </div>
      <ErrorNote error={error} />
    </li>
  );
}

function BlockedList({ version, onChanged }: { version: number; onChanged: () => void }) {
  const api = useApi();
  const trpc = useTRPC();
  const blocked = useQuery(trpc.messages.blocked.queryOptions());
  const { refetch } = blocked;
  const firstVersion = useRef(version);
  useEffect(() => {
    // Blocking from a message changes this list; the first load is the query's own.
    if (version !== firstVersion.current) void refetch();
  }, [version, refetch]);
  const unblock = useAction((userId: string) => api.messages.unblock.mutate({ userId }));
  if (!blocked.data || blocked.data.length === 0) return null;
  return (
    <Panel title="Blocked people">
      <ul className="plain-list">
        {blocked.data.map((person) => (
          <li key={person.userId} className="row">
            <span>
              {person.name || "Someone"}{" "}
              <span className="muted small">since {formatDateTime(person.blockedAt)}</span>
            </span>
            <BusyButton
              type="button"
              className="button secondary small"
              busy={unblock.pending}
              onClick={async () => {
                if (await unblock.run(person.userId)) onChanged();
              }}
            >
              Unblock
            </BusyButton>
          </li>
        ))}
      </ul>
      <ErrorNote error={unblock.error} />
    </Panel>
  );
}

const INBOX_FILTERS = [
  { value: "all", label: "All" },
  { value: "unread", label: "Unread" },
] as const;

/** Inbox: paid messages with an unread filter, read, one answer, hide, block, and the price. */
export function InboxSection({ status, focusOnMount }: SectionProps) {
  const api = useApi();
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const [includeHidden, setIncludeHidden] = useState(false);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inboxInput = { filter, includeHidden, limit: 25 };
  const inbox = useQuery(trpc.messages.inbox.queryOptions(inboxInput));
  const { items, loadOlder, updateOlder, resetOlder } = useOlderPages(
    inbox.data,
    (cursor) => api.messages.inbox.query({ filter, includeHidden, limit: 25, cursor }),
    "Show older messages",
  );
  const [blockVersion, setBlockVersion] = useState(0);

  const [key, setKey] = useState(`${filter}-${includeHidden}`);
  if (key !== `${filter}-${includeHidden}`) {
    setKey(`${filter}-${includeHidden}`);
    resetOlder();
  }

  const replace = (updated: Message) => {
    // The unread count covers unread messages that are not hidden; keep it in step locally.
    const counts = (m: Message | undefined) =>
      m && m.readAt === null && m.hiddenAt === null ? 1 : 0;
    const delta = counts(updated) - counts(items.find((m) => m.id === updated.id));
    queryClient.setQueryData(
      trpc.messages.inbox.queryKey(inboxInput),
      (current) =>
        current && {
          ...current,
          items: current.items.map((m) => (m.id === updated.id ? updated : m)),
          unreadCount: Math.max(0, current.unreadCount + delta),
        },
    );
    updateOlder((m) => (m.id === updated.id ? updated : m));
  };
  const refreshAll = () => {
    resetOlder();
    setBlockVersion((v) => v + 1);
    void inbox.refetch();
  };

  return (
    <Section
      id="inbox"
      title="Inbox"
      focusOnMount={focusOnMount}
      intro="Paid messages from your viewers. Each can get one answer from you."
      actions={
        inbox.data && (
          <span className="badge progress">{formatCount(inbox.data.unreadCount)} unread</span>
        )
      }
    >
      <div className="toolbar">
        <Segmented
          legend="Show"
          name="inbox-filter"
          options={INBOX_FILTERS}
          value={filter}
          onChange={setFilter}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeHidden}
            onChange={(event) => setIncludeHidden(event.target.checked)}
          />
          <span>Include hidden</span>
        </label>
        <div className="toolbar-end">
          <button
            type="button"
            className="button secondary"
            onClick={refreshAll}
            disabled={inbox.isFetching}
          >
            Refresh
          </button>
        </div>
      </div>
      <QueryView query={inbox} what="your inbox">
        {() =>
          items.length === 0 ? (
            <Empty>{filter === "unread" ? "No unread messages." : "No messages yet."}</Empty>
          ) : (
            <ul className="cards" aria-label="Messages">
              {items.map((message) => (
                <MessageCard
                  key={message.id}
                  message={message}
                  onUpdated={replace}
                  onBlockChanged={refreshAll}
                />
              ))}
            </ul>
          )
        }
      </QueryView>
      {loadOlder}
      <BlockedList version={blockVersion} onChanged={refreshAll} />
      <Panel title="Message price">
        <PriceForm handle={status.handle} />
      </Panel>
    </Section>
  );
}
