import { useState } from "react";
import { GuidelinesMarkdown } from "../../lib/guidelines-markdown.tsx";
import type { ApiError } from "../../messaging/contract.ts";
import { toApiError, useApiQuery } from "../hooks/use-api-query.ts";
import { usePopup } from "../popup-context.tsx";
import { ErrorText } from "./error-text.tsx";

/** The guidelines' text (headings, lists, bold; never parsed as HTML) in a small scrolling box. */
export function GuidelinesText({
  body,
  testId,
}: {
  readonly body: string;
  readonly testId: string;
}) {
  return (
    <div className="guidelines__text" data-testid={testId}>
      <GuidelinesMarkdown body={body} />
    </div>
  );
}

/**
 * Shown above the wallet when the guidelines in effect are not accepted yet: spending waits for
 * it (the API answers GUIDELINES_NOT_ACCEPTED), reading does not.
 */
export function GuidelinesPrompt({ onAccepted }: { readonly onAccepted?: () => void }) {
  const { api } = usePopup();
  const status = useApiQuery(() => api.query("me.guidelines", undefined));
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  if (!status.data || status.data.accepted) return null;
  const { current } = status.data;

  async function accept() {
    setIsBusy(true);
    try {
      status.setData(await api.mutation("me.acceptGuidelines", { version: current.version }));
      setError(null);
      onAccepted?.();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section
      className="card guidelines"
      aria-labelledby="guidelines-title"
      data-testid="guidelines-prompt"
    >
      <h2 id="guidelines-title" className="guidelines__title">
        Updated community guidelines
      </h2>
      <p className="small">
        Version {current.version} is in effect. Accept it to send gifts and buy coins again; your
        wallet and history stay readable.
      </p>
      <GuidelinesText body={current.body} testId="guidelines-text" />
      <ErrorText error={error} testId="guidelines-error" />
      <button
        type="button"
        className="button button--wide"
        disabled={isBusy}
        onClick={() => void accept()}
        data-testid="guidelines-accept"
      >
        {isBusy ? "Accepting…" : `Accept version ${current.version}`}
      </button>
    </section>
  );
}
