import type { ReactNode } from "react";
import { ErrorNote } from "./error-note.tsx";
import { Empty, Loading } from "./section.tsx";

/**
 * What a query shows in every state: "Loading …" until the first answer, the error when a call
 * fails (also over an earlier answer, which stays), `empty` for an empty list, else `children`.
 */
export function QueryView<T>({
  query,
  what,
  empty,
  children,
}: {
  readonly query: { readonly data: T | undefined; readonly error: unknown };
  /** Finishes "Loading …": "your channels". */
  readonly what: string;
  /** Shown instead of `children` when the answer is an empty list. */
  readonly empty?: ReactNode;
  readonly children: (data: T) => ReactNode;
}) {
  const { data, error } = query;
  const isEmpty = empty !== undefined && Array.isArray(data) && data.length === 0;
  return (
    <>
      {error ? <ErrorNote error={error} /> : null}
      {data === undefined ? (
        error ? null : (
          <Loading what={what} />
        )
      ) : isEmpty ? (
        <Empty>{empty}</Empty>
      ) : (
        children(data)
      )}
    </>
  );
}
