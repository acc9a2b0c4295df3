import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/api-query.tsx";
import { formatCoins, formatCount, formatDateTime } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { QueryView } from "../components/query-view.tsx";
import { Panel, Section } from "../components/section.tsx";
import { Table } from "../components/table.tsx";
import type { SectionProps } from "../types.ts";

type Boost = OutputOf<"creator.boosts">[number];

/** Clicks per 100 impressions, one decimal ("4.2%"); a dash before anyone saw it. */
export function clickRate(boost: Pick<Boost, "impressions" | "clicks">): string {
  if (boost.impressions === 0) return "—";
  const tenths = Math.round((boost.clicks * 1_000) / boost.impressions);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

const BOOST_COLUMNS = [
  { label: "Boost" },
  { label: "Impressions", numeric: true },
  { label: "Clicks", numeric: true },
  { label: "Rate", numeric: true },
];

function BoostsTable({ boosts }: { boosts: readonly Boost[] }) {
  const totals = boosts.reduce(
    (sum, boost) => ({
      impressions: sum.impressions + boost.impressions,
      clicks: sum.clicks + boost.clicks,
    }),
    { impressions: 0, clicks: 0 },
  );
  return (
    <>
      <dl className="figures compact">
        <div className="figure">
          <dt>Impressions</dt>
          <dd>{formatCount(totals.impressions)}</dd>
        </div>
        <div className="figure">
          <dt>Clicks through</dt>
          <dd>{formatCount(totals.clicks)}</dd>
        </div>
        <div className="figure">
          <dt>Click rate</dt>
          <dd>{clickRate(totals)}</dd>
        </div>
      </dl>
      <Table caption="Your boosts, newest first" columns={BOOST_COLUMNS}>
        {boosts.map((boost) => (
          <tr key={boost.id}>
            <th scope="row">
              {formatCount(boost.minutes)} minutes for {formatCoins(boost.coins)}
              {boost.isRunning && <span className="badge good">Running</span>}
              <span className="cell-note">
                {formatDateTime(boost.startsAt)} to {formatDateTime(boost.endsAt)} · paid by{" "}
                {boost.paidBy === "you" ? "you" : "a supporter"}
              </span>
            </th>
            <td className="num">{formatCount(boost.impressions)}</td>
            <td className="num">{formatCount(boost.clicks)}</td>
            <td className="num">{clickRate(boost)}</td>
          </tr>
        ))}
      </Table>
    </>
  );
}

/** Boost reach: each boost of the creator's stream with how many saw it listed and clicked through. */
export function BoostsSection({ focusOnMount }: SectionProps) {
  const trpc = useTRPC();
  const boosts = useQuery(trpc.creator.boosts.queryOptions());
  return (
    <Section
      id="boosts"
      title="Boost reach"
      focusOnMount={focusOnMount}
      intro="A boost lifts your live stream in Coinstream's listing. Impressions count signed-in viewers who saw it listed; clicks, those who opened it from there."
    >
      <Panel title="Your boosts">
        <QueryView
          query={boosts}
          what="your boosts"
          empty="No boosts yet. When you or a supporter boosts your stream, its reach shows here."
        >
          {(data) => <BoostsTable boosts={data} />}
        </QueryView>
      </Panel>
    </Section>
  );
}
