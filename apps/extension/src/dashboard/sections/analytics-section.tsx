import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { downloadText } from "../../lib/download-text.ts";
import { formatCount, formatDateTime, formatDuration, formatRange } from "../../lib/format.ts";
import { useApi } from "../api-context.tsx";
import { ErrorNote } from "../components/error-note.tsx";
import { Empty, Loading, Panel, Section } from "../components/section.tsx";
import { useAction } from "../hooks/use-action.ts";
import { useGiftNames } from "../hooks/use-gift-names.ts";
import {
  type Bucket,
  bucketForPreset,
  DEFAULT_RANGE_PRESET,
  findRangePreset,
  RANGE_PRESETS,
  type RangePresetId,
  rangeForPreset,
} from "../lib/range-presets.ts";
import type { SectionProps } from "../types.ts";

// chart.js is the largest part of the page; it loads when Analytics is first opened.
const EarningsOverTimeChart = lazy(() =>
  import("./analytics-charts.tsx").then((m) => ({ default: m.EarningsOverTimeChart })),
);
const GiftMixChart = lazy(() =>
  import("./analytics-charts.tsx").then((m) => ({ default: m.GiftMixChart })),
);
const GiftersChart = lazy(() =>
  import("./analytics-charts.tsx").then((m) => ({ default: m.GiftersChart })),
);

const BUCKET_NAMES: Readonly<Record<Bucket, string>> = { hour: "Hourly", day: "Daily" };

function Totals({
  totals,
  reversedDiamonds,
}: {
  totals: { coins: number; diamonds: number; gifts: number; tips: number; messages: number };
  reversedDiamonds: number;
}) {
  const items = [
    ["Coins given", totals.coins, "analytics-coins"],
    ["Diamonds earned", totals.diamonds, "analytics-diamonds"],
    ["Gifts", totals.gifts, "analytics-gifts"],
    ["Tips", totals.tips, "analytics-tips"],
    ["Paid messages", totals.messages, "analytics-messages"],
    ["Diamonds reversed", reversedDiamonds, "analytics-reversed"],
  ] as const;
  return (
    <dl className="figures compact" data-testid="analytics-totals">
      {items.map(([label, value, testId]) => (
        <div className="figure" key={label}>
          <dt>{label}</dt>
          <dd data-testid={testId} data-value={value}>
            {formatCount(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Analytics: range presets, hour or day buckets, charts with text alternatives, tables, CSV. */
export function AnalyticsSection({ focusOnMount }: SectionProps) {
  const api = useApi();
  const giftNames = useGiftNames();
  const [presetId, setPresetId] = useState<RangePresetId>(DEFAULT_RANGE_PRESET);
  const [wantedBucket, setWantedBucket] = useState<Bucket | null>(null);
  // The range is fixed when the controls change (or Refresh moves it to now), so re-renders do
  // not re-ask.
  const [asOf, setAsOf] = useState(() => Date.now());
  const range = useMemo(
    () => rangeForPreset(findRangePreset(presetId), wantedBucket, new Date(asOf)),
    [presetId, wantedBucket, asOf],
  );
  const preset = findRangePreset(presetId);
  const bucket = bucketForPreset(preset, wantedBucket);
  const trpc = useTRPC();
  const dashboard = useQuery(trpc.analytics.dashboard.queryOptions(range));
  const exportCsv = useAction(async () => {
    const file = await api.analytics.exportCsv.query(range);
    downloadText(file.filename, file.csv);
    return file;
  });
  const data = dashboard.data;

  return (
    <Section
      id="analytics"
      title="Analytics"
      focusOnMount={focusOnMount}
      intro="Exact at any moment: every gift, tip and paid message counts as soon as it is sent."
    >
      <div className="toolbar" data-testid="analytics-controls">
        <fieldset className="segmented">
          <legend>Range</legend>
          {RANGE_PRESETS.map((option) => (
            <label key={option.id}>
              <input
                type="radio"
                name="analytics-range"
                value={option.id}
                checked={presetId === option.id}
                onChange={() => {
                  setAsOf(Date.now());
                  setPresetId(option.id);
                }}
                data-testid={`range-${option.id}`}
              />
              <span>{option.label}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="segmented">
          <legend>Buckets</legend>
          {(["hour", "day"] as const).map((option) => (
            <label
              key={option}
              className={preset.buckets.includes(option) ? undefined : "disabled"}
            >
              <input
                type="radio"
                name="analytics-bucket"
                value={option}
                checked={bucket === option}
                disabled={!preset.buckets.includes(option)}
                onChange={() => setWantedBucket(option)}
                data-testid={`bucket-${option}`}
              />
              <span>{BUCKET_NAMES[option]}</span>
            </label>
          ))}
        </fieldset>
        <div className="toolbar-end">
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              const now = Date.now();
              const next = rangeForPreset(preset, wantedBucket, new Date(now));
              // Within the same hour the range is unchanged, so ask again explicitly.
              if (next.to === range.to) void dashboard.refetch();
              else setAsOf(now);
            }}
            disabled={dashboard.isFetching}
          >
            {dashboard.isFetching ? "Updating…" : "Refresh"}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => void exportCsv.run()}
            disabled={exportCsv.pending}
            data-testid="export-csv"
          >
            {exportCsv.pending ? "Preparing…" : "Export CSV"}
          </button>
        </div>
      </div>
      <ErrorNote error={exportCsv.error} testId="export-error" />
      {exportCsv.result && (
        <p className="muted small" role="status">
          Saved {exportCsv.result.filename}.
        </p>
      )}
      {dashboard.error && <ErrorNote error={dashboard.error} testId="analytics-error" />}
      {!data && !dashboard.error && <Loading what="your analytics" />}
      {data && (
        <div className="stack-lg" aria-busy={dashboard.isFetching} data-testid="analytics-body">
          <p className="muted small">{formatRange(data.from, data.to, data.bucket)}</p>
          <Totals totals={data.totals} reversedDiamonds={data.reversedDiamonds} />
          <Suspense fallback={<Loading what="the charts" />}>
            <Panel>
              <EarningsOverTimeChart series={data.series} bucket={data.bucket} />
            </Panel>
            <div className="grid two">
              <Panel>
                <GiftMixChart mix={data.giftMix} giftNames={giftNames} />
              </Panel>
              <Panel>
                <GiftersChart gifters={data.gifters} />
              </Panel>
            </div>
          </Suspense>
          <div className="grid two">
            <Panel title="Top gifters">
              {data.topGifters.length === 0 ? (
                <Empty>No gifters in this range yet.</Empty>
              ) : (
                <div className="table-wrap">
                  <table data-testid="top-gifters">
                    <thead>
                      <tr>
                        <th scope="col">#</th>
                        <th scope="col">Name</th>
                        <th scope="col" className="num">
                          Coins
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.topGifters.map((gifter) => (
                        <tr key={gifter.rank}>
                          <td>{gifter.rank}</td>
                          <td>{gifter.name}</td>
                          <td className="num">{formatCount(gifter.coins)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Panel>
            <Panel title="Live sessions">
              {data.sessions.length === 0 ? (
                <Empty>No live sessions in this range.</Empty>
              ) : (
                <div className="table-wrap">
                  <table data-testid="analytics-sessions">
                    <thead>
                      <tr>
                        <th scope="col">Session</th>
                        <th scope="col">Length</th>
                        <th scope="col" className="num">
                          Coins
                        </th>
                        <th scope="col" className="num">
                          Diamonds
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.sessions.map((session) => (
                        <tr key={session.id}>
                          <td>
                            {session.title ?? "Untitled"}
                            <span className="cell-note">{formatDateTime(session.startedAt)}</span>
                          </td>
                          <td>
                            {session.endedAt
                              ? formatDuration(session.startedAt, session.endedAt)
                              : "Live now"}
                          </td>
                          <td className="num">{formatCount(session.coins)}</td>
                          <td className="num">{formatCount(session.diamonds)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Panel>
          </div>
        </div>
      )}
    </Section>
  );
}
