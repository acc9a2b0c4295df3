import type { SignedInUser } from "../messaging/contract.ts";

/** What the background keeps of a signed-in person: the signed bearer token and who it is for. */
export interface Session {
  /** Better Auth's signed session token (from the `set-auth-token` header). */
  readonly token: string;
  readonly user: SignedInUser;
}

export interface SessionStore {
  load(): Promise<Session | null>;
  save(session: Session): Promise<void>;
  clear(): Promise<void>;
}

const SESSION_KEY = "coinstream.session";

function isSession(value: unknown): value is Session {
  if (typeof value !== "object" || value === null) return false;
  const { token, user } = value as Partial<Session>;
  return (
    typeof token === "string" &&
    token.length > 0 &&
    typeof user === "object" &&
    user !== null &&
    typeof user.id === "string"
  );
}

/** A place that keeps one value by key: chrome.storage.session, IndexedDB, chrome.storage.local. */
export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * Where the session lives, so that no web page can read it, the content script included
 * (it runs in the page's renderer, and chrome.storage.local is open to content scripts):
 * - `session`: chrome.storage.session restricted to TRUSTED_CONTEXTS (the worker and the
 *   extension's own pages), the copy every request reads; it is gone when the browser closes.
 * - `persistent`: IndexedDB of the extension's origin, which only the worker and extension pages
 *   can open (content scripts get the host page's IndexedDB): what brings the session back
 *   after a browser restart. It holds the same signed token; the API revokes it on sign-out.
 * - `legacy`: chrome.storage.local, where earlier versions kept it: moved out on first read.
 */
export function createTrustedSessionStore(areas: {
  readonly session: KeyValueArea;
  readonly persistent: KeyValueArea;
  readonly legacy?: KeyValueArea;
}): SessionStore {
  const { session, persistent, legacy } = areas;
  return {
    async load() {
      const current = await session.get(SESSION_KEY);
      if (isSession(current)) return current;
      let restored = await persistent.get(SESSION_KEY);
      if (!isSession(restored) && legacy) {
        const old = await legacy.get(SESSION_KEY);
        await legacy.remove(SESSION_KEY);
        if (isSession(old)) {
          restored = old;
          await persistent.set(SESSION_KEY, old);
        }
      }
      if (!isSession(restored)) return null;
      await session.set(SESSION_KEY, restored);
      return restored;
    },
    async save(next) {
      await persistent.set(SESSION_KEY, next);
      await session.set(SESSION_KEY, next);
    },
    async clear() {
      await Promise.all([
        session.remove(SESSION_KEY),
        persistent.remove(SESSION_KEY),
        legacy?.remove(SESSION_KEY),
      ]);
    },
  };
}

/** The key the session is stored under (extension pages watch it in chrome.storage.session). */
export const SESSION_STORAGE_KEY = SESSION_KEY;

/** A session store in memory, for tests. */
export function createMemorySessionStore(initial: Session | null = null): SessionStore & {
  readonly current: () => Session | null;
} {
  let session = initial;
  return {
    current: () => session,
    load: async () => session,
    save: async (next) => {
      session = next;
    },
    clear: async () => {
      session = null;
    },
  };
}
