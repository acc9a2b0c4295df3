import type { GoalProgress } from "@coinstream/api";
import type { GiftDefinition, ReportReason } from "@coinstream/core";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { formatCoins } from "../../lib/format.ts";
import type { ApiClient } from "../../messaging/api-client.ts";
import type { ApiError, OutputOf } from "../../messaging/contract.ts";
import { useAsync } from "../hooks/use-async.ts";
import type { Sender } from "../hooks/use-sender.ts";
import type { StreamTarget } from "../lib/page-target.ts";
import { describeEarnings, toEarningsBasis } from "../lib/preview-text.ts";
import { activeCombo, comboTimeLeft, type SendCombo } from "../lib/send-combo.ts";
import { CoinLogo } from "./coin-logo.tsx";
import { ConfirmDialog } from "./confirm-dialog.tsx";
import { CountPicker } from "./count-picker.tsx";
import { GiftGrid } from "./gift-grid.tsx";
import { GoalMeter } from "./goal-meter.tsx";
import { ReportCreator } from "./report-creator.tsx";
import { SendStatus } from "./send-status.tsx";
import { type OwnedSticker, TipForm } from "./tip-form.tsx";
import { TopGifters } from "./top-gifters.tsx";

type LeaderboardEntry = OutputOf<"streams.leaderboard">["entries"][number];

export interface Catalog {
  readonly rateCardVersion: string;
  readonly gifts: readonly GiftDefinition[];
}

export interface GiftBarProps {
  readonly api: Pick<ApiClient, "gifts">;
  readonly handle: string;
  readonly to: StreamTarget;
  readonly catalog: Catalog | null;
  readonly catalogError: ApiError | null;
  readonly onReloadCatalog: () => void;
  /** null while the background is asked. */
  readonly signedIn: boolean | null;
  readonly balance: number | null;
  /** Stickers the viewer owns, offered with tips. */
  readonly stickers?: readonly OwnedSticker[] | undefined;
  readonly goal: GoalProgress | null;
  /** Is the creator live now (their session)? null while unknown. */
  readonly live?: boolean | null | undefined;
  readonly leaderboard: readonly LeaderboardEntry[];
  readonly connection: LiveConnection;
  readonly sender: Sender;
  readonly combo: SendCombo | null;
  readonly comboWindowMs: number;
  readonly now: () => number;
  readonly reducedMotion: boolean;
  readonly onHide: () => void;
  /** Folds the floating bar into a pill; absent when the bar sits in the page. */
  readonly onCollapse?: (() => void) | undefined;
  /** The viewer came back to the bar (pointer or focus): a chance to notice a new sign-in. */
  readonly onActivity?: (() => void) | undefined;
  /**
   * Opens the wallet (sign in, or buy coins) in an extension window; the panel picks up the new
   * session or balance when the viewer comes back. Absent: no way from here.
   */
  readonly onOpenWallet?: (() => void) | undefined;
  /** Why the last spend was not sent (the panel's guard: no real click, or the panel was covered). */
  readonly refusal?: string | null | undefined;
  /** Files a report of this creator (see ReportCreator); absent where reporting is not offered. */
  readonly onReport?:
    | ((reason: ReportReason, details: string) => Promise<string | null>)
    | undefined;
}

type Tab = "gifts" | "tip";

/**
 * The stream's live events: not connected yet, open, or down and reconnecting. Only a drop is
 * worth telling the viewer; `data-connection` lets a watcher (or a test) know gifts will show.
 */
export type LiveConnection = "connecting" | "open" | "reconnecting";

/** The gift bar: catalog, count, preview, send, tip, balance, goal and top gifters. */
export function GiftBar(props: GiftBarProps) {
  const { api, catalog, sender, handle } = props;
  const id = useId();
  const [tab, setTab] = useState<Tab>("gifts");
  const tabs = useRef<Record<Tab, HTMLButtonElement | null>>({ gifts: null, tip: null });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [count, setCount] = useState(1);

  const gifts = catalog?.gifts ?? [];
  const selected = gifts.find((gift) => gift.id === selectedId) ?? gifts[0] ?? null;
  const giftNames = useMemo(() => new Map(gifts.map((gift) => [gift.id, gift.name])), [gifts]);
  const giftName = (giftId: string) => giftNames.get(giftId) ?? giftId;

  // Previews name the creator, so a partner's larger share shows before sending.
  const target = JSON.stringify(props.to);
  const preview = useAsync(selected ? `${target}:${selected.id}:${count}` : null, () =>
    api.gifts.preview.query({ giftId: selected?.id ?? "", count, to: props.to }),
  );
  // A tip's preview needs the share and the diamond's value: from a preview of the priciest gift.
  const priciest = gifts.reduce<GiftDefinition | null>(
    (top, gift) => (top === null || gift.coins > top.coins ? gift : top),
    null,
  );
  const basisPreview = useAsync(
    tab === "tip" && priciest ? `basis:${target}:${priciest.id}` : null,
    () => api.gifts.preview.query({ giftId: priciest?.id ?? "", count: 1, to: props.to }),
  );
  const basis = basisPreview.data ? toEarningsBasis(basisPreview.data) : null;

  const busy = sender.state.phase === "sending" || sender.state.phase === "confirm";
  const canSend = props.signedIn === true;
  const running = activeCombo(props.combo, props.now(), props.comboWindowMs);
  const combo = running !== null && running.giftId === selected?.id ? running : null;
  useComboExpiry(props.combo, props.comboWindowMs, props.now);

  // Coins missing for the selected gift and count (0 when affordable or the balance is unknown).
  const short =
    selected && props.signedIn && props.balance !== null
      ? Math.max(selected.coins * count - props.balance, 0)
      : 0;

  const sendGift = () => {
    if (!selected || !canSend || busy || short > 0) return;
    sender.send({ kind: "gift", giftId: selected.id, count, message: null }, props.to);
  };

  return (
    // Pointer and focus only refresh the sign-in state; every control inside has its own keys.
    <section
      className="cs-bar"
      data-testid="gift-bar"
      data-connection={props.connection}
      aria-label={`Coinstream gifts for @${handle}`}
      onPointerEnter={props.onActivity}
      onFocus={props.onActivity}
    >
      <header className="cs-header">
        <CoinLogo />
        <span className="cs-title">
          Gift <span className="cs-handle">@{handle}</span>
        </span>
        {props.live === true || props.live === false ? (
          <span className="cs-live" data-live={props.live}>
            {props.live ? "Live" : "Offline"}
          </span>
        ) : null}
        {props.connection === "reconnecting" ? (
          <span className="cs-label" role="status">
            reconnecting…
          </span>
        ) : null}
        {props.signedIn && props.balance !== null ? (
          <span className="cs-balance" data-testid="balance" title="Your balance">
            <span aria-hidden="true">🪙</span>
            <span className="cs-visually-hidden">Your balance: </span>
            <span data-testid="balance-coins">{props.balance.toLocaleString("en-US")}</span>
            <span className="cs-visually-hidden"> coins</span>
          </span>
        ) : null}
        {props.onCollapse ? (
          <button
            type="button"
            className="cs-icon-button"
            aria-label="Fold the gift bar"
            title="Fold"
            onClick={props.onCollapse}
          >
            <span aria-hidden="true">▾</span>
          </button>
        ) : null}
        <button
          type="button"
          className="cs-icon-button"
          aria-label="Hide the gift bar on this site"
          title="Hide on this site"
          onClick={props.onHide}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </header>

      <div className="cs-body">
        {props.goal ? <GoalMeter goal={props.goal} /> : null}

        <div className="cs-tabs" role="tablist" aria-label="Send">
          {(["gifts", "tip"] as const).map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              id={`${id}-tab-${name}`}
              aria-controls={`${id}-panel-${name}`}
              aria-selected={tab === name}
              tabIndex={tab === name ? 0 : -1}
              className="cs-tab"
              ref={(element) => {
                tabs.current[name] = element;
              }}
              data-testid={`tab-${name}`}
              onClick={() => setTab(name)}
              onKeyDown={(event) => {
                if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
                const other = name === "gifts" ? "tip" : "gifts";
                setTab(other);
                tabs.current[other]?.focus();
              }}
            >
              {name === "gifts" ? "Gifts" : "Tip with a message"}
            </button>
          ))}
        </div>

        {props.signedIn === false ? (
          <div className="cs-hint" data-testid="sign-in-hint">
            <span>Sign in to send gifts and tips.</span>
            {props.onOpenWallet ? (
              <button
                type="button"
                className="cs-link"
                data-testid="sign-in"
                onClick={props.onOpenWallet}
              >
                Sign in
              </button>
            ) : null}
          </div>
        ) : null}

        {tab === "gifts" ? (
          <div
            className="cs-body"
            style={{ padding: 0 }}
            role="tabpanel"
            id={`${id}-panel-gifts`}
            aria-labelledby={`${id}-tab-gifts`}
          >
            {catalog ? (
              <GiftGrid
                gifts={gifts}
                selectedId={selected?.id ?? null}
                balance={props.signedIn ? props.balance : null}
                onSelect={setSelectedId}
              />
            ) : props.catalogError ? (
              <div className="cs-error" role="alert">
                <span>Gifts couldn't load: {props.catalogError.message}</span>
                <div className="cs-error-actions">
                  <button type="button" className="cs-link" onClick={props.onReloadCatalog}>
                    Try again
                  </button>
                </div>
              </div>
            ) : (
              <div className="cs-preview">Loading gifts…</div>
            )}
            <CountPicker count={count} onChange={setCount} />
            <div className="cs-preview" data-testid="gift-preview" aria-live="polite">
              {preview.data ? (
                <>
                  <strong>{formatCoins(preview.data.coins)}</strong> ·{" "}
                  {describeEarnings(preview.data)}
                </>
              ) : preview.error ? (
                preview.error.message
              ) : (
                ""
              )}
            </div>
            {props.signedIn === false ? null : (
              <div className="cs-send-row">
                <button
                  type="button"
                  className="cs-primary"
                  data-testid="send-gift"
                  // Busy is aria-disabled, not disabled: a disabled button drops the focus, and
                  // Enter on Send must repeat the combo once the send is answered.
                  disabled={!selected || !canSend || short > 0}
                  aria-disabled={busy || undefined}
                  onClick={sendGift}
                >
                  {busy
                    ? "Sending…"
                    : short > 0
                      ? `Needs ${short.toLocaleString("en-US")} more coins`
                      : selected
                        ? `${combo ? "Send again" : "Send"} ${count} × ${selected.name}`
                        : "Send"}
                  {combo && !props.reducedMotion ? (
                    <span
                      key={combo.lastAt}
                      className="cs-combo-ring"
                      aria-hidden="true"
                      style={{
                        width: "100%",
                        animation: `cs-combo-drain ${Math.round(
                          comboTimeLeft(combo, props.now(), props.comboWindowMs) *
                            props.comboWindowMs,
                        )}ms linear both`,
                      }}
                    />
                  ) : null}
                </button>
                {short > 0 && props.onOpenWallet ? (
                  <button type="button" className="cs-secondary" onClick={props.onOpenWallet}>
                    Get coins
                  </button>
                ) : null}
                {combo && combo.comboCount > 1 ? (
                  <span className="cs-combo">
                    <span className="cs-visually-hidden">Combo </span>
                    <span key={combo.comboCount} className="cs-bump">
                      x{combo.comboCount}
                    </span>
                  </span>
                ) : null}
              </div>
            )}
          </div>
        ) : (
          <div role="tabpanel" id={`${id}-panel-tip`} aria-labelledby={`${id}-tab-tip`}>
            <TipForm
              basis={basis}
              canSend={canSend}
              busy={busy}
              stickers={props.stickers ?? []}
              onSend={(coins, message, stickerId) =>
                sender.send({ kind: "tip", coins, message, stickerId }, props.to)
              }
            />
          </div>
        )}

        {props.refusal ? (
          <div className="cs-error" role="alert" data-testid="spend-refused">
            {props.refusal}
          </div>
        ) : null}
        <SendStatus
          state={sender.state}
          giftName={giftName}
          onRetry={sender.retry}
          onDismiss={sender.dismiss}
          onOpenWallet={props.onOpenWallet}
        />

        <TopGifters entries={props.leaderboard} />
        {props.onReport ? <ReportCreator handle={handle} report={props.onReport} /> : null}
      </div>

      {sender.state.phase === "confirm" ? (
        <ConfirmDialog
          handle={handle}
          coins={sender.state.coins}
          message={sender.state.message}
          onConfirm={sender.confirm}
          onCancel={sender.dismiss}
        />
      ) : null}
    </section>
  );
}

/** Re-renders when the combo window closes, so "Send again · xN" goes back to "Send". */
function useComboExpiry(combo: SendCombo | null, windowMs: number, now: () => number) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (combo === null) return;
    const left = combo.lastAt + windowMs - now();
    if (left < 0) return;
    const timer = setTimeout(() => setTick((value) => value + 1), left + 20);
    return () => clearTimeout(timer);
  }, [combo, windowMs, now]);
}
