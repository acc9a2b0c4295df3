import { describeError } from "../../lib/describe-error.ts";
import { formatCoins, formatDiamonds } from "../../lib/format.ts";
import type { SendRequest } from "../lib/send-to-stream.ts";
import type { SenderState } from "../lib/sender-state.ts";

/** "5 × Rose", "a tip of 500 coins". */
export function describeRequest(request: SendRequest, giftName: (id: string) => string): string {
  return request.kind === "gift"
    ? `${request.count} × ${giftName(request.giftId)}`
    : `a tip of ${formatCoins(request.coins)}`;
}

/**
 * Where the last send is, in words: on its way, the API's answer, or the API's refusal with
 * what to do (and a retry that reuses the attempt's key when the outcome is unknown).
 */
export function SendStatus({
  state,
  giftName,
  onRetry,
  onDismiss,
  onOpenWallet,
}: {
  readonly state: SenderState;
  readonly giftName: (id: string) => string;
  readonly onRetry: () => void;
  readonly onDismiss: () => void;
  /** Sign in or get coins, when that is the way forward. */
  readonly onOpenWallet?: (() => void) | undefined;
}) {
  if (state.phase === "failed") {
    const view = describeError(state.error, "panel");
    return (
      <div className="cs-error" role="alert" data-testid="send-error">
        <span className="cs-error-title">{view.title}</span>
        <span>{view.message}</span>
        {view.hint ? <span>{view.hint}</span> : null}
        <div className="cs-error-actions">
          {onOpenWallet && (view.needsCoins || view.needsSignIn) ? (
            <button type="button" className="cs-link" onClick={onOpenWallet}>
              {view.needsCoins ? "Get coins" : "Sign in"}
            </button>
          ) : null}
          {state.retryable ? (
            <button type="button" className="cs-link" onClick={onRetry}>
              Try again
            </button>
          ) : null}
          <button type="button" className="cs-link" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      </div>
    );
  }
  let text = "";
  if (state.phase === "sending" || state.phase === "confirm") {
    text = `Sending ${describeRequest(state.attempt.request, giftName)}…`;
  } else if (state.phase === "sent") {
    const { result } = state;
    const what = describeRequest(state.attempt.request, giftName);
    const diamonds = formatDiamonds(result.diamonds);
    text = `Sent ${what} to @${result.handle}: they receive ${diamonds}. Balance ${formatCoins(result.balance)}.`;
  }
  return (
    <div className="cs-status" role="status" data-testid="send-status" data-state={state.phase}>
      {text}
    </div>
  );
}
