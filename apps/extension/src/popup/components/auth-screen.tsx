import { DISPLAY_NAME_MAX_LENGTH, MIN_SIGN_UP_AGE } from "@coinstream/core";
import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from "react";
import { BusyButton } from "../../lib/busy-button.tsx";
import type { ApiError, AuthResult, OutputOf, SignedInUser } from "../../messaging/contract.ts";
import { guessRegion, REGION_OPTIONS } from "../lib/regions.ts";
import { MIN_PASSWORD_LENGTH, validateSignIn, validateSignUp } from "../lib/validate-sign-up.ts";
import { usePopup } from "../popup-context.tsx";
import { ErrorText } from "./error-text.tsx";
import { Field } from "./field.tsx";
import { GuidelinesText } from "./guidelines-text.tsx";
import { Tabs } from "./tabs.tsx";

type Mode = "signIn" | "signUp";

function fieldError(error: ApiError | null, field: string): string | null {
  return error?.fieldErrors[field]?.[0] ?? null;
}

/** The form-level error, unless it is already shown next to a field. */
function formError(error: ApiError | null): ApiError | null {
  if (!error) return null;
  return Object.keys(error.fieldErrors).length > 0 ? null : error;
}

/** Problems found before asking the API, shaped like the API's own field errors. */
function localError(fieldErrors: Record<string, string[]>): ApiError | null {
  if (Object.keys(fieldErrors).length === 0) return null;
  return { code: "BAD_REQUEST", domainCode: null, message: "", details: {}, fieldErrors };
}

/** Moves focus to the first field with an error, so keyboard and screen reader users land on it. */
function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, error: ApiError | null) {
  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, error]);
}

/**
 * A form's error, busy state and submit: problems found locally stop it before the API is asked;
 * the API's error is shown next to its field (focused) or above the button.
 */
function useAuthForm() {
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, error);

  async function submit(
    problems: Record<string, string[]>,
    call: () => Promise<AuthResult>,
    onDone: (user: SignedInUser | null) => void,
  ) {
    const local = localError(problems);
    setError(local);
    if (local) return;
    setIsBusy(true);
    const result = await call();
    setIsBusy(false);
    if (!result.ok) setError(result.error);
    else onDone(result.data.user);
  }
  return { formRef, error, isBusy, submit };
}

/** The email both forms share (typed once, kept when switching between them). */
function EmailField(props: {
  readonly email: string;
  readonly onEmailChange: (email: string) => void;
  readonly error: ApiError | null;
  readonly testId: string;
}) {
  return (
    <Field
      label="Email"
      type="email"
      name="email"
      autoComplete="email"
      required
      value={props.email}
      onChange={(event) => props.onEmailChange(event.target.value)}
      error={fieldError(props.error, "email")}
      testId={props.testId}
    />
  );
}

function todayIso(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function AuthScreen({ onSignedIn }: { readonly onSignedIn: (user: SignedInUser) => void }) {
  const [mode, setMode] = useState<Mode>("signIn");
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);

  return (
    <div className="popup__body">
      <Tabs
        label="Account"
        selected={mode}
        onSelect={(next) => setMode(next as Mode)}
        tabs={[
          { id: "signIn", label: "Sign in", testId: "auth-tab-signin" },
          { id: "signUp", label: "Create account", testId: "auth-tab-signup" },
        ]}
      />
      {mode === "signIn" ? (
        <div className="panel" role="tabpanel" aria-labelledby="tab-signIn" id="panel-signIn">
          {sentTo ? (
            <p className="notice notice--good" data-testid="signup-verification-sent" role="status">
              We sent a confirmation link to <strong>{sentTo}</strong>. Open it, then sign in here.
              <span className="small" style={{ display: "block", marginTop: 4 }}>
                Running Coinstream on your own machine? The link is printed in the API's log.
              </span>
            </p>
          ) : null}
          <SignInForm email={email} onEmailChange={setEmail} onSignedIn={onSignedIn} />
        </div>
      ) : (
        <div className="panel" role="tabpanel" aria-labelledby="tab-signUp" id="panel-signUp">
          <SignUpForm
            email={email}
            onEmailChange={setEmail}
            onSignedIn={onSignedIn}
            onVerificationSent={(address) => {
              setSentTo(address);
              setMode("signIn");
            }}
          />
        </div>
      )}
    </div>
  );
}

/** What both forms get: the email they share, and where a signed-in person goes. */
interface AuthFormProps {
  readonly email: string;
  readonly onEmailChange: (email: string) => void;
  readonly onSignedIn: (user: SignedInUser) => void;
}

function SignInForm({ email, onEmailChange, onSignedIn }: AuthFormProps) {
  const { background } = usePopup();
  const [password, setPassword] = useState("");
  const { formRef, error, isBusy, submit: submitWith } = useAuthForm();

  function submit(event: FormEvent) {
    event.preventDefault();
    void submitWith(
      validateSignIn(email, password),
      () => background.auth({ action: "signIn", email, password }),
      (user) => user && onSignedIn(user),
    );
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} aria-label="Sign in" noValidate>
      <EmailField email={email} onEmailChange={onEmailChange} error={error} testId="signin-email" />
      <Field
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={fieldError(error, "password")}
        testId="signin-password"
      />
      <ErrorText error={formError(error)} />
      <BusyButton
        className="button button--wide"
        busy={isBusy}
        busyLabel="Signing in…"
        data-testid="signin-submit"
      >
        Sign in
      </BusyButton>
    </form>
  );
}

function SignUpForm({
  email,
  onEmailChange,
  onSignedIn,
  onVerificationSent,
}: AuthFormProps & { readonly onVerificationSent: (email: string) => void }) {
  const { background, now } = usePopup();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [dateOfBirth, setDateOfBirth] = useState("");
  const [region, setRegion] = useState(() =>
    guessRegion(typeof navigator === "undefined" ? [] : navigator.languages),
  );
  const guidelines = useGuidelinesForSignUp();
  const [hasAccepted, setHasAccepted] = useState(false);
  const acceptedGuidelinesVersion = hasAccepted && guidelines ? guidelines.version : null;
  const { formRef, error, isBusy, submit: submitWith } = useAuthForm();

  function submit(event: FormEvent) {
    event.preventDefault();
    void submitWith(
      validateSignUp(
        { name, email, password, dateOfBirth, region, acceptedGuidelinesVersion },
        todayIso(now()),
      ),
      () =>
        background.auth({
          action: "signUp",
          email,
          password,
          name,
          dateOfBirth,
          region,
          acceptedGuidelinesVersion: acceptedGuidelinesVersion ?? 0,
        }),
      // Without a user, the account waits for its email to be confirmed.
      (user) => (user ? onSignedIn(user) : onVerificationSent(email.trim())),
    );
  }

  return (
    <form ref={formRef} className="form" onSubmit={submit} aria-label="Create account" noValidate>
      <Field
        label="Display name"
        name="name"
        autoComplete="nickname"
        required
        maxLength={DISPLAY_NAME_MAX_LENGTH}
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint="Shown next to your gifts."
        error={fieldError(error, "name")}
        testId="signup-name"
      />
      <EmailField email={email} onEmailChange={onEmailChange} error={error} testId="signup-email" />
      <Field
        label="Password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={fieldError(error, "password")}
        testId="signup-password"
      />
      <Field
        label="Date of birth"
        type="date"
        name="dateOfBirth"
        required
        min="1900-01-01"
        max={todayIso(now())}
        value={dateOfBirth}
        onChange={(event) => setDateOfBirth(event.target.value)}
        hint={`You must be at least ${MIN_SIGN_UP_AGE}. Buying and sending coins has a higher minimum age that depends on your region.`}
        error={fieldError(error, "dateOfBirth")}
        testId="signup-dob"
      />
      <Field
        label="Region"
        hint="Sets your prices and currency. It can't be changed later."
        error={fieldError(error, "region")}
      >
        {(control) => (
          <select
            {...control}
            required
            value={region}
            onChange={(event) => setRegion(event.target.value)}
            data-testid="signup-region"
          >
            <option value="" disabled>
              Choose your region
            </option>
            {REGION_OPTIONS.map((option) => (
              <option key={option.code} value={option.code}>
                {option.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <GuidelinesConsent
        guidelines={guidelines}
        checked={hasAccepted}
        onChange={setHasAccepted}
        error={fieldError(error, "acceptedGuidelinesVersion")}
      />
      <ErrorText error={formError(error)} />
      <BusyButton
        className="button button--wide"
        busy={isBusy}
        busyLabel="Creating account…"
        data-testid="signup-submit"
      >
        Create account
      </BusyButton>
    </form>
  );
}

type CurrentGuidelines = OutputOf<"guidelines.current">["current"];

/**
 * The guidelines in effect, for the sign-up form to show and accept (null until loaded). A plain
 * call, not a query hook: the welcome page shows this form with the light port client.
 */
function useGuidelinesForSignUp(): CurrentGuidelines | null {
  const { api } = usePopup();
  const [guidelines, setGuidelines] = useState<CurrentGuidelines | null>(null);
  useEffect(() => {
    let isCurrent = true;
    api.guidelines.current
      .query()
      .then((answer) => isCurrent && setGuidelines(answer.current))
      .catch(() => {});
    return () => {
      isCurrent = false;
    };
  }, [api]);
  return guidelines;
}

/** The consent tick box, with the text one tap away. */
function GuidelinesConsent(props: {
  readonly guidelines: CurrentGuidelines | null;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly error: string | null;
}) {
  const errorId = useId();
  return (
    <div className="field">
      <label className="checkbox">
        <input
          type="checkbox"
          checked={props.checked}
          disabled={!props.guidelines}
          onChange={(event) => props.onChange(event.target.checked)}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? errorId : undefined}
          data-testid="signup-guidelines"
        />
        <span>
          I accept the community guidelines
          {props.guidelines ? ` (version ${props.guidelines.version})` : ""}.
        </span>
      </label>
      {props.guidelines ? (
        <details>
          <summary className="small">Read them</summary>
          <GuidelinesText body={props.guidelines.body} />
        </details>
      ) : null}
      {props.error ? (
        <p className="error" role="alert" id={errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
