import { DomainError, DomainErrorCode, ensure } from "../errors.ts";
import { DAY_MS } from "../time.ts";
import { applyDueLimitChanges } from "./apply-due-limit-changes.ts";
import { assertCapSet, assertValidDate } from "./assert-limit-inputs.ts";
import { addMilliseconds } from "./rolling-windows.ts";
import {
  CAP_FIELDS,
  type CapSet,
  type LimitActor,
  type LimitSettings,
  type PendingLimitChange,
} from "./spending-limits.ts";

/** How long a viewer waits before raising or removing their own cap takes effect. */
export const VIEWER_LOOSENING_DELAY_MS = DAY_MS;

/**
 * The limits someone asks to change, keyed by whose set they are in. Within a set, a field that
 * is absent (or `undefined`) stays as it is; `null` removes that cap or lock.
 */
export interface LimitChangeRequest {
  readonly viewer?: CapSet;
  readonly guardian?: CapSet;
}

/** The settings after a change, and the loosenings it scheduled rather than applied. */
export interface LimitChangeResult {
  readonly settings: LimitSettings;
  /** Raises or removals of the viewer's own caps, each with the `effectiveAt` it waits for. */
  readonly scheduled: readonly PendingLimitChange[];
}

/** A raise, or a removal, of a cap that is set; tightening or adding a cap is not. */
function isLoosening(current: number | null, next: number | null): boolean {
  return current !== null && (next === null || next > current);
}

function assertOwnSet(requested: LimitChangeRequest, actor: LimitActor): void {
  if (actor === "viewer" && requested.guardian !== undefined) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN_CHANGE,
      "Only your guardian can change the limits your guardian set.",
      { actor, side: "guardian" },
    );
  }
  if (actor === "guardian" && requested.viewer !== undefined) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN_CHANGE,
      "A guardian changes their own limits; the viewer's own limits are the viewer's to change.",
      { actor, side: "viewer" },
    );
  }
}

function assertLockKept(before: CapSet, next: Date | null | undefined, now: Date): void {
  if (next === undefined) return;
  const active = before.coolingOffUntil ?? null;
  if (active === null || active.getTime() <= now.getTime()) return;
  // A lock is a promise to one's future self: it may grow, never shrink, until it ends.
  if (next === null || next.getTime() < active.getTime()) {
    throw new DomainError(
      DomainErrorCode.FORBIDDEN_CHANGE,
      `The cooling-off period runs until ${active.toISOString()} and cannot be shortened or lifted before then.`,
      { field: "coolingOffUntil", coolingOffUntil: active.toISOString() },
    );
  }
}

/**
 * Applies a change to spending limits made by `actor` at `now`. Each person changes only their
 * own set (`FORBIDDEN_CHANGE` otherwise). Tightening or adding a cap applies at once; a viewer
 * raising or removing their own cap is scheduled for `now + 24 h` instead, so a decision made in
 * the heat of a stream cannot be undone in it. A guardian's changes apply at once either way.
 * A cooling-off lock can be set or extended, but shortening or lifting it before it ends throws
 * `FORBIDDEN_CHANGE`. The latest request for a field replaces any change pending for it.
 * Pending changes already due at `now` are applied first.
 */
export function changeSpendingLimits(
  current: LimitSettings,
  requested: LimitChangeRequest,
  actor: LimitActor,
  now: Date,
): LimitChangeResult {
  ensure(
    actor === "viewer" || actor === "guardian",
    "A limit is changed by a viewer or guardian.",
    {
      actor,
    },
  );
  assertValidDate(now, "The time of the change");
  assertCapSet(requested.viewer, "viewer's");
  assertCapSet(requested.guardian, "guardian's");
  assertOwnSet(requested, actor);

  const settings = applyDueLimitChanges(current, now);
  const before: CapSet = settings[actor] ?? {};
  const change: CapSet = requested[actor] ?? {};
  assertLockKept(before, change.coolingOffUntil, now);

  let after: CapSet = { ...before };
  let pending = settings.pending ?? [];
  const scheduled: PendingLimitChange[] = [];
  for (const field of CAP_FIELDS) {
    const coins = change[field];
    if (coins === undefined) continue;
    if (actor === "viewer") pending = pending.filter((p) => p.field !== field);
    if (actor === "viewer" && isLoosening(before[field] ?? null, coins)) {
      const effectiveAt = addMilliseconds(now, VIEWER_LOOSENING_DELAY_MS);
      scheduled.push({ field, coins, requestedAt: now, effectiveAt });
    } else {
      after = { ...after, [field]: coins };
    }
  }
  if (change.coolingOffUntil !== undefined) {
    after = { ...after, coolingOffUntil: change.coolingOffUntil };
  }

  return {
    settings: { ...settings, [actor]: after, pending: [...pending, ...scheduled] },
    scheduled,
  };
}
