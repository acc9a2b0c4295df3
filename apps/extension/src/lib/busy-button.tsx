import type { ButtonHTMLAttributes } from "react";

/**
 * A button whose action may still be running: while `busy` it cannot be pressed again and, when
 * given a `busyLabel` ("Saving…"), says what it is doing. A submit button unless `type` says not.
 */
export function BusyButton({
  busy,
  busyLabel,
  disabled,
  children,
  type = "submit",
  ...button
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  readonly busy: boolean;
  readonly busyLabel?: string;
  readonly type?: "submit" | "button";
}) {
  return (
    <button {...button} type={type} disabled={busy || disabled}>
      {busy && busyLabel ? busyLabel : children}
    </button>
  );
}
