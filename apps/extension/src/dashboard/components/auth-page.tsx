import type { ReactNode } from "react";
import { ErrorNote } from "./error-note.tsx";

/** A page before the dashboard (signing in, registering a handle): one card, centred. */
export function AuthPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand" aria-hidden="true">
          <span className="brand-mark">◆</span> Coinstream
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

/** The dashboard starting: still asking who is signed in, or the call failed, with Try again. */
export function StartingUp({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <main className="auth-page">
      {error ? (
        <div className="auth-card">
          <h1>Creator dashboard</h1>
          <ErrorNote error={error} />
          <button type="button" className="button primary" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : (
        <p className="muted" role="status">
          Loading your dashboard…
        </p>
      )}
    </main>
  );
}
