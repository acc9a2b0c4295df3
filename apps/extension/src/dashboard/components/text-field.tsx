import { type InputHTMLAttributes, useId } from "react";

/**
 * A labelled input with an optional hint and its own error line, both tied to the input with
 * aria-describedby so screen readers read them with the field.
 */
export function TextField({
  label,
  hint,
  error,
  testId,
  className,
  ...input
}: {
  label: string;
  hint?: string | null;
  error?: string | null;
  testId?: string;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy =
    [hint ? hintId : null, error ? errorId : null, input["aria-describedby"] ?? null]
      .filter(Boolean)
      .join(" ") || undefined;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
      />
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
