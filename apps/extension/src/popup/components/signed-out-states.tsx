import type { SignedInUser } from "../../messaging/contract.ts";
import type { Session } from "../hooks/use-session-status.ts";
import { AuthScreen } from "./auth-screen.tsx";
import { ErrorText } from "./error-text.tsx";

/**
 * What a page with the popup's forms shows until someone is signed in: asking who is, the API
 * unreachable (its error and Try again), or signing in and up; the first two in a box of
 * `className`. Nothing once someone is signed in.
 */
export function SignedOutStates({
  session,
  onRetry,
  onSignedIn,
  className,
}: {
  readonly session: Session;
  readonly onRetry: () => void;
  readonly onSignedIn: (user: SignedInUser) => void;
  readonly className?: string;
}) {
  if (session.status === "loading") {
    return (
      <div className={className ? `${className} muted` : "muted"} aria-busy="true">
        Loading…
      </div>
    );
  }
  if (session.status === "unreachable") {
    return (
      <div className={className}>
        <ErrorText error={session.error} />
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (session.status === "signedOut") return <AuthScreen onSignedIn={onSignedIn} />;
  return null;
}
