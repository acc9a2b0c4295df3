import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { createApp } from "../app.ts";
import type { StreamEvent } from "../realtime/stream-event.ts";
import { StreamEventHub } from "../realtime/stream-event-hub.ts";
import type { Viewer } from "../services/service-context.ts";
import { DEFAULT_OVERLAY_SETTINGS } from "../services/studio/overlay-settings.ts";
import { createCreator, createFundedPerson, createPerson } from "../test-support/people.ts";
import { useTestLedger } from "../test-support/test-ledger.ts";

const env = useTestLedger();
const PUBLIC_URL = "https://coinstream.test";
let hub: StreamEventHub;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  hub = new StreamEventHub(env.db.sql);
  await hub.start();
  app = env.appWith({ events: hub, publicUrl: PUBLIC_URL });
});
afterAll(() => hub.stop());

const callerFor = (who: Viewer | null) => env.callerFor(who, { publicUrl: PUBLIC_URL });

async function liveCreatorWithFan() {
  const creator = await createCreator(env.db.sql);
  const fan = await createFundedPerson(env.db.sql, env.ledger, 5_000n, { name: "Ana" });
  const tip = (coins: number, message?: string) =>
    callerFor(fan).tips.send({
      idempotencyKey: randomUUID(),
      to: { handle: creator.handle },
      coins,
      ...(message ? { message } : {}),
    });
  const overlay = await callerFor(creator.user).overlay.get();
  return { creator, fan, tip, overlay, path: new URL(overlay.url).pathname };
}

/** Reads `n` events from an SSE response, then leaves it. */
async function readEvents(
  response: Response,
  n: number,
  ids: string[] = [],
): Promise<StreamEvent[]> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: StreamEvent[] = [];
  let buffer = "";
  while (events.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const id = /^id: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      // Named events (`connected`, `reset`) carry no stream event.
      if (data && !/^event: /m.test(block)) {
        const event = JSON.parse(data) as StreamEvent;
        // Each event's id is the stream cursor just after it (what Last-Event-ID sends back).
        expect(id).toMatch(/^c1\./);
        ids.push(id as string);
        events.push(event);
      }
    }
  }
  await reader.cancel();
  return events;
}

describe("overlay.get and overlay.rotate", () => {
  it("give a creator one secret overlay URL, created on first use, with a 192-bit URL-safe key", async () => {
    const creator = await createCreator(env.db.sql);
    const first = await callerFor(creator.user).overlay.get();
    expect(first.url).toMatch(/^https:\/\/coinstream\.test\/overlay\/[A-Za-z0-9_-]{32}$/);
    expect(first.path).toBe(new URL(first.url).pathname);
    expect(await callerFor(creator.user).overlay.get()).toEqual(first);

    const other = await createCreator(env.db.sql);
    expect((await callerFor(other.user).overlay.get()).url).not.toBe(first.url);
  });

  it("refuse anyone who is not a creator", async () => {
    const viewer = await createPerson(env.db.sql);
    await expect(callerFor(viewer).overlay.get()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(viewer).overlay.rotate()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerFor(null).overlay.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("retire the old URL at once on rotate: page, state and events answer 404 like any unknown address", async () => {
    const { creator, path: oldPath } = await liveCreatorWithFan();
    expect((await app.request(oldPath)).status).toBe(200);
    const rotated = await callerFor(creator.user).overlay.rotate();
    const newPath = new URL(rotated.url).pathname;
    expect(newPath).not.toBe(oldPath);

    const unknown = await app.request(`/overlay/${"A".repeat(32)}`);
    expect(unknown.status).toBe(404);
    const unknownBody = await unknown.text();
    for (const suffix of ["", "/state", "/events"]) {
      const response = await app.request(`${oldPath}${suffix}`);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(unknownBody);
    }
    expect((await app.request("/overlay/not-a-key")).status).toBe(404);
    expect((await app.request(newPath)).status).toBe(200);
    expect(await callerFor(creator.user).overlay.get()).toEqual(rotated);
  });
});

describe("GET /overlay/:key", () => {
  it("serves a self-contained page under a strict nonce CSP with Trusted Types, uncached", async () => {
    const { path } = await liveCreatorWithFan();
    const response = await app.request(path);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src 'nonce-${nonce}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain("unsafe");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");

    const page = await response.text();
    const scripts = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]?.trim());
    expect(scripts).toEqual(['type="application/json" id="overlay-config"', `nonce="${nonce}"`]);
    expect(page).toContain(`<style nonce="${nonce}">`);
    expect(page).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    expect(page).not.toMatch(/style="/);
    // A fresh nonce per response.
    const again = (await app.request(path)).headers.get("content-security-policy");
    expect(again).not.toBe(csp);
  });
});

describe("GET /overlay/:key/state", () => {
  it("gives the live session's goal with progress and its top gifters, with name colours", async () => {
    const { creator, fan, tip, path } = await liveCreatorWithFan();
    await tip(500); // before the session: not in its top gifters
    const ben = await createFundedPerson(env.db.sql, env.ledger, 1_000n, { name: "Ben" });
    await env.db
      .sql`insert into viewer_profiles (user_id, name_color) values (${ben.userId}, '#2ec4d6')`;
    await callerFor(creator.user).sessions.start();
    await callerFor(creator.user).sessions.setGoal({ coins: 1_000, title: "Desk" });
    await tip(20);
    await callerFor(ben).gifts.send({
      idempotencyKey: randomUUID(),
      to: { handle: creator.handle },
      giftId: "rainbow",
      count: 1,
    });
    await tip(30);

    const response = await app.request(`${path}/state`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const state = await response.json();
    const [last] = await env.db.sql<{ id: bigint }[]>`
      select max(id) as id from stream_events where creator_user_id = ${creator.user.userId}`;
    expect(state).toEqual({
      handle: creator.handle,
      live: true,
      title: null,
      goal: { title: "Desk", targetCoins: 1_000, progressCoins: 150, reached: false },
      topGifters: [
        { name: "Ben", coins: 100, nameColor: "#2ec4d6" },
        { name: "Ana", coins: 50, nameColor: null },
      ],
      lastEventId: String(last?.id),
      cursor: expect.stringMatching(/^c1\./),
      // The alert studio's settings (defaults until the creator saves some).
      settings: DEFAULT_OVERLAY_SETTINGS,
    });
    expect(JSON.stringify(state)).not.toContain(fan.userId);
  });
});

describe("GET /overlay/:key/events", () => {
  it("streams new events, and resumes after the Last-Event-ID a reconnecting browser sends", async () => {
    const { tip, path } = await liveCreatorWithFan();
    await tip(1, "before the page opened");
    const live = await app.request(`${path}/events`);
    expect(live.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const ids: string[] = [];
    const first = readEvents(live, 1, ids);
    await tip(2, "one");
    const [seen] = await first;
    expect(seen?.message).toBe("one");

    await tip(3, "two");
    await tip(4, "three");
    const resumed = await app.request(`${path}/events?after=0`, {
      headers: { "Last-Event-ID": ids[0] ?? "" },
    });
    expect((await readEvents(resumed, 2)).map((e) => [e.message, e.coins])).toEqual([
      ["two", 3],
      ["three", 4],
    ]);
  });
});
