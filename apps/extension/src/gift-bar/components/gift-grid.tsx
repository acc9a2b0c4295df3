import type { GiftDefinition } from "@coinstream/core";
import { giftIcon } from "@coinstream/core";
import { formatCoins } from "../../lib/format.ts";

/** The catalog as the API priced it; one gift is selected at a time. */
export function GiftGrid({
  gifts,
  selectedId,
  balance = null,
  onSelect,
}: {
  readonly gifts: readonly GiftDefinition[];
  readonly selectedId: string | null;
  /** The viewer's coins: gifts above it are greyed with what is missing. Null: not known. */
  readonly balance?: number | null;
  readonly onSelect: (giftId: string) => void;
}) {
  return (
    <fieldset className="cs-fieldset">
      <legend className="cs-visually-hidden">Gifts</legend>
      <div className="cs-gifts">
        {gifts.map((gift) => {
          const short = balance !== null && gift.coins > balance ? gift.coins - balance : 0;
          const needs = short > 0 ? `needs ${short.toLocaleString("en-US")} more` : null;
          return (
            <button
              key={gift.id}
              type="button"
              className={short > 0 ? "cs-gift cs-gift-short" : "cs-gift"}
              data-testid={`gift-${gift.id}`}
              data-tier={gift.tier}
              aria-pressed={gift.id === selectedId}
              aria-label={`${gift.name}, ${formatCoins(gift.coins)}${needs ? `, ${needs}` : ""}`}
              onClick={() => onSelect(gift.id)}
            >
              <span className="cs-gift-icon" aria-hidden="true">
                {giftIcon(gift.id)}
              </span>
              <span className="cs-gift-name" aria-hidden="true">
                {gift.name}
              </span>
              <span className="cs-gift-price" aria-hidden="true">
                {needs ?? gift.coins.toLocaleString("en-US")}
              </span>
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}
