import type { ShownError } from "../lib/describe-error.ts";

/**
 * An API error next to the control that caused it: the API's sentence, every reason when there
 * are several, and what to do. `id` lets the control point at it with aria-describedby.
 */
export function ErrorNote({
  error,
  id,
  testId,
}: {
  error: ShownError | null;
  id?: string;
  testId?: string;
}) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert" id={id} data-testid={testId}>
      <p>{error.message}</p>
      {error.reasons.length > 0 && (
        <ul>
          {error.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {error.hint && <p className="error-hint">{error.hint}</p>}
    </div>
  );
}

/** The first message the API gave for a field of the input, for the field's own error line. */
export function fieldError(error: ShownError | null, field: string): string | null {
  return error?.fieldErrors[field]?.[0] ?? null;
}
