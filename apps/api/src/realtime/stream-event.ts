import type { GoalProgress } from "@coinstream/core";

/** A live session's goal as stream events carry it (core's `getGoalProgress` decides it). */
export type { GoalProgress };

/** How a viewer's name is drawn next to their gifts: cosmetics they bought and wear. */
export interface ViewerStyle {
  /** A badge frame style from the rate card's cosmetics (e.g. "gold"), or null. */
  readonly badgeFrame: string | null;
  /** A CSS colour for the name, or null for the default. */
  readonly nameColor: string | null;
}

/** A sticker sent with a tip: its rate-card id and the text (an emoji) to draw as text. */
export interface StreamSticker {
  readonly id: string;
  readonly text: string;
}

export type StreamEventKind = "gift" | "tip" | "message" | "goal";

/**
 * A public event on a creator's stream, as subscribers receive it: a gift, a tip, a paid
 * message (highlighted in the overlay) or a goal's progress.
 */
export interface StreamEvent {
  readonly id: string;
  readonly kind: StreamEventKind;
  readonly creatorHandle: string;
  /** The sender's display name; empty for goal events. */
  readonly viewerName: string;
  readonly viewerStyle?: ViewerStyle | null;
  readonly coins: number;
  readonly giftId: string | null;
  readonly count: number;
  /** The combo streak this gift continues (x2, x3...): gifts so far in the streak. */
  readonly comboCount: number;
  readonly comboId: string | null;
  readonly message: string | null;
  /**
   * The sender's entrance effect (an animation name, e.g. "sparkle"): only on their first gift
   * of the creator's live session, when they wear one.
   */
  readonly entrance?: string;
  /** Tips only: the sticker sent with it. */
  readonly sticker?: StreamSticker;
  /** Goal events only. */
  readonly goal?: GoalProgress;
  readonly at: string;
}

export const STREAM_EVENTS_CHANNEL = "coinstream_stream_events";

export interface StreamEventRow {
  id: bigint;
  kind: StreamEventKind;
  payload: Omit<StreamEvent, "id" | "kind">;
}

export function toStreamEvent(row: StreamEventRow): StreamEvent {
  // The stored payload also keeps the combo streak for the next gift, which names the sender's
  // and the creator's user ids: subscribers get the public fields only.
  const { combo: _streak, ...payload } = row.payload as StreamEventRow["payload"] & {
    combo?: unknown;
  };
  return { ...payload, id: row.id.toString(), kind: row.kind };
}
