import { type InputHTMLAttributes, type ReactNode, useId } from "react";

/** What a field's control needs to be tied to its label, hint and error. */
export interface FieldControl {
  readonly id: string;
  readonly className: "input";
  readonly "aria-invalid": true | undefined;
  readonly "aria-describedby": string | undefined;
}

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "children"> {
  readonly label: string;
  readonly hint?: ReactNode;
  readonly error?: string | null;
  readonly testId?: string;
  /** Draws another control (a select, a textarea, an input with its button); an input if absent. */
  readonly children?: (control: FieldControl) => ReactNode;
}

/** A labelled control whose hint and error are tied to it for screen readers. */
export function Field({ label, hint, error, testId, children, ...input }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const control: FieldControl = {
    id,
    className: "input",
    "aria-invalid": error ? true : undefined,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children ? children(control) : <input {...input} {...control} data-testid={testId} />}
      {hint ? (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <p className="error" role="alert" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
