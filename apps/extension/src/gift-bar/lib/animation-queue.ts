import type { GoalProgress, StreamSticker, ViewerStyle } from "@coinstream/api";
import type { GiftAnimation, GiftDefinition, GiftTier } from "@coinstream/core";
import { giftIcon } from "@coinstream/core";
import type { StreamEventMessage } from "../../messaging/contract.ts";

/** How an animation looks: the catalog's animation for gifts, or tip, paid message, goal. */
export type AnimationStyle = GiftAnimation | "tip" | "message" | "goal";

export interface AnimationItem {
  /** The id of the event that started it (a combo keeps its first event's id). */
  readonly id: string;
  readonly comboId: string | null;
  readonly kind: "gift" | "tip" | "message" | "goal";
  readonly style: AnimationStyle;
  readonly tier: GiftTier | null;
  readonly icon: string;
  readonly giftName: string | null;
  readonly viewerName: string;
  readonly viewerStyle: ViewerStyle | null;
  readonly coins: number;
  readonly count: number;
  /** The xN of the combo, from the server's events. */
  readonly comboCount: number;
  readonly message: string | null;
  /** The sender's entrance effect: their first gift of the creator's live session. */
  readonly entrance: string | null;
  /** A tip's sticker, drawn as text. */
  readonly sticker: StreamSticker | null;
  readonly goal: GoalProgress | null;
  /** prefers-reduced-motion was on when it arrived: a fade or a static toast, no movement. */
  readonly reducedMotion: boolean;
  readonly shownAt: number;
  readonly endsAt: number;
  /** Grows each time the combo continues, so the counter can pop again. */
  readonly bumps: number;
}

export interface AnimationState {
  readonly visible: readonly AnimationItem[];
  /** Full-screen gifts waiting for the one on screen to finish. */
  readonly waiting: readonly AnimationItem[];
  /** Recent event ids: a reconnect that resends an event does not replay it. */
  readonly seen: readonly string[];
}

export interface AnimationContext {
  readonly gifts: ReadonlyMap<string, GiftDefinition>;
  readonly now: number;
  readonly reducedMotion: boolean;
}

export const EMPTY_ANIMATIONS: AnimationState = { visible: [], waiting: [], seen: [] };

/** How long each style stays on screen, in ms. */
export const SHOW_MS: Readonly<Record<AnimationStyle, number>> = {
  float: 4_500,
  burst: 6_000,
  banner: 7_500,
  fullscreen: 8_000,
  tip: 6_000,
  message: 10_000,
  goal: 6_000,
};

/** Cards on screen at once (a full-screen takeover is not a card). */
export const MAX_CARDS = 4;
/** Full-screen gifts allowed to wait; more become banners so the stream never lags behind. */
export const MAX_WAITING_TAKEOVERS = 3;
const MAX_SEEN = 200;

/**
 * Events older than this are history, not live: the stream's stored events replayed when a page
 * starts following (or after a long outage) update nothing on screen. Generous enough for
 * ordinary clock differences between the viewer's machine and the API.
 */
export const MAX_EVENT_AGE_MS = 30_000;

/** Did this event happen recently enough to be shown as live? Unreadable times count as live. */
export function isLiveEvent(event: Pick<StreamEventMessage, "at">, now: number): boolean {
  const at = Date.parse(event.at);
  return Number.isNaN(at) || at >= now - MAX_EVENT_AGE_MS;
}

/** Which card gives way first when the screen is full: low ranks, then the oldest. */
const STAY_RANK: Readonly<Record<AnimationStyle, number>> = {
  float: 0,
  tip: 1,
  burst: 2,
  banner: 3,
  fullscreen: 4,
  message: 4,
  goal: 4,
};

/** A full-screen gift takes over the player, unless the viewer prefers reduced motion. */
export function isTakeover(item: AnimationItem): boolean {
  return item.style === "fullscreen" && !item.reducedMotion;
}

/**
 * Adds one stream event. A gift continuing a combo on screen (same `comboId`) updates that
 * animation's counter and keeps it up longer instead of stacking another; goal events are not
 * animations here (see `addGoalReached`), and events from before `MAX_EVENT_AGE_MS` are history.
 */
export function addStreamEvent(
  state: AnimationState,
  event: StreamEventMessage,
  context: AnimationContext,
): AnimationState {
  if (event.kind === "goal" || state.seen.includes(event.id)) return state;
  if (!isLiveEvent(event, context.now)) return state;
  const seen = remember(state.seen, event.id);

  if (event.kind === "gift" && event.comboId !== null) {
    const continued = continueCombo(state, event, context.now);
    if (continued !== null) return { ...continued, seen };
  }
  return place({ ...state, seen }, toItem(event, context), context.now);
}

/** A short celebration when the live goal is reached. */
export function addGoalReached(
  state: AnimationState,
  goal: GoalProgress,
  context: Pick<AnimationContext, "now" | "reducedMotion">,
): AnimationState {
  const item: AnimationItem = {
    id: `goal:${goal.targetCoins}:${context.now}`,
    comboId: null,
    kind: "goal",
    style: "goal",
    tier: null,
    icon: "🎯",
    giftName: null,
    viewerName: "",
    viewerStyle: null,
    coins: goal.progressCoins,
    count: 0,
    comboCount: 0,
    message: goal.title,
    entrance: null,
    sticker: null,
    goal,
    reducedMotion: context.reducedMotion,
    shownAt: context.now,
    endsAt: context.now + SHOW_MS.goal,
    bumps: 0,
  };
  return place(state, item, context.now);
}

/** Removes what has finished by `now` and lets the next waiting full-screen gift in. */
export function expireAnimations(state: AnimationState, now: number): AnimationState {
  const visible = state.visible.filter((item) => item.endsAt > now);
  const [next, ...rest] = state.waiting;
  if (next !== undefined && !visible.some(isTakeover)) {
    const duration = next.endsAt - next.shownAt;
    return {
      ...state,
      visible: [...visible, { ...next, shownAt: now, endsAt: now + duration }],
      waiting: rest,
    };
  }
  return visible.length === state.visible.length ? state : { ...state, visible };
}

/** When the state next changes on its own (an animation ends), or null when nothing is shown. */
export function nextExpiry(state: AnimationState): number | null {
  if (state.visible.length === 0) return null;
  return Math.min(...state.visible.map((item) => item.endsAt));
}

function toItem(event: StreamEventMessage, context: AnimationContext): AnimationItem {
  const gift = event.kind === "gift" && event.giftId ? context.gifts.get(event.giftId) : undefined;
  const style: AnimationStyle =
    event.kind === "gift" ? (gift?.animation ?? "float") : event.kind === "tip" ? "tip" : "message";
  return {
    id: event.id,
    comboId: event.kind === "gift" ? event.comboId : null,
    kind: event.kind,
    style,
    tier: gift?.tier ?? (event.kind === "gift" ? "basic" : null),
    icon: event.kind === "gift" ? giftIcon(event.giftId) : event.kind === "tip" ? "🪙" : "💬",
    giftName: gift?.name ?? (event.kind === "gift" ? "a gift" : null),
    viewerName: event.viewerName || "Someone",
    viewerStyle: event.viewerStyle ?? null,
    coins: event.coins,
    count: event.count,
    comboCount: Math.max(event.comboCount, event.count),
    message: event.message,
    entrance: typeof event.entrance === "string" ? event.entrance : null,
    sticker: event.sticker && typeof event.sticker.text === "string" ? event.sticker : null,
    goal: null,
    reducedMotion: context.reducedMotion,
    shownAt: context.now,
    endsAt: context.now + SHOW_MS[style],
    bumps: 0,
  };
}

function continueCombo(
  state: AnimationState,
  event: StreamEventMessage,
  now: number,
): AnimationState | null {
  const update = (item: AnimationItem, onScreen: boolean): AnimationItem => ({
    ...item,
    coins: item.coins + event.coins,
    count: event.count,
    comboCount: Math.max(item.comboCount, event.comboCount),
    message: event.message ?? item.message,
    // The session's first gift may reach the page merged into a later one of its combo.
    entrance: item.entrance ?? event.entrance ?? null,
    endsAt: onScreen ? now + SHOW_MS[item.style] : item.endsAt,
    bumps: item.bumps + 1,
  });
  const visibleIndex = state.visible.findIndex((item) => item.comboId === event.comboId);
  if (visibleIndex !== -1) {
    return {
      ...state,
      visible: state.visible.map((item, index) =>
        index === visibleIndex ? update(item, true) : item,
      ),
    };
  }
  const waitingIndex = state.waiting.findIndex((item) => item.comboId === event.comboId);
  if (waitingIndex !== -1) {
    return {
      ...state,
      waiting: state.waiting.map((item, index) =>
        index === waitingIndex ? update(item, false) : item,
      ),
    };
  }
  return null;
}

function place(state: AnimationState, item: AnimationItem, now: number): AnimationState {
  if (isTakeover(item)) {
    if (!state.visible.some(isTakeover)) return { ...state, visible: [...state.visible, item] };
    if (state.waiting.length < MAX_WAITING_TAKEOVERS) {
      return { ...state, waiting: [...state.waiting, item] };
    }
    // Too many waiting: show it now as a banner rather than minutes late.
    return placeCard(state, { ...item, style: "banner", endsAt: now + SHOW_MS.banner });
  }
  return placeCard(state, item);
}

function placeCard(state: AnimationState, item: AnimationItem): AnimationState {
  const cards = state.visible.filter((visible) => !isTakeover(visible));
  if (cards.length < MAX_CARDS) return { ...state, visible: [...state.visible, item] };
  const leaving = cards.reduce((weakest, card) =>
    STAY_RANK[card.style] < STAY_RANK[weakest.style] ||
    (STAY_RANK[card.style] === STAY_RANK[weakest.style] && card.shownAt < weakest.shownAt)
      ? card
      : weakest,
  );
  return {
    ...state,
    visible: [...state.visible.filter((visible) => visible !== leaving), item],
  };
}

function remember(seen: readonly string[], id: string): readonly string[] {
  const next = [...seen, id];
  return next.length > MAX_SEEN ? next.slice(next.length - MAX_SEEN) : next;
}
