import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "@coinstream/test-harness/chromium";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recordStreamEvent } from "../realtime/record-stream-event.ts";
import { foldStreamEvents } from "../services/analytics/fold-stream-events.ts";
import { useServedApi } from "../test-support/served-api.ts";
import type { AppRouter } from "../trpc/root.ts";

// The OBS overlay as OBS would show it: the whole API on a real socket, the page in headless
// Chromium, gifts and tips sent by a signed-in viewer over HTTP.
const SCREENSHOT = fileURLToPath(new URL("../../test-output/overlay.png", import.meta.url));
const VIEWER_NAME = 'Vera <b>"V"</b>';
const XSS_MESSAGE = "hi <img src=x onerror=alert(1)> there";

const served = useServedApi();
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

type Client = ReturnType<typeof client>;

function client(token: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${served.base}/trpc`,
        headers: () => ({ authorization: `Bearer ${token}` }),
      }),
    ],
  });
}

/** `api`'s person sends `count` × `giftId` to @`handle`. */
function sendGift(api: Client, handle: string, giftId: string, count = 1) {
  return api.gifts.send.mutate({ idempotencyKey: randomUUID(), to: { handle }, giftId, count });
}

/** A creator signed up over HTTP, registered under `prefix` + now, with a verified channel. */
async function verifiedCreator(name: string, prefix: string) {
  const nova = await served.signUp(name);
  const novaApi = client(nova.token);
  const { handle } = await novaApi.creator.register.mutate({ handle: `${prefix}${Date.now()}` });
  await served.db.sql`
    insert into creator_channels (creator_user_id, platform, channel, followers, followers_verified, verified_at, verification_method)
    values (${nova.userId}, 'twitch', ${handle}, 150, true, now(), 'seed')`;
  return { nova, novaApi, handle };
}

/** A viewer named `VIEWER_NAME` who paid the sandbox checkout for 2,000 coins. */
async function viewerWith2000Coins() {
  const vera = await served.signUp(VIEWER_NAME);
  const veraApi = client(vera.token);
  const checkout = await veraApi.store.checkout.mutate({
    idempotencyKey: randomUUID(),
    item: { customCoins: 2_000 },
  });
  expect((await fetch(`${checkout.checkoutUrl}/pay`, { method: "POST" })).status).toBe(200);
  return { vera, veraApi };
}

/** Console errors, uncaught page errors and dialogs (an executed `alert` would be one). */
function watch(page: Page) {
  const problems = { console: [] as string[], page: [] as string[], dialogs: [] as string[] };
  page.on("console", (message) => {
    if (message.type() === "error") problems.console.push(message.text());
  });
  page.on("pageerror", (error) => problems.page.push(error.message));
  page.on("dialog", (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return problems;
}

describe("the OBS overlay in headless Chromium", () => {
  it("shows gift, combo, tip and paid-message alerts live, escapes viewer text, draws the goal and top gifters on a transparent page, and dies with its key", async () => {
    const { nova, novaApi, handle } = await verifiedCreator("Nova", "nova");
    const overlay = await novaApi.overlay.get.query();
    expect(overlay.url.startsWith(`${served.base}/overlay/`)).toBe(true);
    await novaApi.sessions.start.mutate({ title: "Late show" });
    await novaApi.sessions.setGoal.mutate({ coins: 50_000, title: "New microphone" });

    const { vera, veraApi } = await viewerWith2000Coins();
    await served.db
      .sql`insert into viewer_profiles (user_id, name_color) values (${vera.userId}, '#2ec4d6')`;

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watch(page);
    // Expressions, not functions: this package compiles without the DOM's types.
    const computed = (selector: string, property: string) =>
      page.evaluate(
        `getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}]`,
      );
    const loaded = await page.goto(overlay.url);
    expect(loaded?.status()).toBe(200);
    await page.locator('body[data-connection="open"]').waitFor();
    expect(await computed("html", "backgroundColor")).toBe("rgba(0, 0, 0, 0)");
    expect(await computed("body", "backgroundColor")).toBe("rgba(0, 0, 0, 0)");
    expect(await page.locator("#goal-title").textContent()).toBe("New microphone");
    expect(await page.locator("#goal-numbers").textContent()).toBe("0 / 50,000");

    await sendGift(veraApi, handle, "crown");
    const crown = page.locator(".alert-premium", { hasText: "sent Crown" });
    await crown.waitFor();
    expect(await crown.locator(".cs-name").textContent()).toBe(VIEWER_NAME);
    expect(await computed(".alert-premium .cs-name", "color")).toBe("rgb(46, 196, 214)");

    await sendGift(veraApi, handle, "rose", 3);
    const roses = page.locator(".alert-basic", { hasText: "sent Rose" });
    await roses.waitFor();
    expect(await roses.locator(".combo").textContent()).toBe("x3");

    await sendGift(veraApi, handle, "concert");
    await page.locator(".alert-deluxe", { hasText: "sent Concert" }).waitFor();
    // The shimmer comes from the stylesheet shared with the gift bar (@coinstream/ui-styles).
    expect(
      await page.evaluate(
        `getComputedStyle(document.querySelector(".alert-deluxe"), "::before").animationName`,
      ),
    ).toBe("cs-shimmer-sweep");

    await veraApi.tips.send.mutate({
      idempotencyKey: randomUUID(),
      to: { handle },
      coins: 25,
      message: XSS_MESSAGE,
    });
    const tip = page.locator(".alert-tip", { hasText: "tipped" });
    await tip.waitFor();
    expect(await tip.locator(".text").textContent()).toBe(XSS_MESSAGE);
    expect(await page.locator("img").count()).toBe(0);

    // A paid message and a legendary gift, as their services publish them.
    const event = {
      creatorUserId: nova.userId,
      creatorHandle: handle,
      viewerId: vera.userId,
      viewerName: VIEWER_NAME,
      diamonds: 0,
      at: new Date(),
    };
    await recordStreamEvent(served.db.sql, {
      ...event,
      transferId: randomUUID(),
      kind: "message",
      coins: 100,
      giftId: null,
      count: 1,
      message: "Loved the show, <b>thanks</b>!",
    });
    const paid = page.locator(".alert-message");
    await paid.waitFor();
    expect(await paid.locator(".label").textContent()).toBe("Paid message");
    expect(await paid.locator(".text").textContent()).toBe("Loved the show, <b>thanks</b>!");
    await recordStreamEvent(served.db.sql, {
      ...event,
      transferId: randomUUID(),
      kind: "gift",
      coins: 29_999,
      giftId: "lion",
      count: 1,
      message: null,
    });
    await page.locator("#stage .alert-legendary", { hasText: "sent Lion" }).waitFor();
    // A combo: the same gift again within the window counts up on the same alert.
    for (const offsetMs of [0, 500]) {
      await recordStreamEvent(served.db.sql, {
        ...event,
        transferId: randomUUID(),
        kind: "gift",
        coins: 5,
        giftId: "heart",
        count: 1,
        message: null,
        at: new Date(event.at.getTime() + 1_000 + offsetMs),
      });
    }
    const hearts = page.locator(".alert", { hasText: "sent Heart" });
    await page.locator(".alert .combo", { hasText: "x2" }).waitFor();
    expect(await hearts.count()).toBe(1);

    // The bar moves with each event, and the fold's goal event agrees (nothing counted twice).
    const goalText = "30,936 / 50,000"; // 299 + 3 + 500 + 25 + 100 + 29,999 + 2 × 5
    await vi.waitFor(
      async () => expect(await page.locator("#goal-numbers").textContent()).toBe(goalText),
      { timeout: 5_000 },
    );
    const before = await lastGoalEventId(nova.userId);
    await foldStreamEvents(served.db.sql);
    const folded = await lastGoalEventId(nova.userId);
    expect(folded).not.toBe(before);
    await page.locator(`#goal[data-since="${folded}"]`).waitFor({ state: "attached" });
    expect(await page.locator("#goal-numbers").textContent()).toBe(goalText);
    await novaApi.sessions.setGoal.mutate({ coins: 30_000, title: "New microphone" });
    await page.locator("#goal.reached").waitFor();

    const gifter = page.locator("#top-gifters li", { hasText: VIEWER_NAME });
    await vi.waitFor(async () => expect(await gifter.textContent()).toContain("30,936"), {
      timeout: 10_000,
    });

    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, omitBackground: true });
    expect(problems).toEqual({ console: [], page: [], dialogs: [] });
    // Trusted Types refuse any HTML string on this page (and the watcher would have seen one).
    await expect(page.evaluate(`document.body.innerHTML = "<i>injected</i>"`)).rejects.toThrow(
      /TrustedHTML/,
    );
    await vi.waitFor(() => expect(problems.console.join("\n")).toMatch(/TrustedHTML/));

    // Rotating the key: the old URL is gone at once, and the open page stops receiving.
    const rotated = await novaApi.overlay.rotate.mutate();
    expect(rotated.url).not.toBe(overlay.url);
    expect((await fetch(overlay.url)).status).toBe(404);
    expect((await fetch(`${overlay.url}/state`)).status).toBe(404);
    expect((await fetch(rotated.url)).status).toBe(200);
    await veraApi.tips.send.mutate({
      idempotencyKey: randomUUID(),
      to: { handle },
      coins: 1,
      message: "late",
    });
    await page.locator('body[data-connection="gone"]').waitFor({ timeout: 20_000 });
    expect(await page.locator(".alert", { hasText: "late" }).count()).toBe(0);
    await page.close();
  });

  it("plays a test alert of each tier (marked, no coins moved) and applies new settings without a reload", async () => {
    const nova = await served.signUp("Studio Nova");
    const novaApi = client(nova.token);
    await novaApi.creator.register.mutate({ handle: `studio${Date.now()}` });
    const overlay = await novaApi.overlay.get.query();
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watch(page);
    await page.goto(overlay.url);
    await page.locator('body[data-connection="open"]').waitFor();
    const [before] = await served.db.sql<
      { n: bigint }[]
    >`select count(*)::int8 as n from ledger_transfers`;
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    const clear = () =>
      page.evaluate(`document.querySelectorAll(".alert").forEach((n) => n.remove())`);
    for (const tier of ["basic", "premium", "deluxe", "legendary", "tip", "message"] as const) {
      await clear();
      await novaApi.creator.sendTestAlert.mutate({ tier });
      const alert = page.locator(`.alert-${tier}[data-test="true"]`);
      await alert.waitFor();
      expect(await alert.locator(".test-mark").textContent()).toContain("no coins moved");
      // Let the entrance animation settle before the picture.
      await page.waitForTimeout(1_000);
      await page.screenshot({
        path: SCREENSHOT.replace("overlay.png", `overlay-test-${tier}.png`),
      });
    }
    const [after] = await served.db.sql<
      { n: bigint }[]
    >`select count(*)::int8 as n from ledger_transfers`;
    expect(after?.n).toBe(before?.n);

    // New settings reach the open page: colours, full-screen tiers, top gifters hidden.
    await clear();
    await novaApi.creator.setOverlaySettings.mutate({
      minAlertCoins: 0,
      alertSeconds: 10,
      sound: { enabled: false, volumePercent: 0 },
      fullScreenTiers: ["deluxe", "legendary"],
      showGoalBar: true,
      showTopGifters: false,
      colours: { highlight: "#00e5ff", accent: "#ff3366", text: "#ffffff", panel: "#101030e0" },
    });
    await page.locator('body[data-top-gifters="off"]').waitFor();
    await novaApi.creator.sendTestAlert.mutate({ tier: "deluxe" });
    await page.locator('#stage .alert-deluxe.fullscreen[data-test="true"]').waitFor();
    expect(
      await page.evaluate(`getComputedStyle(document.querySelector("#stage .cs-name")).color`),
    ).toBe("rgb(0, 229, 255)");
    await page.waitForTimeout(1_000);
    await page.screenshot({
      path: SCREENSHOT.replace("overlay.png", "overlay-test-deluxe-fullscreen.png"),
    });
    expect(problems).toEqual({ console: [], page: [], dialogs: [] });
    await page.close();
  }, 60_000);
});

describe("entrances and stickers on the OBS overlay", () => {
  it("draws a worn entrance with the viewer's name on their first gift of the session only, and a tip's sticker as text", async () => {
    const { nova, novaApi, handle } = await verifiedCreator("Stage Nova", "stage");
    const overlay = await novaApi.overlay.get.query();
    await novaApi.sessions.start.mutate({ title: "Entrances" });

    const { vera, veraApi } = await viewerWith2000Coins();
    for (const [itemId, expectedCoins] of [
      ["entrance-sparkle", 800],
      ["sticker-trophy", 400],
    ] as const) {
      await veraApi.profile.buy.mutate({ idempotencyKey: randomUUID(), itemId, expectedCoins });
    }
    await veraApi.profile.wear.mutate({ entrance: "entrance-sparkle" });

    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const problems = watch(page);
    await page.goto(overlay.url);
    await page.locator('body[data-connection="open"]').waitFor();
    await sendGift(veraApi, handle, "crown");
    const entrance = page.locator('.alert-premium .cs-entrance[data-entrance="sparkle"]');
    await entrance.waitFor();
    expect(await entrance.textContent()).toBe(`${VIEWER_NAME} makes an entrance`);
    expect(await entrance.locator(".cs-name").textContent()).toBe(VIEWER_NAME);
    expect(
      await page.evaluate(`getComputedStyle(document.querySelector(".cs-entrance")).animationName`),
    ).toContain("cs-entrance-in");

    await sendGift(veraApi, handle, "gg");
    await page.locator(".alert-basic", { hasText: "sent GG" }).waitFor();
    expect(await page.locator(".cs-entrance").count()).toBe(1);

    await veraApi.tips.send.mutate({
      idempotencyKey: randomUUID(),
      to: { handle },
      coins: 25,
      message: XSS_MESSAGE,
      stickerId: "sticker-trophy",
    });
    const sticker = page.locator('.alert-tip .cs-sticker[data-sticker="sticker-trophy"]');
    await sticker.waitFor();
    expect(await sticker.textContent()).toBe("🏆");
    expect(await page.locator("img").count()).toBe(0);

    // The other effects, as a gift's batch stores them, for the pictures.
    for (const [index, effect] of (["confetti", "spotlight"] as const).entries()) {
      await recordStreamEvent(served.db.sql, {
        transferId: randomUUID(),
        kind: "gift",
        creatorUserId: nova.userId,
        creatorHandle: handle,
        viewerId: vera.userId,
        viewerName: `Guest ${index + 1}`,
        coins: 100,
        diamonds: 0,
        giftId: "rainbow",
        count: 1,
        message: null,
        at: new Date(Date.now() + index * 60_000),
        entrance: effect,
      });
      await page.locator(`.cs-entrance[data-entrance="${effect}"]`).waitFor();
    }
    await page.waitForTimeout(1_000); // let the entrances settle before the picture
    await mkdir(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT.replace("overlay.png", "overlay-entrances.png") });

    // Reduced motion: the entrances and stickers stand still.
    await page.emulateMedia({ reducedMotion: "reduce" });
    const still = await page.evaluate(
      `[...document.querySelectorAll(".cs-entrance, .cs-sticker")].map((n) => getComputedStyle(n).animationName)`,
    );
    expect(still).toEqual(["none", "none", "none", "none"]);
    expect(problems).toEqual({ console: [], page: [], dialogs: [] });
    await page.close();
  }, 60_000);
});

async function lastGoalEventId(creatorUserId: string): Promise<string> {
  const [row] = await served.db.sql<{ id: bigint | null }[]>`
    select max(id) as id from stream_events where creator_user_id = ${creatorUserId} and kind = 'goal'`;
  return String(row?.id);
}
