import { useCallback, useEffect, useRef, useState } from "react";
import { ApiCallError } from "../../messaging/api-client.ts";
import type { ApiError } from "../../messaging/contract.ts";
import { usePopup } from "../popup-context.tsx";

export interface QueryState<T> {
  readonly data: T | null;
  readonly error: ApiError | null;
  readonly isLoading: boolean;
  /** Loads again; resolves with the new data (null on error). */
  readonly reload: () => Promise<T | null>;
  /** Replaces the data without a request (a mutation returned the new state). */
  readonly setData: (data: T) => void;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiCallError) return error.error;
  return {
    code: "INTERNAL_SERVER_ERROR",
    domainCode: null,
    message: "Something went wrong. Try again.",
    details: {},
    fieldErrors: {},
  };
}

/**
 * Runs `load` on mount and on `reload`. An UNAUTHORIZED answer ends the session in the popup
 * (back to signing in); other errors stay in `error` for the section to show.
 */
export function useApiQuery<T>(load: () => Promise<T>): QueryState<T> {
  const { onSessionEnded } = usePopup();
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const isMounted = useRef(true);

  const reload = useCallback(async () => {
    setIsLoading(true);
    try {
      const next = await loadRef.current();
      if (!isMounted.current) return next;
      setData(next);
      setError(null);
      return next;
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === "UNAUTHORIZED") onSessionEnded();
      if (isMounted.current) setError(apiError);
      return null;
    } finally {
      if (isMounted.current) setIsLoading(false);
    }
  }, [onSessionEnded]);

  useEffect(() => {
    isMounted.current = true;
    void reload();
    return () => {
      isMounted.current = false;
    };
  }, [reload]);

  return { data, error, isLoading, reload, setData };
}
