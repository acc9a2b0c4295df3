import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { chromeWalletSignal } from "../../gift-bar/lib/wallet-signal.ts";
import { useTRPC } from "../../lib/api-query.tsx";
import { Activity } from "./activity.tsx";
import { BalanceCard } from "./balance-card.tsx";
import { BuyCoins } from "./buy-coins.tsx";
import { GuidelinesPrompt } from "./guidelines.tsx";
import { LimitsPanel } from "./limits.tsx";
import { ProfileShop } from "./profile-shop.tsx";
import { QueryError } from "./query-error.tsx";
import { StudioLink } from "./studio-link.tsx";
import { SupportPanel } from "./support.tsx";
import { Tabs } from "./tabs.tsx";

type View = "wallet" | "activity" | "profile" | "limits" | "support";

/**
 * Signed in: the balance on top, then buying coins, recent activity, the profile shop, limits
 * and support as tabs.
 */
export function WalletScreen() {
  const trpc = useTRPC();
  const wallet = useQuery(trpc.wallet.get.queryOptions());
  const [view, setView] = useState<View>("wallet");

  return (
    <div className="popup__body">
      <GuidelinesPrompt onAccepted={() => chromeWalletSignal().bump()} />
      {wallet.data ? <BalanceCard wallet={wallet.data} /> : null}
      {wallet.isLoading && !wallet.data ? (
        <div className="card muted" aria-busy="true">
          Loading your wallet…
        </div>
      ) : null}
      <QueryError query={wallet} />
      <StudioLink />
      <Tabs
        label="Wallet sections"
        selected={view}
        onSelect={(next) => setView(next as View)}
        tabs={[
          { id: "wallet", label: "Buy" },
          { id: "activity", label: "Activity" },
          { id: "profile", label: "Profile", testId: "tab-profile" },
          { id: "limits", label: "Limits" },
          { id: "support", label: "Support" },
        ]}
      />
      <div className="panel" role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`}>
        {view === "wallet" ? (
          <BuyCoins
            onPaid={() => {
              void wallet.refetch();
              // Every open gift panel shows the new balance within a second.
              chromeWalletSignal().bump();
            }}
          />
        ) : null}
        {view === "activity" ? <Activity /> : null}
        {view === "profile" ? <ProfileShop /> : null}
        {view === "limits" ? <LimitsPanel /> : null}
        {view === "support" ? <SupportPanel /> : null}
      </div>
    </div>
  );
}
