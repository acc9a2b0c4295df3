import { RATE_CARD } from "@coinstream/core";
import { useId, useState } from "react";
import { formatCoins } from "../../lib/format.ts";
import { describeEarnings, type EarningsBasis, previewTip } from "../lib/preview-text.ts";

const TIP_PRESETS = [100, 500, 1_000] as const;
const MAX_TIP_COINS = 1_000_000;

/** A tip of any whole number of coins, with an optional message shown on the stream. */
export function TipForm({
  basis,
  canSend,
  busy,
  onSend,
}: {
  /** The share and diamond value from an API preview; null until it arrives. */
  readonly basis: EarningsBasis | null;
  readonly canSend: boolean;
  readonly busy: boolean;
  readonly onSend: (coins: number, message: string | null) => void;
}) {
  const id = useId();
  const [coinsText, setCoinsText] = useState("100");
  const [message, setMessage] = useState("");
  const coins = Number(coinsText);
  const valid = Number.isInteger(coins) && coins >= 1 && coins <= MAX_TIP_COINS;
  const maxLength = RATE_CARD.tip.maxMessageLength;
  const preview = valid && basis ? describeEarnings(previewTip(coins, basis)) : null;

  return (
    <form
      className="cs-tip"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid && canSend && !busy) onSend(coins, message.trim() === "" ? null : message);
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
            aria-label={`Tip ${formatCoins(preset)}`}
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
        data-testid="tip-message"
        placeholder="Say something (optional, shown on stream)"
        maxLength={maxLength}
        value={message}
        onChange={(event) => setMessage(event.currentTarget.value)}
      />
      <div className="cs-counter" aria-hidden="true">
        {message.length}/{maxLength}
      </div>
      <div className="cs-preview" data-testid="tip-preview" aria-live="polite">
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
