import { splitGift } from "@coinstream/core";
import { formatCount, formatUsdMinor } from "../../lib/format.ts";

/** The creator's side of a send, as `gifts.preview` returns it. */
export interface EarningsPreview {
  readonly coins: number;
  readonly shareBps: number;
  readonly diamonds: number;
  /**
   * The creator's exact share, fractions kept ("0.5"): the API carries fractions over to the
   * next gift, so a Rose is not worth "0 diamonds". Absent in older answers.
   */
  readonly exactDiamonds?: string | undefined;
  readonly cashValueUsdMinor: number;
}

/**
 * "Creator receives 50 diamonds (about $0.50)" from the API's preview; with a fraction,
 * "Creator receives about 0.5 diamonds" (the rest carries over to the creator's next gift).
 */
export function describeEarnings(preview: EarningsPreview): string {
  const exact = preview.exactDiamonds;
  if (exact?.includes(".")) {
    const [whole = "0", fraction] = exact.split(".");
    const cash =
      preview.diamonds > 0 ? ` (about ${formatUsdMinor(preview.cashValueUsdMinor)})` : "";
    return `Creator receives about ${formatCount(Number(whole))}.${fraction} diamonds${cash}`;
  }
  if (preview.diamonds === 0) {
    return "Creator receives 0 diamonds (too small to share)";
  }
  const unit = preview.diamonds === 1 ? "diamond" : "diamonds";
  return `Creator receives ${formatCount(preview.diamonds)} ${unit} (about ${formatUsdMinor(preview.cashValueUsdMinor)})`;
}

/** The share and diamond value a preview from the API implies, for previewing tips. */
export interface EarningsBasis {
  readonly shareBps: number;
  readonly usdMinorPerDiamond: number;
}

/**
 * Reads the share and the diamond's cash value out of a gift preview the API gave. Null when the
 * preview cannot say (no diamonds, or a value that is not a whole number of cents per diamond).
 */
export function toEarningsBasis(preview: EarningsPreview): EarningsBasis | null {
  if (preview.diamonds <= 0 || preview.cashValueUsdMinor % preview.diamonds !== 0) return null;
  return {
    shareBps: preview.shareBps,
    usdMinorPerDiamond: preview.cashValueUsdMinor / preview.diamonds,
  };
}

/**
 * A tip's preview: the viewer picks the coins, the share and the diamond's value come from the
 * API (`toEarningsBasis`), and core's splitGift rounds exactly as the ledger does.
 */
export function previewTip(coins: number, basis: EarningsBasis): EarningsPreview {
  const { diamonds } = splitGift(coins, basis.shareBps);
  return {
    coins,
    shareBps: basis.shareBps,
    diamonds,
    cashValueUsdMinor: diamonds * basis.usdMinorPerDiamond,
  };
}
