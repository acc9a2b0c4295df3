import { type ReactNode, useCallback, useState } from "react";
import { BusyButton } from "../../lib/busy-button.tsx";
import { useAction } from "../hooks/use-action.ts";
import { ErrorNote } from "./error-note.tsx";

interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/**
 * A keyset-paged list: the first page (a query's answer) and the older pages fetched with
 * "Show older …" under it (`loadOlder`, hidden once there is nothing older; its error shows
 * next to it). `updateOlder` changes an item fetched that way; `resetOlder` forgets them.
 */
export function useOlderPages<T>(
  first: Page<T> | undefined,
  load: (cursor: string) => Promise<Page<T>>,
  label: string,
): {
  readonly items: readonly T[];
  readonly loadOlder: ReactNode;
  readonly updateOlder: (change: (item: T) => T) => void;
  readonly resetOlder: () => void;
} {
  const loader = useAction(load);
  const [older, setOlder] = useState<Page<T> | null>(null);
  const cursor = older ? older.nextCursor : (first?.nextCursor ?? null);
  const updateOlder = useCallback(
    (change: (item: T) => T) =>
      setOlder((current) => current && { ...current, items: current.items.map(change) }),
    [],
  );
  const resetOlder = useCallback(() => setOlder(null), []);
  return {
    items: [...(first?.items ?? []), ...(older?.items ?? [])],
    updateOlder,
    resetOlder,
    loadOlder: cursor ? (
      <div className="row">
        <BusyButton
          type="button"
          className="button secondary"
          busy={loader.pending}
          busyLabel="Loading…"
          onClick={async () => {
            const page = await loader.run(cursor);
            if (page) {
              setOlder((current) => ({
                items: [...(current?.items ?? []), ...page.items],
                nextCursor: page.nextCursor,
              }));
            }
          }}
        >
          {label}
        </BusyButton>
        <ErrorNote error={loader.error} />
      </div>
    ) : null,
  };
}
