import { CURRENCIES, type CurrencyCode, formatMoney, groupThousands } from "../money/currencies.ts";
import { describePackValues } from "../pricing/describe-pack-values.ts";
import { RATE_CARD } from "./current.ts";
import type { RateCard } from "./rate-card.ts";

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function percent(bps: number): string {
  return `${bps / 100}%`;
}

/**
 * The rate card as Markdown tables, for the README and for anyone publishing the economy's
 * terms. Generated from the card itself so the published terms cannot drift from the code.
 */
export function renderRateCardMarkdown(rateCard: RateCard = RATE_CARD): string {
  const currencies = Object.keys(rateCard.priceLists) as CurrencyCode[];
  const usdValues = describePackValues(rateCard.priceLists.USD);
  const packRows = usdValues.map((value, index) => [
    groupThousands(value.coins),
    ...currencies.map((currency) => {
      const priced = rateCard.priceLists[currency].packs[index];
      return priced ? formatMoney(priced.priceMinor, currency) : "";
    }),
    value.per100CoinsLabel.replace(" per 100 coins", ""),
    percent(value.savingsBps),
  ]);
  const gifts = rateCard.gifts.map((gift) => [
    gift.name,
    `\`${gift.id}\``,
    groupThousands(gift.coins),
    gift.tier,
    gift.animation,
  ]);
  const { payout, platformLimits, boost, customAmount, tip, messages, goals } = rateCard;
  const terms = [
    [
      "Creator share",
      `${percent(rateCard.creatorShareBps.standard)} standard, ${percent(rateCard.creatorShareBps.partner)} partner; diamonds = floor(coins x share), the remainder is the platform fee`,
    ],
    ["Diamond value", `1 diamond = ${formatMoney(payout.usdMinorPerDiamond, "USD")} at withdrawal`],
    [
      "Withdrawals",
      `from ${groupThousands(payout.minWithdrawalDiamonds)} diamonds, at most ${formatMoney(payout.dailyMaxUsdMinor, "USD")} a day, new diamonds held ${payout.holdDays} days`,
    ],
    [
      "Custom amounts",
      `${groupThousands(customAmount.minCoins)} to ${groupThousands(customAmount.maxCoins)} coins at the per-coin rate of the largest pack not above, rounded up, never more than the cheapest pack at or above`,
    ],
    ["First purchase", `+${percent(rateCard.firstPurchaseBonusBps)} bonus coins`],
    [
      "Gifts",
      `${rateCard.giftCount.min} to ${rateCard.giftCount.max} at once; combos within ${rateCard.comboWindowMs / 1000} s`,
    ],
    [
      "Tips",
      `${groupThousands(tip.minCoins)} to ${groupThousands(tip.maxCoins)} coins, message up to ${tip.maxMessageLength} characters`,
    ],
    [
      "Platform spending cap",
      `${groupThousands(platformLimits.dailyCoins)} coins a day (${groupThousands(platformLimits.newAccountDailyCoins)} in an account's first ${platformLimits.newAccountHours} h), ${platformLimits.spendsPerMinute} spends a minute`,
    ],
    [
      "Boosts",
      `${boost.coinsPerMinute} coins a minute, ${boost.minMinutes} to ${boost.maxMinutes} minutes`,
    ],
    [
      "Paid messages",
      `priced by the creator from ${groupThousands(messages.minPriceCoins)} to ${groupThousands(messages.maxPriceCoins)} coins (default ${groupThousands(messages.defaultPriceCoins)}), up to ${messages.maxLength} characters, shared like a tip`,
    ],
    [
      "Profile cosmetics",
      rateCard.cosmetics.map((item) => `${item.name} ${groupThousands(item.coins)}`).join(", "),
    ],
    [
      "Stream goals",
      `${groupThousands(goals.minCoins)} to ${groupThousands(goals.maxCoins)} coins`,
    ],
  ];
  return [
    `Rate card \`${rateCard.version}\`. Coin packs, each price list set in its own currency:`,
    "",
    table(
      [
        "Coins",
        ...currencies.map((code) => `${code} (${CURRENCIES[code].symbol})`),
        "USD per 100 coins",
        "USD saving",
      ],
      packRows,
    ),
    "",
    "Gifts:",
    "",
    table(["Gift", "id", "Coins", "Tier", "Animation"], gifts),
    "",
    "Terms:",
    "",
    table(["Rule", "Value"], terms),
  ].join("\n");
}
