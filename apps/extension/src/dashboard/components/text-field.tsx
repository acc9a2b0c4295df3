import { type InputHTMLAttributes, type ReactNode, useId } from "react";

/** What a field's control needs to be tied to its label, hint and error. */
export interface FieldControl {
  readonly id: string;
  readonly "aria-invalid": true | undefined;
  readonly "aria-describedby": string | undefined;
}

/**
 * A labelled control (`children` draws it: a select, a textarea...) with an optional hint and its
 * own error line, both tied to it with aria-describedby so screen readers read them with it.
 */
export function Field({
  label,
  hint,
  error,
  describedBy,
  className,
  children,
}: {
  readonly label: string;
  readonly hint?: string | null;
  readonly error?: string | null;
  /** Another element that describes the control (a form's error note). */
  readonly describedBy?: string | undefined;
  readonly className?: string | undefined;
  readonly children: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const ariaDescribedBy =
    [hint ? hintId : null, error ? errorId : null, describedBy ?? null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": ariaDescribedBy,
      })}
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

/** A labelled input with an optional hint and its own error line. */
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
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      describedBy={input["aria-describedby"]}
      className={className}
    >
      {(control) => <input {...input} {...control} data-testid={testId} />}
    </Field>
  );
}
