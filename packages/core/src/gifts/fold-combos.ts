import { ensure } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import type { ComboStreak } from "./combo-streak.ts";
import { continueCombo } from "./continue-combo.ts";
import { assertGiftEvent, type GiftEvent } from "./gift-event.ts";

/**
 * Groups a time-ordered list of gift events (equal times allowed, kept in list order) into combo
 * streaks with the same rule as `continueCombo`: a streak belongs to one viewer on one stream,
 * and other viewers' gifts in between do not break it. Streaks come back in the order of their
 * first event.
 *
 * @throws DomainError `INVALID_INPUT` when the events are not in time order, an event id appears
 * twice (it would be counted twice), or an event is malformed; `UNKNOWN_GIFT` for a gift the card
 * does not list.
 */
export function foldCombos(
  events: readonly GiftEvent[],
  rateCard: RateCard = RATE_CARD,
): ComboStreak[] {
  const streaks: ComboStreak[] = [];
  // Index in `streaks` of each (viewer, stream)'s current streak.
  const currentIndex = new Map<string, number>();
  const seenIds = new Set<string>();
  let previousEvent: GiftEvent | undefined;

  for (const [position, event] of events.entries()) {
    ensure(
      !seenIds.has(event.id),
      `Gift event id "${event.id}" appears twice; remove the duplicate so its gifts are not counted twice.`,
      {
        eventId: event.id,
        position,
      },
    );
    seenIds.add(event.id);
    // Validated first so that a malformed `at` is not reported as an ordering problem.
    assertGiftEvent(event);

    if (previousEvent !== undefined) {
      ensure(
        event.at >= previousEvent.at,
        `Gift events must be in time order: "${event.id}" (at ${event.at}) comes after "${previousEvent.id}" (at ${previousEvent.at}); sort them by \`at\` first.`,
        { eventId: event.id, position },
      );
    }
    previousEvent = event;

    const key = JSON.stringify([event.viewerId, event.streamId]);
    const index = currentIndex.get(key);
    const current = index === undefined ? undefined : streaks[index];
    const streak = continueCombo(current, event, rateCard);

    if (index !== undefined && current?.id === streak.id) {
      streaks[index] = streak;
    } else {
      currentIndex.set(key, streaks.length);
      streaks.push(streak);
    }
  }
  return streaks;
}
