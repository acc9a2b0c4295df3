import type { GoalProgress } from "@coinstream/api";
import type { GiftDefinition } from "@coinstream/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { StreamEventMessage } from "../../messaging/contract.ts";
import {
  type AnimationState,
  addGoalReached,
  addStreamEvent,
  EMPTY_ANIMATIONS,
  expireAnimations,
  nextExpiry,
} from "../lib/animation-queue.ts";

export interface Animations {
  readonly state: AnimationState;
  readonly push: (event: StreamEventMessage) => void;
  readonly celebrateGoal: (goal: GoalProgress) => void;
  readonly clear: () => void;
}

/** The animation queue over time: events in, each animation leaves when its time is up. */
export function useAnimations(
  gifts: readonly GiftDefinition[],
  reducedMotion: boolean,
  now: () => number,
): Animations {
  const [state, setState] = useState<AnimationState>(EMPTY_ANIMATIONS);
  const giftMap = useRef<ReadonlyMap<string, GiftDefinition>>(new Map());
  giftMap.current = useMemo(() => new Map(gifts.map((gift) => [gift.id, gift])), [gifts]);
  const motion = useRef(reducedMotion);
  motion.current = reducedMotion;

  const push = useCallback(
    (event: StreamEventMessage) =>
      setState((previous) =>
        addStreamEvent(expireAnimations(previous, now()), event, {
          gifts: giftMap.current,
          now: now(),
          reducedMotion: motion.current,
        }),
      ),
    [now],
  );
  const celebrateGoal = useCallback(
    (goal: GoalProgress) =>
      setState((previous) =>
        addGoalReached(expireAnimations(previous, now()), goal, {
          now: now(),
          reducedMotion: motion.current,
        }),
      ),
    [now],
  );
  const clear = useCallback(() => setState(EMPTY_ANIMATIONS), []);

  useEffect(() => {
    const at = nextExpiry(state);
    if (at === null) return;
    const timer = setTimeout(
      () => setState((previous) => expireAnimations(previous, now())),
      Math.max(0, at - now()) + 16,
    );
    return () => clearTimeout(timer);
  }, [state, now]);

  return { state, push, celebrateGoal, clear };
}
