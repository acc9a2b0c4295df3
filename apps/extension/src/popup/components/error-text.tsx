import { errorSentence } from "../../lib/describe-error.ts";

/** An error next to the control that caused it, announced to screen readers. */
export function ErrorText({
  error,
  id,
}: {
  /** A failed call (TRPCClientError, the background's ApiError) or a sentence of our own. */
  readonly error: unknown;
  readonly id?: string;
}) {
  if (!error) return null;
  const message = typeof error === "string" ? error : errorSentence(error, "popup");
  return (
    <p className="error" role="alert" id={id}>
      {message}
    </p>
  );
}
