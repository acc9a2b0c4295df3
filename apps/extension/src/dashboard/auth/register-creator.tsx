import { type FormEvent, useState } from "react";
import { useApi } from "../api-context.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { TextField } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";

/** A signed-in person who is not a creator yet picks the handle their pages will declare. */
export function RegisterCreator({
  email,
  onRegistered,
  onSignOut,
}: {
  email: string;
  onRegistered: () => void;
  onSignOut: () => void;
}) {
  const api = useApi();
  const [handle, setHandle] = useState("");
  const register = useAction((wanted: string) => api.creator.register.mutate({ handle: wanted }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await register.run(handle.trim().replace(/^@/, ""))) onRegistered();
  }

  return (
    <main className="auth-page" data-testid="register-creator">
      <div className="auth-card">
        <p className="brand" aria-hidden="true">
          <span className="brand-mark">◆</span> Coinstream
        </p>
        <h1>Become a creator</h1>
        <p className="muted">
          Signed in as {email}. Pick the handle viewers will know you by. Pages declare it with{" "}
          <code>&lt;meta name="coinstream:creator" content="yourhandle"&gt;</code>, and gifts on
          your linked channels reach you.
        </p>
        <form onSubmit={submit} noValidate>
          <TextField
            label="Handle"
            hint="2 to 30 letters, digits, dots, dashes or underscores. It cannot be changed later."
            autoComplete="off"
            spellCheck={false}
            value={handle}
            onChange={(event) => setHandle(event.target.value)}
            error={fieldError(register.error, "handle")}
            testId="register-handle"
          />
          <ErrorNote error={register.error} testId="register-error" />
          <button
            type="submit"
            className="button primary wide"
            disabled={register.pending || handle.trim().length < 2}
            data-testid="register-submit"
          >
            {register.pending ? "Registering…" : "Register handle"}
          </button>
        </form>
        <button type="button" className="link-button" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </main>
  );
}
