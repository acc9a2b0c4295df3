import { useCallback, useEffect, useState } from "react";
import type { BackgroundActions } from "../../messaging/api-client.ts";
import type { ApiError, SignedInUser } from "../../messaging/contract.ts";

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
