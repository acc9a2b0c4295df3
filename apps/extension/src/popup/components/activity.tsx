import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { downloadText } from "../../lib/download-text.ts";
import { formatSignedCoins, formatWhen } from "../../lib/format.ts";
import { apiErrorOf } from "../../messaging/api-error.ts";
import type { ApiError, OutputOf } from "../../messaging/contract.ts";
import { describeHistoryItem } from "../lib/describe-history-item.ts";
import { usePopup } from "../popup-context.tsx";
import { ErrorText } from "./error-text.tsx";

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
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const [isExporting, setIsExporting] = useState(false);
  const [exported, setExported] = useState<number | null>(null);

  const items = [...(history.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more ? more.nextCursor : (history.data?.nextCursor ?? null);

  async function loadMore() {
    if (!nextCursor) return;
    setMoreError(null);
    try {
      const page = await api.wallet.history.query({ limit: PAGE_SIZE, cursor: nextCursor });
      setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
    } catch (caught) {
      setMoreError(apiErrorOf(caught));
    }
  }

  async function exportCsv() {
    setIsExporting(true);
    setExportError(null);
    setExported(null);
    try {
      const file = await api.wallet.exportCsv.query();
      downloadText(file.filename, file.csv);
      setExported(file.rows);
    } catch (caught) {
      setExportError(apiErrorOf(caught));
    } finally {
      setIsExporting(false);
    }
  }

  const at = now();
  return (
    <section className="section" aria-labelledby="activity-heading">
      <div className="section__head">
        <h2 id="activity-heading">Recent activity</h2>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => void exportCsv()}
          disabled={isExporting}
          data-testid="export-csv"
        >
          {isExporting ? "Exporting…" : "Export CSV"}
        </button>
      </div>
      <ErrorText error={exportError} testId="export-error" />
      {exported !== null ? (
        <p className="notice notice--good small" role="status" data-testid="export-done">
          Downloaded {exported} {exported === 1 ? "row" : "rows"} of wallet history.
        </p>
      ) : null}

      {history.error ? (
        <div>
          <ErrorText error={history.error} testId="activity-error" />
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => void history.refetch()}
          >
            Try again
          </button>
        </div>
      ) : null}
      {history.isLoading && !history.data ? <p className="muted small">Loading…</p> : null}
      {history.data && items.length === 0 ? (
        <p className="muted" data-testid="activity-empty">
          Nothing yet. Coins you buy and gifts you send show up here.
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul className="activity" data-testid="activity-list">
          {items.map((item) => (
            <li className="activity__item" key={item.id} data-testid="activity-item">
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
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => void loadMore()}
        >
          Show more
        </button>
      ) : null}
      <ErrorText error={moreError} />
    </section>
  );
}
