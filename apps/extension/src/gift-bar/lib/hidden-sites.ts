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
  return flagKey(hostname, "hidden");
}

/** Another per-site yes/no the bar remembers the same way (`open`: the launcher's panel). */
export function flagKey(hostname: string, flag: string): string {
  return `gift-bar:${flag}:${hostname.toLowerCase()}`;
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
export function createHiddenSites(store: KeyValueStore, flag = "hidden"): HiddenSites {
  const hiddenKey = (hostname: string) => flagKey(hostname, flag);
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

/** chrome.storage.local as the hidden-sites store, for extension pages framed in a web page (no localStorage there). */
export function chromeLocalStore(
  area: chrome.storage.StorageArea = chrome.storage.local,
): KeyValueStore {
  const listeners = new Map<
    Record<string, (change: { newValue?: unknown }) => void>,
    (changes: Record<string, chrome.storage.StorageChange>) => void
  >();
  return {
    get: async <T>(key: string) => (await area.get(key))[key] as T | undefined,
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
    watch(callbacks) {
      const listener = (changes: Record<string, chrome.storage.StorageChange>) => {
        for (const [key, change] of Object.entries(changes)) {
          callbacks[key]?.({ newValue: change.newValue });
        }
      };
      listeners.set(callbacks, listener);
      area.onChanged.addListener(listener);
      return true;
    },
    unwatch(callbacks) {
      const listener = listeners.get(callbacks);
      if (!listener) return false;
      area.onChanged.removeListener(listener);
      listeners.delete(callbacks);
      return true;
    },
  };
}
