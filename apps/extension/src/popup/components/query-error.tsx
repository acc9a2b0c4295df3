import { ErrorText } from "./error-text.tsx";

/** A query that failed: the error in words and a way to ask again. */
export function QueryError({
  query,
}: {
  readonly query: { readonly error: unknown; readonly refetch: () => unknown };
}) {
  if (!query.error) return null;
  return (
    <div>
      <ErrorText error={query.error} />
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => void query.refetch()}
      >
        Try again
      </button>
    </div>
  );
}
