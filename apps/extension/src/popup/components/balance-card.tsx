import { formatBalance, formatCount } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { CoinMark } from "./coin-mark.tsx";

export type Wallet = OutputOf<"wallet.get">;

/** Coins to spend, reserved coins, and the gifter level with progress to the next. */
export function BalanceCard({ wallet }: { readonly wallet: Wallet }) {
  const { level } = wallet;
  const percent = Math.min(100, Math.floor(level.progressBps / 100));
  return (
    <section className="card" aria-label="Your coins">
      <div className="balance">
        <CoinMark className="balance__coin" />
        <div>
          {/* Read out whole ("5,550 coins") when a purchase or a gift changes it. */}
          <div role="status" aria-atomic="true">
            <span className="balance__amount" data-testid="balance" data-coins={wallet.coins}>
              {formatBalance(wallet.coins)}
            </span>{" "}
            <span className="balance__unit">coins</span>
          </div>
          {wallet.reservedCoins > 0 ? (
            <p className="small muted">
              {formatCount(wallet.reservedCoins)} held for sends in progress
            </p>
          ) : null}
        </div>
      </div>
      <div className="level">
        <div className="level__line">
          <span>
            Gifter level <span className="level__badge">{level.level}</span> ·{" "}
            <span className="level__badge">{level.badge}</span>
          </span>
          <span>
            {level.coinsToNextLevel === null
              ? "Top level"
              : `${formatCount(level.coinsToNextLevel)} coins to level ${level.level + 1}`}
          </span>
        </div>
        <div
          className="progress"
          role="progressbar"
          aria-label={`Progress to gifter level ${level.level + 1}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress__bar" style={{ width: `${percent}%` }} />
        </div>
      </div>
    </section>
  );
}
