import { useCallback, useEffect, useMemo, useState } from "react";
import {
  type ApiClient,
  type BackgroundActions,
  createBackgroundActions,
  type SendMessage,
} from "../../messaging/api-client.ts";
import type { ApiError, SignedInUser } from "../../messaging/contract.ts";
import type { PopupContextValue } from "../popup-context.tsx";

export type Session =
  | { readonly status: "loading" }
  | { readonly status: "signedOut" }
  | { readonly status: "signedIn"; readonly user: SignedInUser }
  | { readonly status: "unreachable"; readonly error: ApiError };

/** Who is signed in, asked of the background on mount and by `checkStatus` (Try again). */
export function useSessionStatus(background: BackgroundActions) {
  const [session, setSession] = useState<Session>({ status: "loading" });

  const checkStatus = useCallback(async () => {
    setSession({ status: "loading" });
    const result = await background.auth({ action: "status" });
    if (!result.ok) setSession({ status: "unreachable", error: result.error });
    else if (result.data.user) setSession({ status: "signedIn", user: result.data.user });
    else setSession({ status: "signedOut" });
  }, [background]);

  useEffect(() => {
    void checkStatus();
  }, [checkStatus]);

  return { session, setSession, checkStatus };
}

/**
 * A page that shows the popup's forms (the popup, the welcome page): the background's actions,
 * who is signed in, and the context its components read. A call that finds the session gone
 * signs the page out.
 */
export function usePopupSession(
  send: SendMessage,
  api: ApiClient,
  options: Pick<PopupContextValue, "checkoutPollMs" | "now">,
) {
  const { checkoutPollMs, now } = options;
  const background = useMemo(() => createBackgroundActions(send), [send]);
  const { session, setSession, checkStatus } = useSessionStatus(background);
  const onSessionEnded = useCallback(() => setSession({ status: "signedOut" }), [setSession]);
  const context = useMemo<PopupContextValue>(
    () => ({ api, background, onSessionEnded, checkoutPollMs, now }),
    [api, background, onSessionEnded, checkoutPollMs, now],
  );
  return { session, setSession, checkStatus, onSessionEnded, context };
}
