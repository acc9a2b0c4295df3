import { createContext, type ReactNode, useContext } from "react";
import type { ApiClient, BackgroundActions } from "../messaging/api-client.ts";

export interface PopupContextValue {
  readonly api: ApiClient;
  /** Signing in and out, opening the checkout tab. */
  readonly background: BackgroundActions;
  /** Called when a call finds the session gone: the popup goes back to signing in. */
  readonly onSessionEnded: () => void;
  /** How often a pending checkout is checked, in ms (tests shorten it). */
  readonly checkoutPollMs: number;
  readonly now: () => Date;
}

const Context = createContext<PopupContextValue | null>(null);

export function PopupProvider({
  children,
  value,
}: {
  readonly children: ReactNode;
  readonly value: PopupContextValue;
}) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function usePopup(): PopupContextValue {
  const value = useContext(Context);
  if (!value) throw new Error("usePopup needs a <PopupProvider> around it");
  return value;
}
