import type { ApiError } from "../../messaging/contract.ts";

/** An error next to the control that caused it, announced to screen readers. */
export function ErrorText({
  error,
  id,
  testId,
}: {
  readonly error: ApiError | string | null | undefined;
  readonly id?: string;
  readonly testId?: string;
}) {
  if (!error) return null;
  const message = typeof error === "string" ? error : describeApiError(error);
  return (
    <p className="error" role="alert" id={id} data-testid={testId}>
      {message}
    </p>
  );
}

/** The API's sentence, with a next step for the rulebook's codes a person can act on. */
export function describeApiError(error: ApiError): string {
  switch (error.domainCode) {
    case "INSUFFICIENT_COINS":
      return `${error.message} Buy coins on the Wallet tab.`;
    case "LIMIT_EXCEEDED":
      return `${error.message} You can review your limits on the Limits tab.`;
    case "NOT_ELIGIBLE":
      return error.message;
    case "ACCOUNT_FROZEN":
      // The API's sentence already points to a support ticket (the Support tab).
      return error.message;
    default:
      return error.message;
  }
}
