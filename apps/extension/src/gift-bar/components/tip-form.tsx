import { RATE_CARD } from "@coinstream/core";
import { useId, useState } from "react";
import { formatCoins } from "../../lib/format.ts";
import { describeEarnings, type EarningsBasis, previewTip } from "../lib/preview-text.ts";

const TIP_PRESETS = [100, 500, 1_000] as const;

/** A sticker the viewer owns (bought in the popup's profile shop). */
export interface OwnedSticker {
  readonly id: string;
  readonly name: string;
  /** The sticker itself: text (an emoji). */
  readonly text: string;
}
const MAX_TIP_COINS = 1_000_000;

/**
 * A tip of any whole number of coins, with an optional message and, when the viewer owns
 * stickers, an optional sticker, both shown on the stream.
 */
export function TipForm({
  basis,
  canSend,
  busy,
  stickers = [],
  onSend,
}: {
  /** The share and diamond value from an API preview; null until it arrives. */
  readonly basis: EarningsBasis | null;
  readonly canSend: boolean;
  readonly busy: boolean;
  readonly stickers?: readonly OwnedSticker[];
  readonly onSend: (coins: number, message: string | null, stickerId: string | null) => void;
}) {
  const id = useId();
  const [coinsText, setCoinsText] = useState("100");
  const [message, setMessage] = useState("");
  const [picked, setPicked] = useState<string | null>(null);
  // A sticker no longer listed (another account signed in) is not sent.
  const stickerId = stickers.some((sticker) => sticker.id === picked) ? picked : null;
  const coins = Number(coinsText);
  const valid = Number.isInteger(coins) && coins >= 1 && coins <= MAX_TIP_COINS;
  const maxLength = RATE_CARD.tip.maxMessageLength;
  const preview = valid && basis ? describeEarnings(previewTip(coins, basis)) : null;

  return (
    <form
      className="cs-tip"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid && canSend && !busy) {
          onSend(coins, message.trim() === "" ? null : message, stickerId);
        }
      }}
    >
      <div className="cs-tip-row">
        <label className="cs-label" htmlFor={`${id}-coins`}>
          Coins
        </label>
        <input
          id={`${id}-coins`}
          className="cs-input cs-tip-coins"
          data-testid="tip-coins"
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_TIP_COINS}
          value={coinsText}
          aria-invalid={!valid}
          onChange={(event) => setCoinsText(event.currentTarget.value)}
        />
        {TIP_PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="cs-chip"
            // Fills in the amount only: named apart from the "Tip … coins" button that sends.
            aria-label={formatCoins(preset)}
            onClick={() => setCoinsText(String(preset))}
          >
            {preset.toLocaleString("en-US")}
          </button>
        ))}
      </div>
      <label className="cs-visually-hidden" htmlFor={`${id}-message`}>
        Message (optional, shown on stream)
      </label>
      <textarea
        id={`${id}-message`}
        className="cs-input cs-tip-message"
        placeholder="Say something (optional, shown on stream)"
        maxLength={maxLength}
        value={message}
        onChange={(event) => setMessage(event.currentTarget.value)}
      />
      <div className="cs-counter" aria-hidden="true">
        {message.length}/{maxLength}
      </div>
      {stickers.length > 0 ? (
        <fieldset className="cs-stickers">
          <legend className="cs-visually-hidden">Sticker (optional, shown on stream)</legend>
          {[null, ...stickers].map((sticker) => (
            <button
              key={sticker?.id ?? "none"}
              type="button"
              aria-pressed={stickerId === (sticker?.id ?? null)}
              className={
                sticker
                  ? "cs-chip cs-sticker-chip"
                  : "cs-chip cs-sticker-chip cs-sticker-chip--none"
              }
              data-testid={sticker ? `tip-sticker-${sticker.id}` : "tip-sticker-none"}
              title={sticker?.name ?? "No sticker"}
              aria-label={sticker?.name ?? "No sticker"}
              onClick={() => setPicked(sticker?.id ?? null)}
            >
              {sticker?.text ?? "None"}
            </button>
          ))}
        </fieldset>
      ) : null}
      <div className="cs-preview" aria-live="polite">
        {preview ?? (valid ? "" : "Enter a whole number of coins.")}
      </div>
      <button
        type="submit"
        className="cs-primary"
        data-testid="send-tip"
        disabled={!valid || !canSend || busy}
      >
        {busy ? "Sending…" : valid ? `Tip ${formatCoins(coins)}` : "Tip"}
      </button>
    </form>
  );
}
