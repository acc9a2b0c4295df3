import { useCallback, useEffect, useState } from "react";
import { describeError, type ShownError } from "../lib/describe-error.ts";
import type { ApiClient, BackgroundActions } from "../messaging/api-client.ts";
import type { SignedInUser } from "../messaging/contract.ts";
import { ApiProvider, type FollowStream } from "./api-context.tsx";
import { SignInForm } from "./auth/sign-in-form.tsx";
import { StartingUp } from "./components/auth-page.tsx";
import { CreatorArea } from "./creator-area.tsx";

type AuthState =
  | { readonly state: "loading" }
  | { readonly state: "signed-out" }
  | { readonly state: "signed-in"; readonly user: SignedInUser }
  | { readonly state: "error"; readonly error: ShownError };

/**
 * The options page: asks the background who is signed in, then shows signing in, registering a
 * handle, or the creator dashboard.
 */
export function DashboardApp({
  api,
  background,
  apiUrl,
  followStream,
}: {
  api: ApiClient;
  background: BackgroundActions;
  apiUrl: string;
  followStream?: FollowStream;
}) {
  const [auth, setAuth] = useState<AuthState>({ state: "loading" });

  const checkStatus = useCallback(async () => {
    setAuth({ state: "loading" });
    try {
      const result = await background.auth({ action: "status" });
      if (!result.ok) setAuth({ state: "error", error: describeError(result.error) });
      else if (result.data.user) setAuth({ state: "signed-in", user: result.data.user });
      else setAuth({ state: "signed-out" });
    } catch (caught) {
      setAuth({ state: "error", error: describeError(caught) });
    }
  }, [background]);

  useEffect(() => {
    void checkStatus();
  }, [checkStatus]);

  useEffect(() => {
    document.title = "Coinstream · Creator dashboard";
    // Plasmo's generated page has no lang; screen readers need it to pick a voice.
    document.documentElement.lang = "en";
  }, []);

  const onSignedOut = useCallback(() => setAuth({ state: "signed-out" }), []);

  // Signing in (or up) happens in the popup too: coming back to this tab picks it up.
  const signedOut = auth.state === "signed-out";
  useEffect(() => {
    if (!signedOut) return;
    const onFocus = async () => {
      try {
        const result = await background.auth({ action: "status" });
        if (result.ok && result.data.user) setAuth({ state: "signed-in", user: result.data.user });
      } catch {
        // Still signed out as far as this page knows; the form stays.
      }
    };
    addEventListener("focus", onFocus);
    return () => removeEventListener("focus", onFocus);
  }, [signedOut, background]);

  const signOut = useCallback(async () => {
    try {
      await background.auth({ action: "signOut" });
    } finally {
      setAuth({ state: "signed-out" });
    }
  }, [background]);

  return (
    <ApiProvider
      api={api}
      background={background}
      apiUrl={apiUrl}
      onSignedOut={onSignedOut}
      followStream={followStream}
    >
      {(auth.state === "loading" || auth.state === "error") && (
        <StartingUp
          error={auth.state === "error" ? auth.error : null}
          onRetry={() => void checkStatus()}
        />
      )}
      {auth.state === "signed-out" && (
        <SignInForm onSignedIn={(user) => setAuth({ state: "signed-in", user })} />
      )}
      {auth.state === "signed-in" && <CreatorArea user={auth.user} onSignOut={signOut} />}
    </ApiProvider>
  );
}
