/*
 * The analytics charts (chart.js through react-chartjs-2). Each is a figure whose canvas has an
 * aria-label with the same facts in words, and a table of the numbers one click away.
 */
import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  type ChartOptions,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { type ReactNode, useId, useMemo } from "react";
import { Bar, Doughnut, Line } from "react-chartjs-2";
import { formatCount } from "../../lib/format.ts";
import { Table } from "../components/table.tsx";
import { usePrefersReducedMotion } from "../hooks/use-reduced-motion.ts";
import {
  describeGifters,
  describeGiftMix,
  describeSeries,
  type GiftMixEntry,
  type SeriesPoint,
  shapeGifters,
  shapeGiftMix,
  shapeSeries,
} from "../lib/chart-data.ts";
import type { Bucket } from "../lib/range-presets.ts";

// Only what these charts use, so the rest of chart.js stays out of the bundle.
ChartJS.register(
  CategoryScale,
  LinearScale,
  PointElement,
  LineElement,
  BarElement,
  ArcElement,
  Filler,
  Tooltip,
  Legend,
);

// Mid-tone colours readable on both the light and the dark theme.
const COINS = "#7c6cf6";
const DIAMONDS = "#14a5a0";
const MIX = [
  "#7c6cf6",
  "#14a5a0",
  "#e0823d",
  "#d94f8a",
  "#3f8fd8",
  "#8fae3b",
  "#b07be0",
  "#8a8f98",
];

type ChartTheme = ReturnType<typeof useChartTheme>;

function useChartTheme() {
  const reduced = usePrefersReducedMotion();
  return useMemo(() => {
    const styles =
      typeof getComputedStyle === "function" ? getComputedStyle(document.documentElement) : null;
    const text = styles?.getPropertyValue("--text-muted").trim() || "#5b6170";
    const grid = styles?.getPropertyValue("--border").trim() || "#e3e5ea";
    return { reduced, text, grid };
  }, [reduced]);
}

/** The numbers behind a chart: one row per label, one column per series. */
function DataTable({
  caption,
  columns,
  labels,
  series,
}: {
  caption: string;
  columns: readonly string[];
  labels: readonly string[];
  series: readonly (readonly number[])[];
}) {
  return (
    <details className="chart-data">
      <summary>Show the numbers</summary>
      <Table caption={caption} columns={columns.map((label, i) => ({ label, numeric: i > 0 }))}>
        {labels.map((label, row) => (
          <tr key={label}>
            <td>{label}</td>
            {series.map((values, column) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table.
              <td key={column} className="num">
                {formatCount(values[row] ?? 0)}
              </td>
            ))}
          </tr>
        ))}
      </Table>
    </details>
  );
}

/**
 * A chart as a figure: its caption, the chart (or `empty` when there is nothing to draw), the
 * same facts in a sentence, and the numbers one click away.
 */
function ChartFigure({
  caption,
  summary,
  empty,
  tall,
  table,
  children,
}: {
  caption: string;
  summary: string;
  /** Shown instead of the chart, its summary and table when there is nothing to draw. */
  empty?: string | null;
  tall?: boolean;
  table?: ReactNode;
  /** Draws the chart; its canvas is an image named by the summary. */
  children: (described: { role: "img"; "aria-label": string }) => ReactNode;
}) {
  const captionId = useId();
  return (
    // Named by its caption outright: not every screen reader reads <figcaption> as the name.
    <figure className="chart" aria-labelledby={captionId}>
      <figcaption id={captionId}>{caption}</figcaption>
      {empty ? (
        <p className="empty">{empty}</p>
      ) : (
        <>
          <div className={tall ? "chart-canvas tall" : "chart-canvas"}>
            {children({ role: "img", "aria-label": summary })}
          </div>
          <p className="chart-summary">{summary}</p>
          {table}
        </>
      )}
    </figure>
  );
}

/** What every chart shares: sized by its box, and still when the person prefers less motion. */
function baseOptions(theme: ChartTheme) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: theme.reduced ? (false as const) : { duration: 300 },
  };
}

export function EarningsOverTimeChart({
  series,
  bucket,
}: {
  series: readonly SeriesPoint[];
  bucket: Bucket;
}) {
  const theme = useChartTheme();
  const shaped = useMemo(() => shapeSeries(series, bucket), [series, bucket]);
  const summary = describeSeries(series, bucket);
  const options: ChartOptions<"line"> = {
    ...baseOptions(theme),
    interaction: { mode: "index", intersect: false },
    plugins: { legend: { labels: { color: theme.text } } },
    scales: {
      x: {
        ticks: { color: theme.text, maxRotation: 0, autoSkipPadding: 16 },
        grid: { display: false },
      },
      y: {
        beginAtZero: true,
        ticks: { color: theme.text, precision: 0 },
        grid: { color: theme.grid },
      },
    },
  };
  return (
    <ChartFigure
      caption={`Coins given and diamonds earned per ${bucket}`}
      summary={summary}
      tall
      table={
        <DataTable
          caption={`Coins and diamonds per ${bucket}`}
          columns={[bucket === "day" ? "Day (UTC)" : "Hour", "Coins", "Diamonds"]}
          labels={shaped.labels}
          series={[shaped.coins, shaped.diamonds]}
        />
      }
    >
      {(described) => (
        <Line
          {...described}
          options={options}
          data={{
            labels: shaped.labels,
            datasets: [
              {
                label: "Coins",
                data: shaped.coins,
                borderColor: COINS,
                backgroundColor: `${COINS}22`,
                fill: true,
                tension: 0.25,
                cubicInterpolationMode: "monotone",
                pointRadius: series.length > 48 ? 0 : 2,
              },
              {
                label: "Diamonds",
                data: shaped.diamonds,
                borderColor: DIAMONDS,
                backgroundColor: DIAMONDS,
                tension: 0.25,
                cubicInterpolationMode: "monotone",
                pointRadius: series.length > 48 ? 0 : 2,
              },
            ],
          }}
        />
      )}
    </ChartFigure>
  );
}

export function GiftMixChart({
  mix,
  giftNames,
}: {
  mix: readonly GiftMixEntry[];
  giftNames: ReadonlyMap<string, string>;
}) {
  const theme = useChartTheme();
  const shaped = useMemo(() => shapeGiftMix(mix, giftNames), [mix, giftNames]);
  const summary = describeGiftMix(shaped);
  const options: ChartOptions<"bar"> = {
    ...baseOptions(theme),
    indexAxis: "y",
    plugins: { legend: { display: false } },
    scales: {
      x: {
        beginAtZero: true,
        ticks: { color: theme.text, precision: 0 },
        grid: { color: theme.grid },
      },
      y: { ticks: { color: theme.text }, grid: { display: false } },
    },
  };
  return (
    <ChartFigure
      caption="Gift mix by coins"
      summary={summary}
      empty={shaped.labels.length === 0 ? "No gifts in this range." : null}
      table={
        <DataTable
          caption="Gifts by coins"
          columns={["Gift", "Sent", "Coins"]}
          labels={shaped.labels}
          series={[shaped.counts, shaped.coins]}
        />
      }
    >
      {(described) => (
        <Bar
          {...described}
          options={options}
          data={{
            labels: shaped.labels,
            datasets: [
              { label: "Coins", data: shaped.coins, backgroundColor: MIX, borderRadius: 4 },
            ],
          }}
        />
      )}
    </ChartFigure>
  );
}

export function GiftersChart({ gifters }: { gifters: { new: number; returning: number } }) {
  const theme = useChartTheme();
  const shaped = shapeGifters(gifters);
  const summary = describeGifters(gifters);
  const options: ChartOptions<"doughnut"> = {
    ...baseOptions(theme),
    plugins: { legend: { position: "bottom", labels: { color: theme.text } } },
  };
  return (
    <ChartFigure
      caption="New and returning gifters"
      summary={summary}
      empty={gifters.new + gifters.returning === 0 ? "Nobody gave in this range yet." : null}
    >
      {(described) => (
        <Doughnut
          {...described}
          options={options}
          data={{
            labels: shaped.labels,
            datasets: [{ data: shaped.values, backgroundColor: [COINS, DIAMONDS], borderWidth: 0 }],
          }}
        />
      )}
    </ChartFigure>
  );
}
