/** A live session's coin goal and how far it has come: what the creator, viewers and overlays see. */
export interface GoalProgress {
  readonly title: string | null;
  readonly targetCoins: number;
  /** Coins given during the session, before the goal was set too. */
  readonly progressCoins: number;
  readonly reached: boolean;
}

/** A session's goal as it stands: its target, and whether the session already recorded it reached. */
export interface SessionGoal {
  readonly title: string | null;
  readonly targetCoins: number;
  /** The session recorded the goal reached (under this target): it stays reached. */
  readonly recordedReached: boolean;
}

/**
 * The goal after `coins` given in the session: reached once the coins reach the target, and
 * reached for good once the session recorded it (the API's `goal_reached_at`).
 */
export function getGoalProgress(goal: SessionGoal, coins: number): GoalProgress {
  return {
    title: goal.title,
    targetCoins: goal.targetCoins,
    progressCoins: coins,
    reached: goal.recordedReached || coins >= goal.targetCoins,
  };
}

/** How full the goal's bar is, 0-100, whole percent rounded down: 100 only when reached. */
export function goalPercent(goal: GoalProgress): number {
  if (goal.reached) return 100;
  if (goal.targetCoins <= 0) return 0;
  return Math.min(99, Math.floor((goal.progressCoins * 100) / goal.targetCoins));
}
