/** The slice of @plasmohq/storage's Storage the hidden-bar setting uses (in-memory in tests). */
export interface KeyValueStore {
  get<T = string>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<unknown>;
  remove(key: string): Promise<void>;
  watch?(callbacks: Record<string, (change: { newValue?: unknown }) => void>): boolean;
  unwatch?(callbacks: Record<string, (change: { newValue?: unknown }) => void>): boolean;
}

/** The storage key of one site's setting: one key per hostname, so two tabs never race. */
export function hiddenKey(hostname: string): string {
  return `gift-bar:hidden:${hostname.toLowerCase()}`;
}

export interface HiddenSites {
  isHidden(hostname: string): Promise<boolean>;
  setHidden(hostname: string, hidden: boolean): Promise<void>;
  /** Follows changes made in other tabs; returns a function that stops. */
  subscribe(hostname: string, onChange: (hidden: boolean) => void): () => void;
}

/**
 * Which sites the viewer hid the gift bar on, kept in extension storage (not the page's), so a
 * hidden bar stays hidden across reloads and in every tab of that site until shown again.
 */
export function createHiddenSites(store: KeyValueStore): HiddenSites {
  return {
    async isHidden(hostname) {
      return (await store.get<boolean>(hiddenKey(hostname))) === true;
    },
    async setHidden(hostname, hidden) {
      if (hidden) await store.set(hiddenKey(hostname), true);
      else await store.remove(hiddenKey(hostname));
    },
    subscribe(hostname, onChange) {
      if (!store.watch || !store.unwatch) return () => {};
      const callbacks = {
        [hiddenKey(hostname)]: (change: { newValue?: unknown }) =>
          onChange(change.newValue === true),
      };
      store.watch(callbacks);
      return () => {
        store.unwatch?.(callbacks);
      };
    },
  };
}
