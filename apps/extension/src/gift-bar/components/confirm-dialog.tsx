import { useEffect, useId, useRef } from "react";
import { formatCoins } from "../../lib/format.ts";

/**
 * The API asked for confirmation (the spend reaches the viewer's own threshold). Sending again
 * from here uses the same idempotency key with `confirm: true`. Escape cancels.
 */
export function ConfirmDialog({
  handle,
  coins,
  message,
  onConfirm,
  onCancel,
}: {
  readonly handle: string;
  readonly coins: number | null;
  readonly message: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const titleId = useId();
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // Inside a shadow root the focused element is the root's, not the document's.
    const root = confirmRef.current?.getRootNode() as Document | ShadowRoot | undefined;
    const previous = root?.activeElement as HTMLElement | null | undefined;
    confirmRef.current?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="cs-dialog-backdrop">
      <div
        className="cs-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="confirm-dialog"
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            event.stopPropagation();
            onCancel();
          }
        }}
      >
        <h2 id={titleId}>
          {coins !== null ? `Send ${formatCoins(coins)} to @${handle}?` : `Send to @${handle}?`}
        </h2>
        <p>{message}</p>
        <div className="cs-dialog-actions">
          <button
            type="button"
            className="cs-secondary"
            data-testid="confirm-cancel"
            onClick={onCancel}
          >
            Cancel
          </button>
          <button
            ref={confirmRef}
            type="button"
            className="cs-primary"
            data-testid="confirm-send"
            onClick={onConfirm}
          >
            Confirm and send
          </button>
        </div>
      </div>
    </div>
  );
}
