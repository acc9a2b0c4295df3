/**
 * A combo: the same gift sent again and again by one viewer to one stream, each send within the
 * card's `comboWindowMs` of the one before. The overlay shows `comboCount` as "xN".
 */
export interface ComboStreak {
  /** The id of the streak's first event. */
  readonly id: string;
  readonly viewerId: string;
  readonly streamId: string;
  readonly giftId: string;
  /** Epoch ms of the first event. */
  readonly startedAt: number;
  /** Epoch ms of the latest event; the streak continues until `lastAt + comboWindowMs`. */
  readonly lastAt: number;
  /** Gift events in the streak. */
  readonly events: number;
  /** Gifts in the streak so far, counting every gift of a multi-gift event: the xN shown. */
  readonly comboCount: number;
  /** Coins of all the streak's gifts. */
  readonly coins: number;
  /** The rate card that priced every gift in the streak. */
  readonly rateCardVersion: string;
}
