import { type FormEvent, useState } from "react";
import { BusyButton } from "../../lib/busy-button.tsx";
import { describeError, type ShownError } from "../../lib/describe-error.ts";
import type { SignedInUser } from "../../messaging/contract.ts";
import { useDashboard } from "../api-context.tsx";
import { AuthPage } from "../components/auth-page.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { TextField } from "../components/text-field.tsx";

/** Signs in through the background (`auth` message); new accounts are made in the popup. */
export function SignInForm({ onSignedIn }: { onSignedIn: (user: SignedInUser) => void }) {
  const { background } = useDashboard();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const result = await background.auth({ action: "signIn", email: email.trim(), password });
      if (!result.ok) setError(describeError(result.error));
      else if (result.data.user) onSignedIn(result.data.user);
      else setError(describeError(null));
    } catch (caught) {
      setError(describeError(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <AuthPage title="Creator dashboard">
      <p className="muted">
        Sign in with your Coinstream account to manage your channels, earnings and stream.
      </p>
      <form
        onSubmit={submit}
        aria-label="Sign in"
        aria-describedby={error ? "sign-in-error" : undefined}
        noValidate
      >
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldError(error, "email")}
          testId="sign-in-email"
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError(error, "password")}
          testId="sign-in-password"
        />
        <ErrorNote error={error} id="sign-in-error" />
        <BusyButton
          className="button primary wide"
          busy={pending}
          busyLabel="Signing in…"
          disabled={!email || !password}
          data-testid="sign-in-submit"
        >
          Sign in
        </BusyButton>
      </form>
      <p className="muted small">
        New to Coinstream? Create an account in the extension's popup (the Coinstream icon in your
        toolbar), or{" "}
        <a href="popup.html" target="_blank" rel="noreferrer">
          open it in a tab
        </a>
        , then come back here.
      </p>
    </AuthPage>
  );
}
