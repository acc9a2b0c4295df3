import { formatCount, formatDateTime } from "../../lib/format.ts";
import { Panel, Section } from "../components/section.tsx";
import {
  buildChecklist,
  type ChecklistItem,
  summarizeChecklist,
} from "../lib/eligibility-checklist.ts";
import { SECTIONS } from "../lib/sections.ts";
import type { CreatorStatus, SectionProps } from "../types.ts";

/** Held, available and reserved diamonds, and when the next held ones release. */
export function DiamondFigures({ diamonds }: { diamonds: CreatorStatus["diamonds"] }) {
  return (
    <dl className="figures" data-testid="diamond-figures">
      <div className="figure">
        <dt>Held</dt>
        <dd data-testid="diamonds-held" data-value={diamonds.held}>
          {formatCount(diamonds.held)}
        </dd>
        <dd className="figure-note">
          Recent earnings, held 7 days before you can withdraw them; 30 days after the purchase when
          a new buyer's first month of coins paid for them, as a card dispute can still reverse
          those.
        </dd>
      </div>
      <div className="figure accent">
        <dt>Available</dt>
        <dd data-testid="diamonds-available" data-value={diamonds.available}>
          {formatCount(diamonds.available)}
        </dd>
        <dd className="figure-note">Ready to withdraw.</dd>
      </div>
      <div className="figure">
        <dt>Reserved</dt>
        <dd data-testid="diamonds-reserved" data-value={diamonds.reserved}>
          {formatCount(diamonds.reserved)}
        </dd>
        <dd className="figure-note">In withdrawals being paid.</dd>
      </div>
      <div className="figure">
        <dt>Next release</dt>
        <dd className="figure-date" data-testid="next-release">
          {diamonds.nextReleaseAt ? formatDateTime(diamonds.nextReleaseAt) : "—"}
        </dd>
        <dd className="figure-note">
          {diamonds.nextReleaseAt
            ? "When the next of your held diamonds become available."
            : "Nothing is on hold."}
        </dd>
      </div>
    </dl>
  );
}

function sectionLabel(id: string): string {
  return SECTIONS.find((section) => section.id === id)?.label ?? id;
}

function Checklist({
  title,
  items,
  testId,
}: {
  title: string;
  items: readonly ChecklistItem[];
  testId: string;
}) {
  const done = items.every((item) => item.met);
  return (
    <Panel testId={testId}>
      <h3 className="panel-title">
        {title}{" "}
        <span className={`badge ${done ? "good" : "neutral"}`}>{summarizeChecklist(items)}</span>
      </h3>
      <ul className="checklist">
        {items.map((item) => (
          <li
            key={item.code}
            className={item.met ? "met" : "unmet"}
            data-testid={`check-${item.code}`}
            data-met={item.met}
          >
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
  return (
    <Section
      id="overview"
      title="Overview"
      focusOnMount={focusOnMount}
      intro={
        status.canReceive ? (
          <span data-testid="can-receive" data-value="true">
            You can receive gifts on your verified channels.
          </span>
        ) : (
          <span data-testid="can-receive" data-value="false">
            You cannot receive gifts yet: see what is missing below.
          </span>
        )
      }
      actions={
        <button
          type="button"
          className="button secondary small"
          onClick={() => void reloadStatus()}
        >
          Refresh
        </button>
      }
    >
      <Panel title="Diamonds">
        <DiamondFigures diamonds={status.diamonds} />
        <p className="muted small">
          <a href="#earnings">Withdraw or see every earning →</a>
        </p>
      </Panel>
      <div className="grid two">
        <Checklist
          title="Receive gifts"
          items={buildChecklist("receive", status.receiveMissing)}
          testId="checklist-receive"
        />
        <Checklist
          title="Withdraw"
          items={buildChecklist("withdraw", withdrawMissing)}
          testId="checklist-withdraw"
        />
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
