import type { GoalProgress } from "@coinstream/api";
import { groupThousands } from "@coinstream/core";
import type { OutputOf, StreamEventMessage } from "../../messaging/contract.ts";

export type CurrentSession = OutputOf<"sessions.current">;

/** The live goal from `sessions.current`: null when the creator is not live or set no goal. */
export function goalFromSession(current: CurrentSession): GoalProgress | null {
  return current.live ? (current.session.goal ?? null) : null;
}

/**
 * The goal after a stream event: a goal event carries the new progress, or no `goal` when the
 * goal was cleared or the session ended. Other events leave it as it is (the server announces
 * the progress they make in a following goal event).
 */
export function applyGoalEvent(
  goal: GoalProgress | null,
  event: StreamEventMessage,
): GoalProgress | null {
  if (event.kind !== "goal") return goal;
  return event.goal ?? null;
}

/** True when this update is the one that reached the goal. */
export function didReachGoal(before: GoalProgress | null, after: GoalProgress | null): boolean {
  if (after === null || !after.reached) return false;
  return before === null || !before.reached || before.targetCoins !== after.targetCoins;
}

/** "1,200 / 5,000 coins". */
export function describeGoal(goal: GoalProgress): string {
  return `${groupThousands(goal.progressCoins)} / ${groupThousands(goal.targetCoins)} coins`;
}
