import { describeError, type ShownError } from "../../lib/describe-error.ts";

/** A failed call as the dashboard shows it (a useAction error is already described). */
function shown(error: unknown): ShownError | null {
  if (!error) return null;
  const value = error as Partial<ShownError>;
  if (Array.isArray(value.reasons) && "hint" in value) return error as ShownError;
  return describeError(error, "dashboard");
}

/**
 * An API error next to the control that caused it: the API's sentence, every reason when there
 * are several, and what to do. `id` lets the control point at it with aria-describedby.
 */
export function ErrorNote({ error, id }: { error: unknown; id?: string }) {
  const view = shown(error);
  if (!view) return null;
  return (
    <div className="error-note" role="alert" id={id}>
      <p>{view.message}</p>
      {view.reasons.length > 0 && (
        <ul>
          {view.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {view.hint && <p className="error-hint">{view.hint}</p>}
    </div>
  );
}

/** The first message the API gave for a field of the input, for the field's own error line. */
export function fieldError(error: unknown, field: string): string | null {
  return shown(error)?.fieldErrors[field]?.[0] ?? null;
}
