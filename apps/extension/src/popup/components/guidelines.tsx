import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { ErrorText } from "./error-text.tsx";
import { GuidelinesText } from "./guidelines-text.tsx";

/**
 * Shown above the wallet when the guidelines in effect are not accepted yet: spending waits for
 * it (the API answers GUIDELINES_NOT_ACCEPTED), reading does not.
 */
export function GuidelinesPrompt({ onAccepted }: { readonly onAccepted?: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.me.guidelines.queryOptions());
  const accept = useMutation(
    trpc.me.acceptGuidelines.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.me.guidelines.queryKey(), next);
        onAccepted?.();
      },
    }),
  );
  if (!status.data || status.data.accepted) return null;
  const { current } = status.data;

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
      <GuidelinesText body={current.body} />
      <ErrorText error={accept.error} />
      <BusyButton
        type="button"
        className="button button--wide"
        busy={accept.isPending}
        busyLabel="Accepting…"
        onClick={() => accept.mutate({ version: current.version })}
        data-testid="guidelines-accept"
      >
        Accept version {current.version}
      </BusyButton>
    </section>
  );
}
