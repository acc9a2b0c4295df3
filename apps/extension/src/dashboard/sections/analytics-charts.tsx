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
import { useMemo } from "react";
import { Bar, Doughnut, Line } from "react-chartjs-2";
import { formatCount } from "../../lib/format.ts";
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

function DataTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}) {
  return (
    <details className="chart-data">
      <summary>Show the numbers</summary>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column, i) => (
                <th key={column} scope="col" className={i > 0 ? "num" : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed per table.
                  <td key={i} className={i > 0 ? "num" : undefined}>
                    {typeof cell === "number" ? formatCount(cell) : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
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
    responsive: true,
    maintainAspectRatio: false,
    animation: theme.reduced ? false : { duration: 300 },
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
    <figure className="chart" data-testid="chart-over-time">
      <figcaption>Coins given and diamonds earned per {bucket}</figcaption>
      <div className="chart-canvas tall">
        <Line
          aria-label={summary}
          role="img"
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
      </div>
      <p className="chart-summary">{summary}</p>
      <DataTable
        caption={`Coins and diamonds per ${bucket}`}
        columns={[bucket === "day" ? "Day (UTC)" : "Hour", "Coins", "Diamonds"]}
        rows={shaped.labels.map((label, i) => [
          label,
          shaped.coins[i] ?? 0,
          shaped.diamonds[i] ?? 0,
        ])}
      />
    </figure>
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
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    animation: theme.reduced ? false : { duration: 300 },
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
    <figure className="chart" data-testid="chart-gift-mix">
      <figcaption>Gift mix by coins</figcaption>
      {shaped.labels.length === 0 ? (
        <p className="empty">No gifts in this range.</p>
      ) : (
        <div className="chart-canvas">
          <Bar
            aria-label={summary}
            role="img"
            options={options}
            data={{
              labels: shaped.labels,
              datasets: [
                { label: "Coins", data: shaped.coins, backgroundColor: MIX, borderRadius: 4 },
              ],
            }}
          />
        </div>
      )}
      {shaped.labels.length > 0 && <p className="chart-summary">{summary}</p>}
      {shaped.labels.length > 0 && (
        <DataTable
          caption="Gifts by coins"
          columns={["Gift", "Sent", "Coins"]}
          rows={shaped.labels.map((label, i) => [
            label,
            shaped.counts[i] ?? 0,
            shaped.coins[i] ?? 0,
          ])}
        />
      )}
    </figure>
  );
}

export function GiftersChart({ gifters }: { gifters: { new: number; returning: number } }) {
  const theme = useChartTheme();
  const shaped = shapeGifters(gifters);
  const summary = describeGifters(gifters);
  const options: ChartOptions<"doughnut"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: theme.reduced ? false : { duration: 300 },
    plugins: { legend: { position: "bottom", labels: { color: theme.text } } },
  };
  const total = gifters.new + gifters.returning;
  return (
    <figure className="chart" data-testid="chart-gifters">
      <figcaption>New and returning gifters</figcaption>
      {total === 0 ? (
        <p className="empty">Nobody gave in this range yet.</p>
      ) : (
        <div className="chart-canvas">
          <Doughnut
            aria-label={summary}
            role="img"
            options={options}
            data={{
              labels: shaped.labels,
              datasets: [
                { data: shaped.values, backgroundColor: [COINS, DIAMONDS], borderWidth: 0 },
              ],
            }}
          />
        </div>
      )}
      {total > 0 && <p className="chart-summary">{summary}</p>}
    </figure>
  );
}
