import type { GoalProgress } from "@coinstream/api";
import { goalPercent } from "@coinstream/core";
import { describeGoal } from "../lib/goal.ts";

/** The creator's live goal and how far it has come. */
export function GoalMeter({ goal }: { readonly goal: GoalProgress }) {
  const percent = goalPercent(goal);
  const title = goal.title || "Stream goal";
  return (
    <div className="cs-goal" data-reached={goal.reached}>
      <div className="cs-goal-head">
        <span className="cs-goal-title">
          {goal.reached ? "🎉 " : "🎯 "}
          {title}
        </span>
        <span className="cs-goal-numbers">{describeGoal(goal)}</span>
      </div>
      <div
        className="cs-meter"
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${describeGoal(goal)}${goal.reached ? ", reached" : ""}`}
      >
        <div className="cs-meter-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
