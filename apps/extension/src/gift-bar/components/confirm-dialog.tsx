import { useEffect, useId, useRef } from "react";
import { formatCoins } from "../../lib/format.ts";

/**
 * The API asked for confirmation (the spend reaches the viewer's own threshold). Sending again
 * from here uses the same idempotency key with `confirm: true`. A native modal <dialog>: the
 * rest of the bar is inert while it is open, Escape cancels (the dialog's `cancel` event), and
 * the focus goes back where it was when it closes.
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
  const dialogRef = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    // Inside a shadow root the focused element is the root's, not the document's.
    const root = dialog?.getRootNode() as Document | ShadowRoot | undefined;
    const previous = root?.activeElement as HTMLElement | null | undefined;
    if (dialog && !dialog.open) dialog.showModal();
    confirmRef.current?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      previous?.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="cs-dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // The sender's state closes it (this component unmounts), not the browser.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>
        {coins !== null ? `Send ${formatCoins(coins)} to @${handle}?` : `Send to @${handle}?`}
      </h2>
      <p>{message}</p>
      <div className="cs-dialog-actions">
        <button type="button" className="cs-secondary" onClick={onCancel}>
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
    </dialog>
  );
}
