import type { OutputOf } from "../../messaging/contract.ts";
import { ViewerName } from "./viewer-name.tsx";

type LeaderboardEntry = OutputOf<"streams.leaderboard">["entries"][number];

/** This stream's top supporters right now (the API's live leaderboard). */
export function TopGifters({ entries }: { readonly entries: readonly LeaderboardEntry[] }) {
  if (entries.length === 0) return null;
  const leader = entries[0];
  return (
    <details className="cs-gifters">
      <summary>
        Top gifters{leader ? ": " : ""}
        {leader ? <ViewerName name={leader.name} style={leader.viewerStyle} /> : null}
        {leader ? ` leads with ${leader.coins.toLocaleString("en-US")} coins` : null}
      </summary>
      <ol aria-label="Top gifters">
        {entries.slice(0, 10).map((entry) => (
          <li key={entry.rank} className="cs-gifter">
            <span className="cs-gifter-rank">{entry.rank}</span>
            <span className="cs-gifter-name">
              <ViewerName name={entry.name} style={entry.viewerStyle} />
            </span>
            <span className="cs-gifter-coins">{entry.coins.toLocaleString("en-US")}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
