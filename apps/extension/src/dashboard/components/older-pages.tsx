import type { ActionState } from "../hooks/use-action.ts";
import { ErrorNote } from "./error-note.tsx";

interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/**
 * "Show older …" under a keyset-paged list: fetches the page after `cursor` and hands it to
 * `onPage`; hidden once there is nothing older. Its error shows next to it.
 */
export function LoadOlder<T>({
  cursor,
  load,
  onPage,
  label,
}: {
  readonly cursor: string | null;
  readonly load: ActionState<[string], Page<T>>;
  readonly onPage: (page: Page<T>) => void;
  readonly label: string;
}) {
  if (!cursor) return null;
  return (
    <div className="row">
      <button
        type="button"
        className="button secondary"
        disabled={load.pending}
        onClick={async () => {
          const page = await load.run(cursor);
          if (page) onPage(page);
        }}
      >
        {load.pending ? "Loading…" : label}
      </button>
      <ErrorNote error={load.error} />
    </div>
  );
}
