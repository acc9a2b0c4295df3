import { type ReactNode, useEffect, useRef, useState } from "react";

/**
 * A button for an action that cannot be undone: the first press asks, the second (on the
 * "confirm" button that takes focus) does it; Escape or Cancel steps back.
 */
export function ConfirmButton({
  children,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  pending,
  tone = "danger",
}: {
  children: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => unknown;
  disabled?: boolean;
  pending?: boolean;
  tone?: "danger" | "primary";
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={openRef}
        type="button"
        className="button secondary"
        disabled={disabled || pending}
        onClick={() => setAsking(true)}
      >
        {pending ? "Working…" : children}
      </button>
    );
  }
  return (
    <fieldset
      className="confirm"
      onKeyDown={(event) => {
        if (event.key === "Escape") setAsking(false);
      }}
    >
      <legend className="confirm-question">{question}</legend>
      <button
        ref={confirmRef}
        type="button"
        className={`button ${tone}`}
        onClick={async () => {
          setAsking(false);
          await onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
