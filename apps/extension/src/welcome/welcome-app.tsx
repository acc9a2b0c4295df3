import { useMemo } from "react";
import { connectTrpcPort, type SendMessage } from "../messaging/api-client.ts";
import { createPortClient } from "../messaging/port-client.ts";
import { CoinMark } from "../popup/components/coin-mark.tsx";
import { SignedOutStates } from "../popup/components/signed-out-states.tsx";
import { usePopupSession } from "../popup/hooks/use-session-status.ts";
import { PopupProvider } from "../popup/popup-context.tsx";

/** Coinstream in three steps, as the welcome page and its test read them. */
export const WELCOME_STEPS = [
  {
    title: "Sign in and get coins",
    text: "Create your account below, then buy coins from the Coinstream button in your browser's toolbar.",
  },
  {
    title: "Open a live stream",
    text: "On Twitch, YouTube, TikTok, Kick or a creator's own site, the Coinstream coin appears by the chat.",
  },
  {
    title: "Send a gift",
    text: "Pick a gift: it plays on screen for everyone watching, and the creator earns diamonds they can cash out.",
  },
] as const;

export interface WelcomeAppProps {
  readonly send: SendMessage;
  readonly now?: () => Date;
}

const currentTime = () => new Date();

/**
 * The page the extension opens once, when it is installed: Coinstream in three steps and the
 * popup's own sign-in and sign-up forms. Like every page it reaches the API only through the
 * background, which lets this page sign in (background/access.ts).
 */
export function WelcomeApp({ send, now = currentTime }: WelcomeAppProps) {
  // The welcome page only signs in and up (auth messages); its API client is never called.
  const api = useMemo(() => createPortClient(connectTrpcPort), []);
  const { session, setSession, checkStatus, context } = usePopupSession(send, api, {
    checkoutPollMs: 2_500,
    now,
  });

  return (
    <PopupProvider value={context}>
      <main className="welcome">
        <header className="welcome__header">
          <CoinMark className="welcome__logo" />
          <h1>Welcome to Coinstream</h1>
        </header>
        <p className="welcome__lead">
          Cheer on the creators you watch with gifts that show on stream.
        </p>
        <ol className="welcome__steps" data-testid="welcome-steps">
          {WELCOME_STEPS.map((step) => (
            <li key={step.title} className="card welcome__step">
              <h2>{step.title}</h2>
              <p className="muted">{step.text}</p>
            </li>
          ))}
        </ol>
        <section className="card welcome__account" aria-label="Your Coinstream account">
          <SignedOutStates
            session={session}
            onRetry={() => void checkStatus()}
            onSignedIn={(user) => setSession({ status: "signedIn", user })}
          />
          {session.status === "signedIn" ? (
            <p className="notice notice--good" role="status">
              You're signed in as {session.user.name || session.user.email}. Open a live stream and
              click the Coinstream coin by the chat.
            </p>
          ) : null}
        </section>
      </main>
    </PopupProvider>
  );
}
