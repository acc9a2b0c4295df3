import type { AppRouter } from "@coinstream/api";
import type { TRPCLink } from "@trpc/client";
import { useMemo, useState } from "react";
import { ApiQueryProvider } from "../lib/api-query.tsx";
import type { SendMessage } from "../messaging/api-client.ts";
import type { ApiError } from "../messaging/contract.ts";
import { backgroundLink, createApiClient } from "../messaging/trpc-client.ts";
import { CoinMark } from "./components/coin-mark.tsx";
import { ErrorText } from "./components/error-text.tsx";
import { SignedOutStates } from "./components/signed-out-states.tsx";
import { WalletScreen } from "./components/wallet-screen.tsx";
import { usePopupSession } from "./hooks/use-session-status.ts";
import { PopupProvider } from "./popup-context.tsx";

export interface PopupAppProps {
  /** The background's messages (auth, open-tab). */
  readonly send: SendMessage;
  /** Where API calls go: the background's `trpc` port unless a test gives its own. */
  readonly link?: TRPCLink<AppRouter>;
  readonly checkoutPollMs?: number;
  readonly now?: () => Date;
}

const currentTime = () => new Date();

/** The popup: signing in or up, then the wallet. Every call goes through the background worker. */
export function PopupApp({ send, link, checkoutPollMs = 2_500, now = currentTime }: PopupAppProps) {
  const api = useMemo(() => createApiClient(link ?? backgroundLink()), [link]);
  const { session, setSession, checkStatus, onSessionEnded, context } = usePopupSession(send, api, {
    checkoutPollMs,
    now,
  });
  const [signOutError, setSignOutError] = useState<ApiError | null>(null);

  async function signOut() {
    setSignOutError(null);
    const result = await context.background.auth({ action: "signOut" });
    if (!result.ok) setSignOutError(result.error);
    else setSession({ status: "signedOut" });
  }

  return (
    <ApiQueryProvider api={api} onSignedOut={onSessionEnded}>
      <PopupProvider value={context}>
        <main className="popup">
          <header className="popup__header">
            <CoinMark className="popup__logo" />
            <h1 className="popup__title">
              Coinstream
              {session.status === "signedIn" ? (
                <span className="popup__who" data-testid="signed-in-as">
                  {session.user.name || session.user.email}
                </span>
              ) : null}
            </h1>
            {session.status === "signedIn" ? (
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => void signOut()}
                data-testid="sign-out"
              >
                Sign out
              </button>
            ) : null}
          </header>
          <ErrorText error={signOutError} />
          <SignedOutStates
            session={session}
            className="popup__body"
            onRetry={() => void checkStatus()}
            onSignedIn={(user) => setSession({ status: "signedIn", user })}
          />
          {session.status === "signedIn" ? <WalletScreen key={session.user.id} /> : null}
        </main>
      </PopupProvider>
    </ApiQueryProvider>
  );
}
