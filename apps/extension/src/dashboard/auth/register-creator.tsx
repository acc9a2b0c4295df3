import { type FormEvent, useState } from "react";
import { BusyButton } from "../../lib/busy-button.tsx";
import { useApi } from "../api-context.tsx";
import { AuthPage } from "../components/auth-page.tsx";
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
    <AuthPage title="Become a creator">
      <p className="muted">
        Signed in as {email}. Pick the handle viewers will know you by. Pages declare it with{" "}
        <code>&lt;meta name="coinstream:creator" content="yourhandle"&gt;</code>, and gifts on your
        linked channels reach you.
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
        />
        <ErrorNote error={register.error} />
        <BusyButton
          className="button primary wide"
          busy={register.pending}
          busyLabel="Registering…"
          disabled={handle.trim().length < 2}
        >
          Register handle
        </BusyButton>
      </form>
      <button type="button" className="link-button" onClick={onSignOut}>
        Sign out
      </button>
    </AuthPage>
  );
}
