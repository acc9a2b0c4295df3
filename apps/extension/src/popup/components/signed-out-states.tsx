import type { SignedInUser } from "../../messaging/contract.ts";
import type { Session } from "../hooks/use-session-status.ts";
import { AuthScreen } from "./auth-screen.tsx";
import { ErrorText } from "./error-text.tsx";

/**
 * What a page with the popup's forms shows before anyone is signed in: the API unreachable (its
 * error and Try again, in a box of `className`), or signing in and up. Nothing otherwise.
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
