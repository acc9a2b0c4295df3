import { assertValidDate } from "./assert-limit-inputs.ts";
import type { CapSet, LimitSettings, PendingLimitChange } from "./spending-limits.ts";

/**
 * The settings as they stand at `now`: every pending change whose `effectiveAt` has come is
 * written into the viewer's caps (earliest first) and dropped from `pending`; the rest stay.
 * Run it before `checkSpend` so a raise takes effect on time even if no job has applied it.
 */
export function applyDueLimitChanges(settings: LimitSettings, now: Date): LimitSettings {
  assertValidDate(now, "The time of the change");
  const pending = settings.pending ?? [];
  const isDue = (change: PendingLimitChange) => change.effectiveAt.getTime() <= now.getTime();
  const due = pending
    .filter(isDue)
    .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime());
  if (due.length === 0) return settings;
  let viewer: CapSet = { ...settings.viewer };
  for (const change of due) viewer = { ...viewer, [change.field]: change.coins };
  return { ...settings, viewer, pending: pending.filter((change) => !isDue(change)) };
}
