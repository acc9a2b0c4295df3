import { useCallback, useEffect, useRef, useState } from "react";
import { apiErrorOf } from "../../messaging/api-error.ts";
import type { ApiError, InputOf } from "../../messaging/contract.ts";
import { usePopup } from "../popup-context.tsx";

export type PurchaseItem = InputOf<"store.checkout">["item"];

/** A checkout this popup opened, remembered across popup openings (the popup closes when the tab opens). */
export interface PendingCheckout {
  readonly purchaseId: string;
  readonly checkoutUrl: string;
  readonly coins: number;
  readonly startedAt: string;
  /** For a custom amount, a pack with more coins that costs no more, as the API quoted it. */
  readonly betterPack?: { readonly packId: string; readonly coins: number } | null;
}

export type CheckoutState =
  | { readonly status: "idle" }
  | { readonly status: "starting"; readonly item: PurchaseItem }
  | {
      readonly status: "waiting";
      readonly pending: PendingCheckout;
      /** Paid with a delayed method (bank debit, voucher): coins arrive when it clears. */
      readonly isProcessing?: boolean;
    }
  | { readonly status: "paid"; readonly coins: number }
  | { readonly status: "failed"; readonly message: string };

const STORAGE_KEY = "coinstream.pendingCheckout";
/** After this long without an answer the popup stops watching (the checkout page has expired). */
export const CHECKOUT_WATCH_MS = 30 * 60_000;

function loadPending(now: Date): PendingCheckout | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const pending = JSON.parse(raw) as PendingCheckout;
    const age = now.getTime() - Date.parse(pending.startedAt);
    if (typeof pending.purchaseId !== "string" || !(age < CHECKOUT_WATCH_MS)) {
      globalThis.localStorage?.removeItem(STORAGE_KEY);
      return null;
    }
    return pending;
  } catch {
    return null;
  }
}

function savePending(pending: PendingCheckout | null): void {
  try {
    if (pending) globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(pending));
    else globalThis.localStorage?.removeItem(STORAGE_KEY);
  } catch {
    // Private storage unavailable: watching still works while the popup stays open.
  }
}

function describeEndedPurchase(status: string): string {
  if (status === "failed") {
    return "The payment did not go through, so no coins were added and nothing was charged.";
  }
  if (status === "review") {
    return "The payment arrived after this checkout had ended, so no coins were added; support will refund it.";
  }
  return "This purchase was refunded or reversed.";
}

function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `checkout-${Date.now()}-${Math.random()}`;
}

/**
 * Buying coins: starts a checkout, opens its page in a tab, then checks the purchase until the
 * payment completes or fails, and calls `onPaid` so the balance updates.
 */
export function useCheckout(onPaid: (coins: number) => void) {
  const { api, background, checkoutPollMs, now, onSessionEnded } = usePopup();
  const [state, setState] = useState<CheckoutState>(() => {
    const pending = loadPending(now());
    return pending ? { status: "waiting", pending } : { status: "idle" };
  });
  const [error, setError] = useState<{ item: PurchaseItem; error: ApiError } | null>(null);
  const onPaidRef = useRef(onPaid);
  onPaidRef.current = onPaid;
  // One idempotency key per item until it succeeds, so a retry after a network error is the same purchase.
  const keys = useRef(new Map<string, string>());

  const start = useCallback(
    async (item: PurchaseItem) => {
      const itemKey = JSON.stringify(item);
      const idempotencyKey = keys.current.get(itemKey) ?? newIdempotencyKey();
      keys.current.set(itemKey, idempotencyKey);
      setError(null);
      setState({ status: "starting", item });
      try {
        const checkout = await api.store.checkout.mutate({ idempotencyKey, item });
        keys.current.delete(itemKey);
        const pending: PendingCheckout = {
          purchaseId: checkout.purchaseId,
          checkoutUrl: checkout.checkoutUrl,
          coins: checkout.quote.totalCoins,
          startedAt: now().toISOString(),
          betterPack: checkout.quote.betterPack,
        };
        savePending(pending);
        setState({ status: "waiting", pending });
        const opened = await background.openTab(checkout.checkoutUrl);
        if (!opened.ok) setError({ item, error: opened.error });
      } catch (caught) {
        const apiError = apiErrorOf(caught);
        if (apiError.code === "UNAUTHORIZED") onSessionEnded();
        setError({ item, error: apiError });
        setState({ status: "idle" });
      }
    },
    [api, background, now, onSessionEnded],
  );

  const stopWaiting = useCallback(() => {
    savePending(null);
    setState({ status: "idle" });
  }, []);

  const dismiss = useCallback(() => setState({ status: "idle" }), []);

  const waitingFor = state.status === "waiting" ? state.pending : null;
  useEffect(() => {
    if (!waitingFor) return;
    let isActive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async () => {
      try {
        const purchases = await api.store.purchases.query();
        if (!isActive) return;
        const purchase = purchases.find((p) => p.purchaseId === waitingFor.purchaseId);
        if (purchase?.status === "paid") {
          savePending(null);
          setState({ status: "paid", coins: purchase.coins });
          onPaidRef.current(purchase.coins);
          return;
        }
        if (purchase?.status === "processing") {
          setState((current) =>
            current.status === "waiting" && !current.isProcessing
              ? { ...current, isProcessing: true }
              : current,
          );
        } else if (purchase && purchase.status !== "pending") {
          savePending(null);
          setState({ status: "failed", message: describeEndedPurchase(purchase.status) });
          return;
        }
        if (now().getTime() - Date.parse(waitingFor.startedAt) >= CHECKOUT_WATCH_MS) {
          savePending(null);
          setState({ status: "idle" });
          return;
        }
      } catch (caught) {
        if (!isActive) return;
        if (apiErrorOf(caught).code === "UNAUTHORIZED") {
          onSessionEnded();
          return;
        }
        // A dropped request while waiting is not the payment failing: keep checking.
      }
      timer = setTimeout(check, checkoutPollMs);
    };
    timer = setTimeout(check, Math.min(checkoutPollMs, 1_000));
    return () => {
      isActive = false;
      if (timer) clearTimeout(timer);
    };
  }, [api, checkoutPollMs, now, onSessionEnded, waitingFor]);

  const reopen = useCallback(() => {
    if (waitingFor) void background.openTab(waitingFor.checkoutUrl);
  }, [background, waitingFor]);

  return { state, error, start, stopWaiting, dismiss, reopen };
}
