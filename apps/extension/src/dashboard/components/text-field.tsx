import { type InputHTMLAttributes, type ReactNode, useId } from "react";
import { parseWholeNumber } from "../../lib/format.ts";

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

export type TextFieldProps = {
  label: string;
  hint?: string | null;
  error?: string | null;
  testId?: string;
} & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input with an optional hint and its own error line. */
export function TextField({ label, hint, error, testId, className, ...input }: TextFieldProps) {
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

/** `notANumber` when `text` is typed but is not a whole number of at least `min`, else null. */
function wholeNumberProblem(text: string, notANumber: string, min = 0): string | null {
  if (text === "") return null;
  const value = parseWholeNumber(text);
  return value === null || value < min ? notANumber : null;
}

/**
 * A field for a whole number ("1,200" reads as 1200): while what is typed is not one (or is below
 * `min`) it says `notANumber`, otherwise it shows `error` (the API's, for this field).
 */
export function WholeNumberField({
  value,
  notANumber,
  min,
  error,
  ...field
}: Omit<TextFieldProps, "value" | "min"> & {
  value: string;
  notANumber: string;
  min?: number;
}) {
  return (
    <TextField
      {...field}
      inputMode="numeric"
      value={value}
      error={wholeNumberProblem(value, notANumber, min) ?? error}
    />
  );
}
