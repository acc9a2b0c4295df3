import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import {
  formatCoins,
  formatCount,
  formatDateTime,
  formatDiamonds,
  formatUsdMinor,
} from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { ErrorNote } from "../components/error-note.tsx";
import { Empty, Loading, Panel, Section } from "../components/section.tsx";
import {
  buildChecklist,
  type ChecklistItem,
  summarizeChecklist,
} from "../lib/eligibility-checklist.ts";
import { SECTIONS } from "../lib/sections.ts";
import type { SectionProps } from "../types.ts";

type Overview = OutputOf<"creator.overview">;
type EarningsWindow = Overview["earnings"][number];

const WINDOW_LABELS: Readonly<Record<EarningsWindow["window"], string>> = {
  today: "Today",
  week: "Last 7 days",
  month: "Last 30 days",
};

/** The dashboard's clock, east of UTC, so "today" is the creator's own day. */
export function localUtcOffsetMinutes(at = new Date()): number {
  return -at.getTimezoneOffset();
}

/** Earnings today, in 7 and in 30 days: cash first, diamonds under it. */
function EarningsWindows({ windows }: { windows: Overview["earnings"] }) {
  return (
    <dl className="figures" data-testid="earnings-windows">
      {windows.map((window) => (
        <div
          className={`figure${window.window === "today" ? " accent" : ""}`}
          key={window.window}
          data-testid={`earned-${window.window}`}
          data-diamonds={window.diamonds}
          data-usd-minor={window.valueUsdMinor}
        >
          <dt>{WINDOW_LABELS[window.window]}</dt>
          <dd>{formatUsdMinor(window.valueUsdMinor)}</dd>
          <dd className="figure-note">
            {formatDiamonds(window.diamonds)} from {formatCount(window.events)}{" "}
            {window.events === 1 ? "gift or tip" : "gifts and tips"}
            {window.reversedDiamonds > 0 && (
              <> · {formatCount(window.reversedDiamonds)} taken back by refunds</>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Held diamonds by the day each part becomes available, and the available ones. */
function HeldAndAvailable({ overview }: { overview: Overview }) {
  const { held, available } = overview;
  return (
    <div className="grid two">
      {/* biome-ignore lint/a11y/useSemanticElements: a figure named by its label, not a set of form controls. */}
      <div className="figure" role="group" aria-labelledby="held-title">
        <p className="figure-label" id="held-title">
          Held
        </p>
        <p className="figure-value" data-testid="diamonds-held" data-value={held.diamonds}>
          {formatCount(held.diamonds)}
        </p>
        <p className="figure-note">
          Diamonds worth {formatUsdMinor(held.valueUsdMinor)}, held before you can withdraw them.
        </p>
        {held.schedule.length > 0 || held.releasingNowDiamonds > 0 ? (
          <ul className="plain-list release-list" aria-labelledby="held-title">
            {held.releasingNowDiamonds > 0 && (
              <li>
                <span>Becoming available now</span>
                <span className="num">{formatCount(held.releasingNowDiamonds)}</span>
              </li>
            )}
            {held.schedule.map((part) => (
              <li key={part.releaseAt}>
                <span>Available {formatDateTime(part.releaseAt)}</span>
                <span className="num">{formatCount(part.diamonds)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="figure-note">Nothing is on hold.</p>
        )}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a figure named by its label, not a set of form controls. */}
      <div className="figure accent" role="group" aria-labelledby="available-title">
        <p className="figure-label" id="available-title">
          Available
        </p>
        <p
          className="figure-value"
          data-testid="diamonds-available"
          data-value={available.diamonds}
        >
          {formatCount(available.diamonds)}
        </p>
        <p className="figure-note">
          Worth {formatUsdMinor(available.valueUsdMinor)} before fees: ready to withdraw.
          {available.reservedDiamonds > 0 && (
            <> {formatCount(available.reservedDiamonds)} more are in withdrawals being paid.</>
          )}
        </p>
      </div>
    </div>
  );
}

const METHOD_WORDS = { bank: "bank transfer", paypal: "PayPal", stripe: "Stripe" } as const;

/** What withdrawing every available diamond would pay now, before the creator asks for it. */
function WithdrawalPreview({ withdrawal }: { withdrawal: Overview["withdrawal"] }) {
  if (!withdrawal) {
    return (
      <p className="muted" data-testid="withdraw-preview" data-net-usd-minor={0}>
        Nothing to withdraw yet: held diamonds become available on the dates above.
      </p>
    );
  }
  return (
    <div
      className="stack"
      data-testid="withdraw-preview"
      data-net-usd-minor={withdrawal.netUsdMinor}
    >
      <p>
        Withdrawing all {formatDiamonds(withdrawal.diamonds)} pays{" "}
        <strong className="cash">{formatUsdMinor(withdrawal.netUsdMinor)}</strong>{" "}
        {withdrawal.feeUsdMinor > 0
          ? `(${formatUsdMinor(withdrawal.grossUsdMinor)} less ${formatUsdMinor(withdrawal.feeUsdMinor)} in fees)`
          : "with no fee"}{" "}
        by {METHOD_WORDS[withdrawal.method]}.
      </p>
      {withdrawal.isMethodAssumed && (
        <p className="muted small">
          Fees shown for a bank transfer: you have not chosen a payout method yet.
        </p>
      )}
      {withdrawal.allowed && withdrawal.maxDiamonds < withdrawal.diamonds && (
        <p className="muted small">
          You can withdraw up to {formatDiamonds(withdrawal.maxDiamonds)} right now.
        </p>
      )}
      {withdrawal.reasons.length > 0 && (
        <ul className="reasons">
          {withdrawal.reasons.map((reason) => (
            <li key={reason.code}>{reason.message}</li>
          ))}
        </ul>
      )}
      <p>
        <a href="#earnings">
          {withdrawal.allowed ? "Withdraw" : "Payout method and withdrawals"} →
        </a>
      </p>
    </div>
  );
}

function TopSupporters({ supporters }: { supporters: Overview["topSupporters"] }) {
  if (supporters.length === 0) {
    return <Empty>No gifts in the last 30 days yet. Your top supporters show here.</Empty>;
  }
  return (
    <ol className="supporters" data-testid="top-supporters">
      {supporters.map((supporter) => (
        <li key={supporter.rank}>
          <span className="supporter-rank" aria-hidden="true">
            {supporter.rank}
          </span>
          <span className="supporter-name">{supporter.name}</span>
          <span className="num">{formatCoins(supporter.coins)}</span>
        </li>
      ))}
    </ol>
  );
}

/** The money first: what came in, what is held until when, what a withdrawal pays, who gave. */
function MoneyOverview() {
  const trpc = useTRPC();
  const [utcOffsetMinutes] = useState(() => localUtcOffsetMinutes());
  const overview = useQuery(trpc.creator.overview.queryOptions({ utcOffsetMinutes }));
  if (!overview.data) {
    return (
      <Panel title="Earnings">
        {overview.error ? <ErrorNote error={overview.error} /> : <Loading what="your earnings" />}
      </Panel>
    );
  }
  return (
    <>
      <Panel title="Earnings">
        <EarningsWindows windows={overview.data.earnings} />
        <p className="muted small">
          Cash is the diamonds' value in US dollars before payout fees.{" "}
          <a href="#earnings">Every earning →</a>
        </p>
      </Panel>
      <Panel title="Held and available">
        <HeldAndAvailable overview={overview.data} />
      </Panel>
      <div className="grid two">
        <Panel title="Withdraw now">
          <WithdrawalPreview withdrawal={overview.data.withdrawal} />
        </Panel>
        <Panel title="Top supporters, 30 days">
          <TopSupporters supporters={overview.data.topSupporters} />
        </Panel>
      </div>
      {overview.error && <ErrorNote error={overview.error} />}
    </>
  );
}

function sectionLabel(id: string): string {
  return SECTIONS.find((section) => section.id === id)?.label ?? id;
}

function Checklist({ title, items }: { title: string; items: readonly ChecklistItem[] }) {
  const done = items.every((item) => item.met);
  return (
    <Panel
      title={
        <>
          {title}{" "}
          <span className={`badge ${done ? "good" : "neutral"}`}>{summarizeChecklist(items)}</span>
        </>
      }
    >
      <ul className="checklist">
        {items.map((item) => (
          <li key={item.code} className={item.met ? "met" : "unmet"}>
            <span className="check-icon" aria-hidden="true">
              {item.met ? "✓" : "!"}
            </span>
            <div>
              <p className="check-label">
                {item.label}
                <span className="visually-hidden">{item.met ? " (done)" : " (to do)"}</span>
              </p>
              {item.detail && <p className="check-detail">{item.detail}</p>}
              {item.fixIn && (
                <a className="check-fix" href={`#${item.fixIn.section}`}>
                  {item.fixIn.action} in {sectionLabel(item.fixIn.section)} →
                </a>
              )}
            </div>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

export function OverviewSection({
  status,
  reloadStatus,
  focusOnMount,
  payoutMethod,
}: SectionProps) {
  // creator.status cannot see a payout method yet; one saved in this visit counts as set.
  const withdrawMissing = payoutMethod
    ? status.withdrawMissing.filter((reason) => reason.code !== "NO_PAYOUT_METHOD")
    : status.withdrawMissing;
  const verified = status.channels.filter((channel) => channel.verified);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (
    <Section
      id="overview"
      title="Overview"
      focusOnMount={focusOnMount}
      intro={
        status.canReceive
          ? "You can receive gifts on your verified channels."
          : "You cannot receive gifts yet: see what is missing below."
      }
      actions={
        <button
          type="button"
          className="button secondary small"
          onClick={() => {
            void reloadStatus();
            void queryClient.invalidateQueries({ queryKey: trpc.creator.overview.pathKey() });
          }}
        >
          Refresh
        </button>
      }
    >
      <MoneyOverview />
      <div className="grid two">
        <Checklist title="Receive gifts" items={buildChecklist("receive", status.receiveMissing)} />
        <Checklist title="Withdraw" items={buildChecklist("withdraw", withdrawMissing)} />
      </div>
      <Panel title="Channels">
        {status.channels.length === 0 ? (
          <p className="muted">
            No channels yet. <a href="#channels">Link your first channel →</a>
          </p>
        ) : (
          <p>
            {verified.length} of {status.channels.length} linked{" "}
            {status.channels.length === 1 ? "channel is" : "channels are"} verified.{" "}
            <a href="#channels">Manage channels →</a>
          </p>
        )}
      </Panel>
    </Section>
  );
}
