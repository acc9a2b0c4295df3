import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiError } from "../../messaging/contract.ts";
import { toApiError } from "../lib/send-to-stream.ts";

export interface AsyncState<T> {
  readonly data: T | null;
  readonly error: ApiError | null;
  readonly loading: boolean;
  /** Loads again (keeping the current data on screen until the answer comes). */
  readonly reload: () => void;
  /** Replaces the data with a fresher value from elsewhere (a send's answer). */
  readonly set: (data: T) => void;
}

/**
 * Runs `load` whenever `key` changes (null: nothing to load) and keeps its latest answer. A
 * slower answer for an older key never overwrites a newer one, nor does an answer to a load that
 * started before `set` (a balance read before a send must not undo the send's balance).
 */
export function useAsync<T>(key: string | null, load: () => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<{
    key: string | null;
    data: T | null;
    error: ApiError | null;
    loading: boolean;
  }>({ key: null, data: null, error: null, loading: false });
  const [generation, setGeneration] = useState(0);
  /** Bumped by `set`: answers to loads started before it are older than what it set. */
  const setCount = useRef(0);

  // `load` is read fresh on each run; `key` and `generation` decide when to run.
  // biome-ignore lint/correctness/useExhaustiveDependencies: load changes identity every render
  useEffect(() => {
    if (key === null) {
      setState({ key: null, data: null, error: null, loading: false });
      return;
    }
    let current = true;
    const startedAfterSets = setCount.current;
    setState((previous) => ({
      key,
      data: previous.key === key ? previous.data : null,
      error: null,
      loading: true,
    }));
    load().then(
      (data) => {
        if (!current) return;
        if (startedAfterSets === setCount.current)
          setState({ key, data, error: null, loading: false });
        else setState((previous) => ({ ...previous, loading: false }));
      },
      (caught: unknown) => {
        if (current) {
          setState((previous) => ({ ...previous, error: toApiError(caught), loading: false }));
        }
      },
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const set = useCallback((data: T) => {
    setCount.current += 1;
    setState((previous) => ({ ...previous, data }));
  }, []);
  const matches = state.key === key;
  return {
    data: matches ? state.data : null,
    error: matches ? state.error : null,
    loading: key !== null && (!matches || state.loading),
    reload,
    set,
  };
}
