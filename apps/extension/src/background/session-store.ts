import { Storage } from "@plasmohq/storage";
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

/** The session in chrome.storage.local (through @plasmohq/storage), surviving browser restarts. */
export function createStorageSessionStore(
  storage: Storage = new Storage({ area: "local" }),
): SessionStore {
  return {
    async load() {
      const value = await storage.get<unknown>(SESSION_KEY);
      return isSession(value) ? value : null;
    },
    async save(session) {
      await storage.set(SESSION_KEY, session);
    },
    async clear() {
      await storage.remove(SESSION_KEY);
    },
  };
}

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
