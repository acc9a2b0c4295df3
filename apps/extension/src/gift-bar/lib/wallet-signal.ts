/**
 * "The wallet changed": a timestamp in chrome.storage.session (extension contexts only, never a
 * content script), written after a send or a purchase. Every open panel reads its balance again
 * when it changes, so a send in one tab or coins bought in the wallet window show everywhere
 * within a second. It carries no balance: each panel asks the API.
 */
export const WALLET_CHANGED_KEY = "wallet-changed";

export interface WalletSignal {
  readonly bump: () => void;
  /** Calls `onChange` on every bump (from any context); returns a function that stops. */
  readonly subscribe: (onChange: () => void) => () => void;
}

export function chromeWalletSignal(
  area: chrome.storage.StorageArea | undefined = globalThis.chrome?.storage?.session,
): WalletSignal {
  return {
    bump: () => {
      area?.set({ [WALLET_CHANGED_KEY]: Date.now() }).catch(() => {});
    },
    subscribe: (onChange) => {
      if (!area) return () => {};
      const listener = (changes: Record<string, chrome.storage.StorageChange>) => {
        if (WALLET_CHANGED_KEY in changes) onChange();
      };
      area.onChanged.addListener(listener);
      return () => area.onChanged.removeListener(listener);
    },
  };
}

/** Within one JavaScript realm (tests, or several panels sharing one fake). */
export function memoryWalletSignal(): WalletSignal {
  const listeners = new Set<() => void>();
  return {
    bump: () => {
      for (const listener of [...listeners]) listener();
    },
    subscribe: (onChange) => {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}
