import type { GiftDefinition } from "@coinstream/core";
import { giftIcon } from "@coinstream/core";
import { formatCoins } from "../lib/preview-text.ts";

/** The catalog as the API priced it; one gift is selected at a time. */
export function GiftGrid({
  gifts,
  selectedId,
  onSelect,
}: {
  readonly gifts: readonly GiftDefinition[];
  readonly selectedId: string | null;
  readonly onSelect: (giftId: string) => void;
}) {
  return (
    <fieldset className="cs-fieldset">
      <legend className="cs-visually-hidden">Gifts</legend>
      <div className="cs-gifts">
        {gifts.map((gift) => (
          <button
            key={gift.id}
            type="button"
            className="cs-gift"
            data-testid={`gift-${gift.id}`}
            data-tier={gift.tier}
            aria-pressed={gift.id === selectedId}
            aria-label={`${gift.name}, ${formatCoins(gift.coins)}`}
            onClick={() => onSelect(gift.id)}
          >
            <span className="cs-gift-icon" aria-hidden="true">
              {giftIcon(gift.id)}
            </span>
            <span className="cs-gift-name" aria-hidden="true">
              {gift.name}
            </span>
            <span className="cs-gift-price" aria-hidden="true">
              {gift.coins.toLocaleString("en-US")}
            </span>
          </button>
        ))}
      </div>
    </fieldset>
  );
}
