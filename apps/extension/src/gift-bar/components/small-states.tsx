import { useState } from "react";
import { CoinLogo } from "./coin-logo.tsx";

/**
 * The page's creator is not on Coinstream (or cannot receive gifts yet): a dim coin, never an
 * error. It says why when asked (click or focus).
 */
export function NotJoinedChip({ note }: { readonly note: string }) {
  const [open, setOpen] = useState(false);
  return (
    <button
      type="button"
      className="cs-coin-chip"
      data-testid="not-joined-chip"
      aria-expanded={open}
      aria-label={open ? undefined : `Coinstream: ${note}`}
      title={note}
      onClick={() => setOpen((value) => !value)}
    >
      <CoinLogo />
      {open ? <span className="cs-chip-note">{note}</span> : null}
    </button>
  );
}

/** The tiny control that brings a hidden bar back on this site. */
export function ShowBarButton({ onShow }: { readonly onShow: () => void }) {
  return (
    <button
      type="button"
      className="cs-show-tab"
      aria-label="Show the Coinstream gift bar on this site"
      title="Show Coinstream"
      onClick={onShow}
    >
      <CoinLogo />
    </button>
  );
}

/** The floating bar folded away: one pill that opens it again. */
export function CollapsedPill({
  handle,
  balance,
  onExpand,
}: {
  readonly handle: string;
  readonly balance: number | null;
  readonly onExpand: () => void;
}) {
  return (
    <button type="button" className="cs-pill" data-testid="expand-bar" onClick={onExpand}>
      <CoinLogo />
      <span>Send a gift to @{handle}</span>
      {balance !== null ? (
        <span className="cs-visually-hidden">, your balance is {balance} coins</span>
      ) : null}
    </button>
  );
}
