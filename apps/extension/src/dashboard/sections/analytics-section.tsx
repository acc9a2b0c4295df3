import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense, useMemo, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { downloadText } from "../../lib/download-text.ts";
import { formatCount, formatDateTime, formatDuration, formatRange } from "../../lib/format.ts";
import { useApi } from "../api-context.tsx";
import { ErrorNote } from "../components/error-note.tsx";
import { QueryView } from "../components/query-view.tsx";
import { Empty, Loading, Panel, Section } from "../components/section.tsx";
import { Segmented } from "../components/segmented.tsx";
import { Table } from "../components/table.tsx";
import { useAction } from "../hooks/use-action.ts";
import { useGiftNames } from "../hooks/use-gift-names.ts";
import { describeSessionEnds } from "../lib/earnings.ts";
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

const GIFTER_COLUMNS = [{ label: "#" }, { label: "Name" }, { label: "Coins", numeric: true }];
const SESSION_COLUMNS = [
  { label: "Session" },
  { label: "Length" },
  { label: "Coins", numeric: true },
  { label: "Diamonds", numeric: true },
];

const BUCKET_NAMES: Readonly<Record<Bucket, string>> = { hour: "Hourly", day: "Daily" };

function Totals({
  totals,
  reversedDiamonds,
}: {
  totals: { coins: number; diamonds: number; gifts: number; tips: number; messages: number };
  reversedDiamonds: number;
}) {
  const items = [
    ["Coins given", totals.coins],
    ["Diamonds earned", totals.diamonds],
    ["Gifts", totals.gifts],
    ["Tips", totals.tips],
    ["Paid messages", totals.messages],
    ["Diamonds reversed", reversedDiamonds],
  ] as const;
  return (
    <dl className="figures compact">
      {items.map(([label, value]) => (
        <div className="figure" key={label}>
          <dt>{label}</dt>
          <dd>{formatCount(value)}</dd>
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

  return (
    <Section
      id="analytics"
      title="Analytics"
      focusOnMount={focusOnMount}
      intro="Exact at any moment: every gift, tip and paid message counts as soon as it is sent."
    >
      <div className="toolbar">
        <Segmented
          legend="Range"
          name="analytics-range"
          options={RANGE_PRESETS.map((option) => ({ value: option.id, label: option.label }))}
          value={presetId}
          onChange={(id) => {
            setAsOf(Date.now());
            setPresetId(id);
          }}
        />
        <Segmented
          legend="Buckets"
          name="analytics-bucket"
          options={(["hour", "day"] as const).map((option) => ({
            value: option,
            label: BUCKET_NAMES[option],
            disabled: !preset.buckets.includes(option),
          }))}
          value={bucket}
          onChange={setWantedBucket}
        />
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
          <BusyButton
            type="button"
            className="button secondary"
            onClick={() => void exportCsv.run()}
            busy={exportCsv.pending}
            busyLabel="Preparing…"
          >
            Export CSV
          </BusyButton>
        </div>
      </div>
      <ErrorNote error={exportCsv.error} />
      {exportCsv.result && (
        <p className="muted small" role="status">
          Saved {exportCsv.result.filename}.
        </p>
      )}
      <QueryView query={dashboard} what="your analytics">
        {(data) => (
          <div className="stack-lg" aria-busy={dashboard.isFetching}>
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
                  <Table caption="Top gifters in this range" columns={GIFTER_COLUMNS}>
                    {data.topGifters.map((gifter) => (
                      <tr key={gifter.rank}>
                        <td>{gifter.rank}</td>
                        <td>{gifter.name}</td>
                        <td className="num">{formatCount(gifter.coins)}</td>
                      </tr>
                    ))}
                  </Table>
                )}
              </Panel>
              <Panel title="Live sessions">
                {data.sessions.length === 0 ? (
                  <Empty>No live sessions in this range.</Empty>
                ) : (
                  <Table caption="Live sessions in this range" columns={SESSION_COLUMNS}>
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
                          <span className="cell-note">{describeSessionEnds(session)}</span>
                        </td>
                        <td className="num">{formatCount(session.coins)}</td>
                        <td className="num">{formatCount(session.diamonds)}</td>
                      </tr>
                    ))}
                  </Table>
                )}
              </Panel>
            </div>
          </div>
        )}
      </QueryView>
    </Section>
  );
}
