import { randomUUID } from "node:crypto";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { EventSource } from "eventsource";
import { describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "./realtime/stream-event.ts";
import { createCreator } from "./test-support/people.ts";
import { useServedApi } from "./test-support/served-api.ts";
import type { AppRouter } from "./trpc/root.ts";

// The whole API on a real socket: Better Auth over HTTP, procedures through @trpc/client with
// httpBatchLink, stream events over SSE with httpSubscriptionLink.
const served = useServedApi();

function client(token?: string) {
  const headers = () => (token ? { authorization: `Bearer ${token}` } : {});
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: `${served.base}/trpc`, EventSource }),
        false: httpBatchLink({ url: `${served.base}/trpc`, headers }),
      }),
    ],
  });
}

describe("the API over real HTTP", () => {
  it("signs up, buys coins on the sandbox page, gifts, and streams the gift to an SSE subscriber that resumes", async () => {
    const erin = client((await served.signUp("Erin")).token);
    expect((await erin.store.packs.query()).offers[0]?.quote).toMatchObject({
      currency: "GBP",
      bonusCoins: 10,
    });

    const checkout = await erin.store.checkout.mutate({
      idempotencyKey: randomUUID(),
      item: { customCoins: 750 },
    });
    expect((await fetch(`${checkout.checkoutUrl}/pay`, { method: "POST" })).status).toBe(200);
    expect((await erin.wallet.get.query()).coins).toBe(825);

    const target = await createCreator(served.db.sql);
    // Each item is tracked with the stream's cursor after it; `connected` comes first.
    const received: StreamEvent[] = [];
    let lastId: string | null = null;
    let isStarted = false;
    const subscription = client().streams.events.subscribe(
      { to: { handle: target.handle } },
      {
        onStarted: () => {
          isStarted = true;
        },
        onData: (tracked) => {
          lastId = tracked.id;
          if ("id" in tracked.data) received.push(tracked.data);
        },
      },
    );
    await vi.waitFor(() => expect(isStarted).toBe(true), { timeout: 10_000, interval: 20 });
    await erin.gifts.send.mutate({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      giftId: "crown",
      count: 1,
    });
    await vi.waitFor(() => expect(received.map((e) => e.giftId)).toEqual(["crown"]), {
      timeout: 5_000,
    });
    subscription.unsubscribe();

    await erin.tips.send.mutate({
      idempotencyKey: randomUUID(),
      to: { url: target.url },
      coins: 7,
      message: "while you were away",
    });
    const resumed: StreamEvent[] = [];
    expect(lastId).toMatch(/^c1\./);
    const again = client().streams.events.subscribe(
      { to: { handle: target.handle }, lastEventId: lastId },
      {
        onData: (tracked) => {
          if ("id" in tracked.data) resumed.push(tracked.data);
        },
      },
    );
    await vi.waitFor(() => expect(resumed.map((e) => e.message)).toEqual(["while you were away"]), {
      timeout: 5_000,
    });
    again.unsubscribe();
    expect((await erin.wallet.get.query()).coins).toBe(825 - 299 - 7);
  });
});
