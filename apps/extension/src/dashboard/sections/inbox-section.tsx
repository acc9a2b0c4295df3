import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { formatCoins, formatCount, formatDateTime, parseWholeNumber } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { useApi } from "../api-context.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { LoadOlder } from "../components/load-older.tsx";
import { Empty, Loading, Panel, Section } from "../components/section.tsx";
import { TextField } from "../components/text-field.tsx";
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
    <form className="stack" onSubmit={submit} data-testid="message-price-form" noValidate>
      <p>
        A message to you costs{" "}
        <strong data-testid="message-price">
          {price.data ? formatCoins(price.data.priceCoins) : "…"}
        </strong>
        .{" "}
        {price.data && !price.data.acceptsMessages && (
          <span className="muted">Viewers can send them once you can receive gifts.</span>
        )}
      </p>
      <div className="row align-field">
        <TextField
          label="New price (coins)"
          inputMode="numeric"
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={
            text && coins === null
              ? "Enter a whole number of coins."
              : fieldError(save.error, "coins")
          }
          testId="message-price-input"
        />
        <button
          type="submit"
          className="button secondary"
          disabled={save.pending || coins === null}
        >
          {save.pending ? "Saving…" : "Set price"}
        </button>
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
  const id = useId();
  return (
    <form
      className="stack"
      onSubmit={async (event) => {
        event.preventDefault();
        const updated = await reply.run(body.trim());
        if (updated) onReplied(updated);
      }}
    >
      <div className="field">
        <label htmlFor={id}>Your answer</label>
        <textarea
          id={id}
          rows={2}
          maxLength={500}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-describedby={`${id}-hint`}
          data-testid="reply-input"
        />
        <p className="field-hint" id={`${id}-hint`}>
          One answer per message; it cannot be changed once sent.
        </p>
      </div>
      <ErrorNote error={reply.error} />
      <div>
        <button
          type="submit"
          className="button primary"
          disabled={reply.pending || body.trim() === ""}
          data-testid="reply-submit"
        >
          {reply.pending ? "Sending…" : "Send answer"}
        </button>
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

  return (
    <li
      className={`card message ${unread ? "unread" : ""}`}
      data-testid="inbox-message"
      data-unread={unread}
      data-hidden={message.hiddenAt !== null}
    >
      <div className="card-head">
        <p className="card-title">
          {message.senderName}
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
        <div className="reply" data-testid="message-reply">
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
          <button
            type="button"
            className="button secondary"
            onClick={() => setReplying(true)}
            data-testid="reply"
          >
            Answer
          </button>
        )}
        {unread && (
          <button
            type="button"
            className="button secondary"
            disabled={markRead.pending}
            onClick={async () => {
              const updated = await markRead.run();
              if (updated) onUpdated(updated);
            }}
            data-testid="mark-read"
          >
            Mark read
          </button>
        )}
        <button
          type="button"
          className="button secondary"
          disabled={hide.pending}
          onClick={async () => {
            const updated = await hide.run();
            if (updated) onUpdated(updated);
          }}
          data-testid="hide-message"
        >
          {message.hiddenAt ? "Unhide" : "Hide"}
        </button>
        <button
          type="button"
          className="button secondary"
          disabled={block.pending}
          onClick={async () => {
            if (await block.run()) onBlockChanged();
          }}
          data-testid="block-sender"
        >
          {message.senderBlocked ? "Unblock sender" : "Block sender"}
        </button>
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
      <ul className="plain-list" data-testid="blocked-list">
        {blocked.data.map((person) => (
          <li key={person.userId} className="row">
            <span>
              {person.name || "Someone"}{" "}
              <span className="muted small">since {formatDateTime(person.blockedAt)}</span>
            </span>
            <button
              type="button"
              className="button secondary small"
              disabled={unblock.pending}
              onClick={async () => {
                if (await unblock.run(person.userId)) onChanged();
              }}
            >
              Unblock
            </button>
          </li>
        ))}
      </ul>
      <ErrorNote error={unblock.error} />
    </Panel>
  );
}

/** Inbox: paid messages with an unread filter, read, one answer, hide, block, and the price. */
export function InboxSection({ status, focusOnMount }: SectionProps) {
  const api = useApi();
  const [filter, setFilter] = useState<"all" | "unread">("all");
  const [includeHidden, setIncludeHidden] = useState(false);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const inboxInput = { filter, includeHidden, limit: 25 };
  const inbox = useQuery(trpc.messages.inbox.queryOptions(inboxInput));
  const [older, setOlder] = useState<{ items: Message[]; cursor: string | null } | null>(null);
  const loadMore = useAction((cursor: string) =>
    api.messages.inbox.query({ filter, includeHidden, limit: 25, cursor }),
  );
  const [blockVersion, setBlockVersion] = useState(0);

  const [key, setKey] = useState(`${filter}-${includeHidden}`);
  if (key !== `${filter}-${includeHidden}`) {
    setKey(`${filter}-${includeHidden}`);
    setOlder(null);
  }

  const items = [...(inbox.data?.items ?? []), ...(older?.items ?? [])];
  const cursor = older ? older.cursor : (inbox.data?.nextCursor ?? null);

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
    setOlder(
      (current) =>
        current && {
          ...current,
          items: current.items.map((m) => (m.id === updated.id ? updated : m)),
        },
    );
  };
  const refreshAll = () => {
    setOlder(null);
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
          <span className="badge progress" data-testid="unread-count">
            {formatCount(inbox.data.unreadCount)} unread
          </span>
        )
      }
    >
      <div className="toolbar">
        <fieldset className="segmented">
          <legend>Show</legend>
          {(["all", "unread"] as const).map((option) => (
            <label key={option}>
              <input
                type="radio"
                name="inbox-filter"
                value={option}
                checked={filter === option}
                onChange={() => setFilter(option)}
                data-testid={`inbox-filter-${option}`}
              />
              <span>{option === "all" ? "All" : "Unread"}</span>
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeHidden}
            onChange={(event) => setIncludeHidden(event.target.checked)}
            data-testid="inbox-show-hidden"
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
      {inbox.error && <ErrorNote error={inbox.error} />}
      {!inbox.data && !inbox.error && <Loading what="your inbox" />}
      {inbox.data && items.length === 0 && (
        <Empty>{filter === "unread" ? "No unread messages." : "No messages yet."}</Empty>
      )}
      {items.length > 0 && (
        <ul className="cards" data-testid="inbox-list">
          {items.map((message) => (
            <MessageCard
              key={message.id}
              message={message}
              onUpdated={replace}
              onBlockChanged={refreshAll}
            />
          ))}
        </ul>
      )}
      <LoadOlder
        cursor={cursor}
        load={loadMore}
        label="Show older messages"
        onPage={(page) =>
          setOlder({ items: [...(older?.items ?? []), ...page.items], cursor: page.nextCursor })
        }
      />
      <BlockedList version={blockVersion} onChanged={refreshAll} />
      <Panel title="Message price">
        <PriceForm handle={status.handle} />
      </Panel>
    </Section>
  );
}
