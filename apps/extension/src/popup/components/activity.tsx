import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { downloadText } from "../../lib/download-text.ts";
import { formatSignedCoins, formatWhen } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { useCall } from "../hooks/use-call.ts";
import { describeHistoryItem } from "../lib/describe-history-item.ts";
import { usePopup } from "../popup-context.tsx";
import { ErrorText } from "./error-text.tsx";
import { QueryError } from "./query-error.tsx";
import { Section } from "./section.tsx";

type HistoryItem = OutputOf<"wallet.history">["items"][number];

const PAGE_SIZE = 10;

/** The latest wallet movements (first page, more on request) and the CSV export. */
export function Activity() {
  const { api, now } = usePopup();
  const trpc = useTRPC();
  const history = useQuery(trpc.wallet.history.queryOptions({ limit: PAGE_SIZE }));
  const [more, setMore] = useState<{ items: HistoryItem[]; nextCursor: string | null } | null>(
    null,
  );
  const loading = useCall();
  const exporting = useCall();
  const [exported, setExported] = useState<number | null>(null);

  const items = [...(history.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (history.data?.nextCursor ?? null);

  const loadMore = (cursor: string) =>
    loading.run(async () => {
      const page = await api.wallet.history.query({ limit: PAGE_SIZE, cursor });
      setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    });

  const exportCsv = () =>
    exporting.run(async () => {
      setExported(null);
      const file = await api.wallet.exportCsv.query();
      downloadText(file.filename, file.csv);
      setExported(file.rows);
    });

  const at = now();
  return (
    <Section
      id="activity"
      title="Recent activity"
      action={
        <BusyButton
          type="button"
          className="button button--ghost button--small"
          onClick={() => void exportCsv()}
          busy={exporting.isBusy}
          busyLabel="Exporting…"
        >
          Export CSV
        </BusyButton>
      }
    >
      <ErrorText error={exporting.error} />
      {exported !== null ? (
        <p className="notice notice--good small" role="status">
          Downloaded {exported} {exported === 1 ? "row" : "rows"} of wallet history.
        </p>
      ) : null}

      <QueryError query={history} />
      {history.isLoading && !history.data ? <p className="muted small">Loading…</p> : null}
      {history.data && items.length === 0 ? (
        <p className="muted">Nothing yet. Coins you buy and gifts you send show up here.</p>
      ) : null}
      {items.length > 0 ? (
        <ul className="activity" aria-label="Wallet history, newest first">
          {items.map((item) => (
            <li className="activity__item" key={item.id}>
              <span className="activity__what">
                <span className="activity__label">
                  {describeHistoryItem(item)}
                  {item.phase === "pending" ? " (pending)" : ""}
                  {item.phase === "void_pending" ? " (released)" : ""}
                </span>
                <time className="activity__when" dateTime={item.at}>
                  {formatWhen(item.at, at)}
                </time>
              </span>
              <span className={`activity__coins${item.coins > 0 ? " activity__coins--in" : ""}`}>
                <span aria-hidden="true">{formatSignedCoins(item.coins)}</span>
                <span className="visually-hidden">
                  {item.coins > 0 ? "plus" : "minus"} {Math.abs(item.coins)} coins
                </span>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {nextCursor ? (
        <BusyButton
          type="button"
          className="button button--ghost button--small"
          busy={loading.isBusy}
          onClick={() => void loadMore(nextCursor)}
        >
          Show more
        </BusyButton>
      ) : null}
      <ErrorText error={loading.error} />
    </Section>
  );
}
