import { useCallback, useRef, useState } from "react";
import { describeError, isSignedOutError, type ShownError } from "../../lib/describe-error.ts";
import { useDashboard } from "../api-context.tsx";

export interface ActionState<A extends unknown[], R> {
  /** Runs the action; resolves with its result, or undefined when it failed (see `error`). */
  readonly run: (...args: A) => Promise<R | undefined>;
  readonly pending: boolean;
  readonly error: ShownError | null;
  readonly result: R | undefined;
  readonly reset: () => void;
}

/**
 * A button's call to the API with its own pending state, error and result, so each error
 * shows next to the control that caused it. A second run while one is pending is ignored.
 */
export function useAction<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): ActionState<A, R> {
  const { onSignedOut } = useDashboard();
  const latestAction = useRef(action);
  latestAction.current = action;
  const inFlight = useRef(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [result, setResult] = useState<R | undefined>(undefined);

  const run = useCallback(
    async (...args: A) => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setPending(true);
      setError(null);
      try {
        const value = await latestAction.current(...args);
        setResult(() => value);
        return value;
      } catch (caught) {
        const shown = describeError(caught);
        setError(shown);
        setResult(undefined);
        if (isSignedOutError(shown)) onSignedOut();
        return undefined;
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [onSignedOut],
  );

  const reset = useCallback(() => {
    setError(null);
    setResult(undefined);
  }, []);

  return { run, pending, error, result, reset };
}
