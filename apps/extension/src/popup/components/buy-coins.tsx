import { RATE_CARD } from "@coinstream/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { errorSentence } from "../../lib/describe-error.ts";
import { formatCount, formatShortDateTime } from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { type PurchaseItem, useCheckout } from "../hooks/use-checkout.ts";
import { ErrorText } from "./error-text.tsx";
import { Field } from "./field.tsx";
import { QueryError } from "./query-error.tsx";
import { Section } from "./section.tsx";

type Offer = OutputOf<"store.packs">["offers"][number];
type Promotion = OutputOf<"store.packs">["promotions"][number];

const { minCoins: CUSTOM_MIN, maxCoins: CUSTOM_MAX } = RATE_CARD.customAmount;

function bonusLabel(source: string, promotion: Promotion | undefined): string {
  if (source === "first-purchase") return "first purchase";
  return promotion?.name ?? "promotion";
}

function sameItem(a: PurchaseItem | undefined, b: PurchaseItem): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** The caller's packs with price, value and bonuses as the API quotes them, and a custom amount. */
export function BuyCoins({ onPaid }: { readonly onPaid: () => void }) {
  const trpc = useTRPC();
  const packs = useQuery(trpc.store.packs.queryOptions());
  const checkout = useCheckout(() => {
    onPaid();
    void packs.refetch();
  });
  const [customCoins, setCustomCoins] = useState("");
  const [customError, setCustomError] = useState<string | null>(null);
  const { state } = checkout;
  const isBusy = state.status === "starting" || state.status === "waiting";
  const betterPack = state.status === "waiting" ? state.pending.betterPack : null;

  function buyCustom(event: FormEvent) {
    event.preventDefault();
    const coins = Number(customCoins);
    if (!Number.isInteger(coins) || coins < CUSTOM_MIN || coins > CUSTOM_MAX) {
      setCustomError(
        `Enter a whole number of coins from ${formatCount(CUSTOM_MIN)} to ${formatCount(CUSTOM_MAX)}.`,
      );
      return;
    }
    setCustomError(null);
    void checkout.start({ customCoins: coins });
  }

  const failedItem = checkout.error?.item;
  const packError = failedItem && "packId" in failedItem ? checkout.error?.error : null;
  const customApiError = failedItem && "customCoins" in failedItem ? checkout.error?.error : null;
  const customMessage =
    customError ?? (customApiError ? errorSentence(customApiError, "popup") : null);

  return (
    <Section
      id="buy"
      title="Buy coins"
      action={
        packs.data ? <span className="small muted">Prices for {packs.data.region}</span> : null
      }
    >
      {state.status === "waiting" ? (
        <div className="notice notice--warn" role="status">
          {state.isProcessing ? (
            <p>
              <strong>Payment processing</strong> for {formatCount(state.pending.coins)} coins. Bank
              payments can take a few days; your coins arrive as soon as it clears.
            </p>
          ) : (
            <p>
              <strong>Waiting for your payment</strong> for {formatCount(state.pending.coins)}{" "}
              coins. Finish it in the checkout tab; your balance updates here as soon as it goes
              through.
            </p>
          )}
          {betterPack && !state.isProcessing ? (
            <p className="small">
              The {formatCount(betterPack.coins)}-coin pack costs no more.{" "}
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  checkout.stopWaiting();
                  void checkout.start({ packId: betterPack.packId });
                }}
              >
                Buy the pack instead
              </button>
            </p>
          ) : null}
          <p className="small" style={{ marginTop: 6, display: "flex", gap: 12 }}>
            <button type="button" className="link-button" onClick={checkout.reopen}>
              Open checkout again
            </button>
            <button type="button" className="link-button" onClick={checkout.stopWaiting}>
              Stop waiting
            </button>
          </p>
        </div>
      ) : null}
      {state.status === "paid" ? (
        <div className="notice notice--good" role="status" data-testid="checkout-complete">
          Payment received: {formatCount(state.coins)} coins added.{" "}
          <button type="button" className="link-button" onClick={checkout.dismiss}>
            OK
          </button>
        </div>
      ) : null}
      {state.status === "failed" ? (
        <div className="error" role="alert">
          {state.message}{" "}
          <button type="button" className="link-button" onClick={checkout.dismiss}>
            OK
          </button>
        </div>
      ) : null}

      <QueryError query={packs} />
      {packs.isLoading && !packs.data ? <p className="muted small">Loading packs…</p> : null}
      {packs.data ? <PromotionEnds promotions={packs.data.promotions} /> : null}
      {packs.data ? (
        <ul className="packs" aria-label="Coin packs">
          {packs.data.offers.map((offer) => (
            <li key={offer.packId}>
              <PackButton
                offer={offer}
                promotions={packs.data?.promotions ?? []}
                disabled={isBusy}
                isStarting={
                  state.status === "starting" && sameItem(state.item, { packId: offer.packId })
                }
                onBuy={() => void checkout.start({ packId: offer.packId })}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorText error={packError} />

      <form onSubmit={buyCustom} aria-label="Buy a custom amount" noValidate>
        <Field
          label="Custom amount"
          hint="Priced at the rate of the largest pack not above it; the checkout page shows the price before you pay."
          error={customMessage}
        >
          {(control) => (
            <div className="row">
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={CUSTOM_MIN}
                max={CUSTOM_MAX}
                step={1}
                placeholder={`${formatCount(CUSTOM_MIN)} to ${formatCount(CUSTOM_MAX)} coins`}
                value={customCoins}
                onChange={(event) => setCustomCoins(event.target.value)}
              />
              <BusyButton
                className="button"
                busy={state.status === "starting" && "customCoins" in state.item}
                busyLabel="Opening…"
                disabled={isBusy || customCoins === ""}
              >
                Buy
              </BusyButton>
            </div>
          )}
        </Field>
      </form>
    </Section>
  );
}

/** The time-boxed promotions on these packs and when each ends (the welcome bonus has no end). */
function PromotionEnds({ promotions }: { readonly promotions: readonly Promotion[] }) {
  const timed = promotions.filter((promotion) => promotion.endsAt !== null);
  if (timed.length === 0) return null;
  return (
    <ul className="promotions small" aria-label="Promotions">
      {timed.map((promotion) => (
        <li key={promotion.id}>
          <strong>{promotion.name}</strong>: {describeBonus(promotion)}
          {promotion.perAccountLimit !== null
            ? `, ${promotion.perAccountLimit === 1 ? "once" : `${promotion.perAccountLimit} times`} per account`
            : ""}
          {promotion.firstPurchaseOnly ? ", first purchase only" : ""}. Ends{" "}
          {formatShortDateTime(promotion.endsAt as string)}.
        </li>
      ))}
    </ul>
  );
}

function describeBonus(promotion: Promotion): string {
  if (promotion.kind === "fixed") return `+${formatCount(promotion.bonusCoins ?? 0)} coins`;
  const percent = (promotion.bonusBps ?? 0) / 100;
  const cap = promotion.maxBonusCoins;
  return `+${percent}% coins${cap !== null ? ` (up to ${formatCount(cap)})` : ""}`;
}

function PackButton({
  offer,
  promotions,
  disabled,
  isStarting,
  onBuy,
}: {
  readonly offer: Offer;
  readonly promotions: readonly Promotion[];
  readonly disabled: boolean;
  readonly isStarting: boolean;
  readonly onBuy: () => void;
}) {
  const { quote } = offer;
  const savingPercent = Math.floor(offer.savingsBps / 100);
  const bonuses = quote.applied.filter((bonus) => bonus.bonusCoins > 0);
  const accessibleName = [
    `${formatCount(quote.baseCoins)} coins for ${quote.priceLabel}`,
    quote.bonusCoins > 0 ? `plus ${formatCount(quote.bonusCoins)} bonus coins` : null,
    savingPercent > 0 ? `save ${savingPercent}%` : null,
  ]
    .filter(Boolean)
    .join(", ");
  return (
    <button
      type="button"
      className="pack"
      disabled={disabled}
      onClick={onBuy}
      aria-label={accessibleName}
      data-testid={`pack-${offer.packId}`}
      data-pack-id={offer.packId}
    >
      <span className="pack__coins">{formatCount(quote.baseCoins)} coins</span>
      <span className="pack__price">{isStarting ? "Opening checkout…" : quote.priceLabel}</span>
      <span className="pack__value">{offer.per100CoinsLabel}</span>
      {bonuses.length > 0 || savingPercent > 0 ? (
        <span className="pack__tags">
          {bonuses.map((bonus) => (
            <span className="tag" key={bonus.source}>
              +{formatCount(bonus.bonusCoins)}{" "}
              {bonusLabel(
                bonus.source,
                promotions.find((promotion) => promotion.id === bonus.source),
              )}
            </span>
          ))}
          {savingPercent > 0 ? <span className="tag tag--save">Save {savingPercent}%</span> : null}
        </span>
      ) : null}
    </button>
  );
}
