import { ensure } from "../errors.ts";

/** One gift send as the realtime feed reports it: `count` of `giftId` at `at` (epoch ms). */
export interface GiftEvent {
  /** Unique id of the send; a streak takes the id of its first event. */
  readonly id: string;
  readonly viewerId: string;
  readonly streamId: string;
  readonly giftId: string;
  /** How many of the gift were sent at once (1..999 on the current card). */
  readonly count: number;
  /** When the gift was sent, in milliseconds since the Unix epoch. */
  readonly at: number;
}

/** Throws `INVALID_INPUT` unless the ids are non-empty text and `at` is a whole epoch ms. */
export function assertGiftEvent(event: GiftEvent): void {
  for (const field of ["id", "viewerId", "streamId", "giftId"] as const) {
    ensure(
      typeof event[field] === "string" && event[field] !== "",
      `A gift event needs a non-empty ${field}.`,
      { field, eventId: event.id },
    );
  }
  ensure(
    Number.isSafeInteger(event.at) && event.at >= 0,
    `Gift event "${event.id}" needs \`at\` as whole milliseconds since the Unix epoch.`,
    { eventId: event.id, at: event.at },
  );
}
