import { describe, expect, it } from "vitest";
import {
  createTrustedSessionStore,
  type KeyValueArea,
  SESSION_STORAGE_KEY,
} from "./session-store.ts";

const SESSION = { token: "tok.sig", user: { id: "u1", name: "Vera", email: "v@example.com" } };

function area(
  initial: Record<string, unknown> = {},
): KeyValueArea & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (key) => data.get(key),
    set: async (key, value) => {
      data.set(key, value);
    },
    remove: async (key) => {
      data.delete(key);
    },
  };
}

describe("createTrustedSessionStore", () => {
  it("keeps the session in session storage and the extension's IndexedDB, never in chrome.storage.local", async () => {
    const areas = { session: area(), persistent: area(), legacy: area() };
    const store = createTrustedSessionStore(areas);
    await store.save(SESSION);
    expect(areas.session.data.get(SESSION_STORAGE_KEY)).toEqual(SESSION);
    expect(areas.persistent.data.get(SESSION_STORAGE_KEY)).toEqual(SESSION);
    expect(areas.legacy.data.size).toBe(0);
  });

  it("brings the session back after a browser restart (session storage empty) from IndexedDB", async () => {
    const areas = { session: area(), persistent: area({ [SESSION_STORAGE_KEY]: SESSION }) };
    expect(await createTrustedSessionStore(areas).load()).toEqual(SESSION);
    expect(areas.session.data.get(SESSION_STORAGE_KEY)).toEqual(SESSION);
  });

  it("moves a session an earlier version left in chrome.storage.local out of content scripts' reach", async () => {
    const areas = {
      session: area(),
      persistent: area(),
      legacy: area({ [SESSION_STORAGE_KEY]: SESSION }),
    };
    expect(await createTrustedSessionStore(areas).load()).toEqual(SESSION);
    expect(areas.legacy.data.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(areas.persistent.data.get(SESSION_STORAGE_KEY)).toEqual(SESSION);
  });

  it("forgets the session everywhere on sign-out", async () => {
    const areas = {
      session: area({ [SESSION_STORAGE_KEY]: SESSION }),
      persistent: area({ [SESSION_STORAGE_KEY]: SESSION }),
      legacy: area({ [SESSION_STORAGE_KEY]: SESSION }),
    };
    const store = createTrustedSessionStore(areas);
    await store.clear();
    expect(await store.load()).toBeNull();
    expect([areas.session, areas.persistent, areas.legacy].map((kept) => kept.data.size)).toEqual([
      0, 0, 0,
    ]);
  });
});
