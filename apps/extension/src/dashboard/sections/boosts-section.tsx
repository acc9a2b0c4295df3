import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/api-query.tsx";
import { formatCoins, formatCount, formatDateTime } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { ErrorNote } from "../components/error-note.tsx";
import { Empty, Loading, Panel, Section } from "../components/section.tsx";
import type { SectionProps } from "../types.ts";

type Boost = OutputOf<"creator.boosts">[number];

/** Clicks per 100 impressions, one decimal ("4.2%"); a dash before anyone saw it. */
export function clickRate(boost: Pick<Boost, "impressions" | "clicks">): string {
  if (boost.impressions === 0) return "—";
  const tenths = Math.round((boost.clicks * 1_000) / boost.impressions);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

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
      <dl className="figures compact" data-testid="boost-totals">
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
      <div className="table-wrap">
        <table data-testid="boosts-list">
          <caption className="visually-hidden">Your boosts, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Boost</th>
              <th scope="col" className="num">
                Impressions
              </th>
              <th scope="col" className="num">
                Clicks
              </th>
              <th scope="col" className="num">
                Rate
              </th>
            </tr>
          </thead>
          <tbody>
            {boosts.map((boost) => (
              <tr key={boost.id} data-testid="boost-row">
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
          </tbody>
        </table>
      </div>
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
        {boosts.error && !boosts.data && <ErrorNote error={boosts.error} />}
        {!boosts.data && !boosts.error && <Loading what="your boosts" />}
        {boosts.data?.length === 0 && (
          <Empty>
            No boosts yet. When you or a supporter boosts your stream, its reach shows here.
          </Empty>
        )}
        {boosts.data && boosts.data.length > 0 && <BoostsTable boosts={boosts.data} />}
      </Panel>
    </Section>
  );
}
