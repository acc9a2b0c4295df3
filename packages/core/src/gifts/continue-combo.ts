import { ensure } from "../errors.ts";
import { addChecked } from "../money/integers.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import type { ComboStreak } from "./combo-streak.ts";
import { assertGiftEvent, type GiftEvent } from "./gift-event.ts";
import { priceGift } from "./price-gift.ts";

/**
 * One step of combo tracking, as the realtime overlay runs it: given the viewer's current streak
 * on the stream (`undefined` if none) and their next gift event there, returns the streak that
 * event belongs to. The streak continues (same `id`, `comboCount` grows by the event's `count`)
 * when the gift is the same and the event is at most `comboWindowMs` after `previous.lastAt`;
 * otherwise a new streak starts with the event's id. A streak priced under another rate card
 * version also ends, so a streak's coins always come from one card.
 *
 * @throws DomainError `INVALID_INPUT` when the event is malformed, earlier than
 * `previous.lastAt`, or from another viewer or stream than `previous`; `UNKNOWN_GIFT` for a gift
 * the card does not list.
 */
export function continueCombo(
  previous: ComboStreak | undefined,
  event: GiftEvent,
  rateCard: RateCard = RATE_CARD,
): ComboStreak {
  assertGiftEvent(event);
  const { coins } = priceGift(event.giftId, event.count, rateCard);
  if (previous === undefined) return startStreak(event, coins, rateCard);

  ensure(
    previous.viewerId === event.viewerId && previous.streamId === event.streamId,
    `Gift event "${event.id}" is from another viewer or stream than streak "${previous.id}"; pass the streak kept for this viewer on this stream.`,
    { eventId: event.id, streakId: previous.id },
  );
  ensure(
    event.at >= previous.lastAt,
    `Gift event "${event.id}" (at ${event.at}) is earlier than the last event of streak "${previous.id}" (at ${previous.lastAt}); apply events in time order.`,
    { eventId: event.id, at: event.at, lastAt: previous.lastAt },
  );

  const continues =
    previous.giftId === event.giftId &&
    previous.rateCardVersion === rateCard.version &&
    event.at - previous.lastAt <= rateCard.comboWindowMs;
  if (!continues) return startStreak(event, coins, rateCard);

  return {
    ...previous,
    lastAt: event.at,
    events: previous.events + 1,
    comboCount: addChecked(previous.comboCount, event.count),
    coins: addChecked(previous.coins, coins),
  };
}

function startStreak(event: GiftEvent, coins: number, rateCard: RateCard): ComboStreak {
  return {
    id: event.id,
    viewerId: event.viewerId,
    streamId: event.streamId,
    giftId: event.giftId,
    startedAt: event.at,
    lastAt: event.at,
    events: 1,
    comboCount: event.count,
    coins,
    rateCardVersion: rateCard.version,
  };
}
