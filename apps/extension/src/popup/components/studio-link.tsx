import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../lib/api-query.tsx";

/** Opens the options page (the creator studio) in a tab; Chromium and Firefox both have it. */
const openOptionsPage = () => void chrome.runtime.openOptionsPage();

/**
 * The way from the wallet to the creator studio, for creators only: a viewer who never
 * registered a handle sees nothing (the studio offers registering itself). Silent on error:
 * the wallet matters more than the link.
 */
export function StudioLink({ openStudio = openOptionsPage }: { readonly openStudio?: () => void }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.creator.status.queryOptions());
  if (!status.data?.isCreator) return null;
  return (
    <nav className="card studio-link" aria-label="Creator studio">
      <span className="small muted">@{status.data.handle}</span>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={openStudio}
        data-testid="open-studio"
      >
        Open creator studio
      </button>
    </nav>
  );
}
