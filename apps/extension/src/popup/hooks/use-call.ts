import { useCallback, useState } from "react";
import { apiErrorOf } from "../../messaging/api-error.ts";
import type { ApiError } from "../../messaging/contract.ts";

/**
 * A call a person starts (send, save, buy): busy while it runs, and the API's refusal kept to
 * show next to the control. `run` resolves once the call is over, whichever way it went.
 */
export function useCall() {
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const run = useCallback(async (work: () => Promise<void>) => {
    setError(null);
    setIsBusy(true);
    try {
      await work();
    } catch (caught) {
      setError(apiErrorOf(caught));
    } finally {
      setIsBusy(false);
    }
  }, []);
  return { error, isBusy, run };
}
