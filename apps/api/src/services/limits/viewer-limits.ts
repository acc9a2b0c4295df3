import type { CapSet, LimitSettings, PendingLimitChange } from "@coinstream/core";
import type { ViewerContext } from "../service-context.ts";
import { loadLimitSettings } from "./limit-settings-store.ts";
import { setViewerLimits } from "./set-viewer-limits.ts";

/** Dates go out as ISO strings, so the extension shows exactly what the server decided. */
function presentChange(change: PendingLimitChange) {
  return {
    ...change,
    requestedAt: change.requestedAt.toISOString(),
    effectiveAt: change.effectiveAt.toISOString(),
  };
}

function presentSettings(settings: LimitSettings) {
  const caps = (set: typeof settings.viewer) =>
    set ? { ...set, coolingOffUntil: set.coolingOffUntil?.toISOString() ?? null } : null;
  return {
    viewer: caps(settings.viewer),
    guardian: caps(settings.guardian),
    pending: (settings.pending ?? []).map(presentChange),
  };
}

/** The caller's spending limits, their guardian's, and loosening scheduled for later. */
export async function getViewerLimits({
  sql,
  viewer,
  now,
}: Pick<ViewerContext, "sql" | "viewer" | "now">) {
  return presentSettings(await loadLimitSettings(sql, viewer.userId, now));
}

/** Sets the caller's own caps (see `setViewerLimits`) and answers the limits now in force. */
export async function changeViewerLimits(
  { sql, viewer, now }: Pick<ViewerContext, "sql" | "viewer" | "now">,
  requested: CapSet,
) {
  const { settings, scheduled } = await setViewerLimits(sql, viewer.userId, requested, now);
  return { ...presentSettings(settings), scheduled: scheduled.map(presentChange) };
}
