import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { useTRPC } from "../lib/api-query.tsx";
import type { SignedInUser } from "../messaging/contract.ts";
import { RegisterCreator } from "./auth/register-creator.tsx";
import { StartingUp } from "./components/auth-page.tsx";
import { type LiveState, useLiveRefresh } from "./hooks/use-live-refresh.ts";
import { SECTIONS, type SectionId, sectionFromHash } from "./lib/sections.ts";
import { AnalyticsSection } from "./sections/analytics-section.tsx";
import { BoostsSection } from "./sections/boosts-section.tsx";
import { ChannelsSection } from "./sections/channels-section.tsx";
import { EarningsSection } from "./sections/earnings-section.tsx";
import { InboxSection } from "./sections/inbox-section.tsx";
import { LiveSection } from "./sections/live-section.tsx";
import { OverlaySection } from "./sections/overlay-section.tsx";
import { OverviewSection } from "./sections/overview-section.tsx";
import { PerksSection } from "./sections/perks-section.tsx";
import { StandingSection } from "./sections/standing-section.tsx";
import type { CreatorStatus, SavedPayoutMethod, SectionProps } from "./types.ts";

/** A signed-in person: registering a handle, or the dashboard once they have one. */
export function CreatorArea({ user, onSignOut }: { user: SignedInUser; onSignOut: () => void }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.creator.status.queryOptions());

  if (!status.data) {
    return <StartingUp error={status.error} onRetry={() => void status.refetch()} />;
  }
  if (!status.data.isCreator) {
    return (
      <RegisterCreator
        email={user.email}
        onRegistered={() => void status.refetch()}
        onSignOut={onSignOut}
      />
    );
  }
  return (
    <Dashboard
      user={user}
      status={status.data}
      reloadStatus={async () => {
        await status.refetch();
      }}
      onSignOut={onSignOut}
    />
  );
}

function useSectionFromHash(): [SectionId, boolean] {
  const [section, setSection] = useState(() => sectionFromHash(location.hash));
  const [navigated, setNavigated] = useState(false);
  useEffect(() => {
    const onHashChange = () => {
      setSection(sectionFromHash(location.hash));
      setNavigated(true);
    };
    addEventListener("hashchange", onHashChange);
    return () => removeEventListener("hashchange", onHashChange);
  }, []);
  return [section, navigated];
}

const SECTION_VIEWS: Readonly<Record<SectionId, (props: SectionProps) => React.JSX.Element>> = {
  overview: OverviewSection,
  channels: ChannelsSection,
  earnings: EarningsSection,
  analytics: AnalyticsSection,
  perks: PerksSection,
  live: LiveSection,
  boosts: BoostsSection,
  inbox: InboxSection,
  overlay: OverlaySection,
  standing: StandingSection,
};

const LIVE_WORDS: Readonly<Record<Exclude<LiveState, "off">, string>> = {
  connecting: "Connecting…",
  on: "Live updates",
  reconnecting: "Reconnecting…",
};

/** Whether the money figures follow gifts as they arrive. */
function LiveUpdates({ state }: { state: LiveState }) {
  if (state === "off") return null;
  return (
    <span
      className="live-updates"
      data-testid="live-updates"
      data-state={state}
      role="status"
      title="Earnings and held diamonds update as gifts arrive"
    >
      <span className="live-dot" aria-hidden="true" />
      {LIVE_WORDS[state]}
    </span>
  );
}

function Dashboard({
  user,
  status,
  reloadStatus,
  onSignOut,
}: {
  user: SignedInUser;
  status: CreatorStatus;
  reloadStatus: () => Promise<void>;
  onSignOut: () => void;
}) {
  const [section, navigated] = useSectionFromHash();
  const View = SECTION_VIEWS[section];
  const reload = useCallback(() => reloadStatus(), [reloadStatus]);
  const [payoutMethod, setPayoutMethod] = useState<SavedPayoutMethod | null>(null);
  const live = useLiveRefresh(status.handle);

  return (
    <div className="dashboard" data-testid="dashboard">
      <a className="skip-link" href="#dashboard-main">
        Skip to content
      </a>
      <header className="topbar">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{" "}
          Coinstream <span className="brand-sub">for creators</span>
        </h1>
        <div className="topbar-account">
          <LiveUpdates state={live} />
          <span className="handle" data-testid="creator-handle">
            @{status.handle}
          </span>
          <span className="muted small">{user.email}</span>
          <button type="button" className="button secondary small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <div className="layout">
        <nav className="sidebar" aria-label="Dashboard sections">
          <ul>
            {SECTIONS.map((item) => (
              <li key={item.id}>
                <a
                  href={`#${item.id}`}
                  aria-current={item.id === section ? "page" : undefined}
                  data-testid={`nav-${item.id}`}
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main id="dashboard-main" className="main" tabIndex={-1}>
          <View
            key={section}
            status={status}
            reloadStatus={reload}
            focusOnMount={navigated}
            payoutMethod={payoutMethod}
            onPayoutMethodSaved={setPayoutMethod}
          />
        </main>
      </div>
    </div>
  );
}
