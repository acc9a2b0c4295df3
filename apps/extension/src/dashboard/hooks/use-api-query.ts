import { useCallback, useEffect, useRef, useState } from "react";
import type { InputOf, OutputOf, ProcedurePath } from "../../messaging/contract.ts";
import { useDashboard } from "../api-context.tsx";
import { describeError, isSignedOutError, type ShownError } from "../lib/describe-error.ts";

export interface QueryState<T> {
  readonly data: T | undefined;
  readonly error: ShownError | null;
  /** True while a load is under way (the first one or a reload). */
  readonly loading: boolean;
  readonly reload: () => Promise<void>;
  /** Replaces the data with what a mutation returned, without asking again. */
  readonly setData: (update: (current: T | undefined) => T | undefined) => void;
}

export interface QueryOptions {
  /** False holds the query (e.g. until something it needs is known). */
  readonly enabled?: boolean;
  /** Reloads every this many milliseconds while mounted (live figures). */
  readonly pollMs?: number;
}

/**
 * One API query through the background, loaded on mount and whenever its input changes. Only
 * the newest answer is kept, so a slow earlier answer never overwrites a newer one.
 */
export function useApiQuery<P extends ProcedurePath>(
  path: P,
  input: InputOf<P>,
  options: QueryOptions = {},
): QueryState<OutputOf<P>> {
  const { api, onSignedOut } = useDashboard();
  const enabled = options.enabled ?? true;
  const key = JSON.stringify(input ?? null);
  const [data, setDataState] = useState<OutputOf<P> | undefined>(undefined);
  const [error, setError] = useState<ShownError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef(0);

  // `key` (the input as JSON) stands for `input`, so a new object with the same fields is no change.
  const reload = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    try {
      const result = await api.query(path, JSON.parse(key) as InputOf<P>);
      if (request !== latest.current) return;
      setDataState(() => result);
      setError(null);
    } catch (caught) {
      if (request !== latest.current) return;
      const shown = describeError(caught);
      setError(shown);
      if (isSignedOutError(shown)) onSignedOut();
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [api, path, key, onSignedOut]);

  useEffect(() => {
    if (!enabled) return;
    void reload();
    if (!options.pollMs) return;
    const timer = setInterval(() => void reload(), options.pollMs);
    return () => clearInterval(timer);
  }, [enabled, reload, options.pollMs]);

  useEffect(
    () => () => {
      // Answers arriving after unmount are dropped.
      latest.current++;
    },
    [],
  );

  const setData = useCallback(
    (update: (current: OutputOf<P> | undefined) => OutputOf<P> | undefined) =>
      setDataState((current) => update(current)),
    [],
  );

  return { data, error, loading, reload, setData };
}
