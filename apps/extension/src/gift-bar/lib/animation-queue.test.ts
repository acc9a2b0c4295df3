import { type GiftDefinition, RATE_CARD } from "@coinstream/core";
import { describe, expect, it } from "vitest";
import type { StreamEventMessage } from "../../messaging/contract.ts";
import {
  type AnimationState,
  addGoalReached,
  addStreamEvent,
  EMPTY_ANIMATIONS,
  expireAnimations,
  isLiveEvent,
  isTakeover,
  MAX_CARDS,
  MAX_EVENT_AGE_MS,
  MAX_WAITING_TAKEOVERS,
  nextExpiry,
  SHOW_MS,
} from "./animation-queue.ts";

const gifts: ReadonlyMap<string, GiftDefinition> = new Map(RATE_CARD.gifts.map((g) => [g.id, g]));
const context = (now: number, reducedMotion = false) => ({ gifts, now, reducedMotion });

let nextId = 1;
function gift(giftId: string, extra: Partial<StreamEventMessage> = {}): StreamEventMessage {
  const id = String(nextId++);
  return {
    id,
    kind: "gift",
    creatorHandle: "nova",
    viewerName: "Ada",
    viewerStyle: null,
    coins: gifts.get(giftId)?.coins ?? 1,
    giftId,
    count: 1,
    comboCount: 1,
    comboId: id,
    message: null,
    at: "2026-11-20T20:00:00.000Z",
    ...extra,
  };
}

function add(state: AnimationState, event: StreamEventMessage, now = 0, reducedMotion = false) {
  return addStreamEvent(state, event, context(now, reducedMotion));
}

describe("addStreamEvent", () => {
  it.each([
    ["rose", "float", "basic"],
    ["rainbow", "burst", "premium"],
    ["concert", "banner", "deluxe"],
    ["lion", "fullscreen", "legendary"],
  ])("draws %s with the catalog's %s animation (%s tier)", (giftId, style, tier) => {
    const state = add(EMPTY_ANIMATIONS, gift(giftId), 1_000);
    expect(state.visible).toMatchObject([{ style, tier, giftName: gifts.get(giftId)?.name }]);
    expect(state.visible[0]?.endsAt).toBe(1_000 + SHOW_MS[style as keyof typeof SHOW_MS]);
  });

  it("draws a gift the catalog does not know as a basic float", () => {
    const state = add(EMPTY_ANIMATIONS, gift("mystery"));
    expect(state.visible).toMatchObject([{ style: "float", tier: "basic", icon: "🎁" }]);
  });

  it("shows tips and paid messages with their text", () => {
    const tip = gift("rose", {
      kind: "tip",
      giftId: null,
      comboId: null,
      coins: 500,
      message: "gg <b>wp</b>",
    });
    const message = gift("rose", {
      kind: "message",
      giftId: null,
      comboId: null,
      coins: 300,
      message: "hello",
    });
    const state = add(add(EMPTY_ANIMATIONS, tip), message);
    expect(state.visible).toMatchObject([
      { kind: "tip", style: "tip", message: "gg <b>wp</b>", coins: 500 },
      { kind: "message", style: "message", message: "hello" },
    ]);
  });

  it("continues a combo on screen: the counter grows, no new animation, it stays longer", () => {
    const first = gift("rose");
    let state = add(EMPTY_ANIMATIONS, first, 0);
    state = add(state, gift("rose", { comboId: first.comboId, comboCount: 2 }), 2_000);
    state = add(
      state,
      gift("rose", { comboId: first.comboId, comboCount: 12, count: 10, coins: 10 }),
      3_000,
    );
    expect(state.visible).toHaveLength(1);
    expect(state.visible[0]).toMatchObject({
      comboCount: 12,
      coins: 12,
      bumps: 2,
      endsAt: 3_000 + SHOW_MS.float,
    });
  });

  it("ignores an event it has already shown (a reconnect resending it)", () => {
    const event = gift("rose");
    const state = add(EMPTY_ANIMATIONS, event);
    expect(add(state, event)).toBe(state);
  });

  it("ignores history: stored events replayed when a page starts following", () => {
    const now = Date.parse("2026-11-20T20:00:00.000Z");
    const old = gift("rose", { at: "2026-11-20T19:59:00.000Z" });
    expect(add(EMPTY_ANIMATIONS, old, now)).toBe(EMPTY_ANIMATIONS);
    expect(add(EMPTY_ANIMATIONS, gift("rose"), now).visible).toHaveLength(1);
  });

  it("ignores goal events (the goal meter shows them)", () => {
    const goal = gift("rose", { kind: "goal", giftId: null, comboId: null });
    expect(add(EMPTY_ANIMATIONS, goal)).toBe(EMPTY_ANIMATIONS);
  });

  it(`keeps at most ${MAX_CARDS} cards, letting the lowest tier and oldest go first`, () => {
    let state = add(EMPTY_ANIMATIONS, gift("concert"), 0);
    state = add(state, gift("rose"), 1);
    state = add(state, gift("rose"), 2);
    state = add(state, gift("rainbow"), 3);
    state = add(state, gift("crown"), 4);
    expect(state.visible.map((item) => item.giftName)).toEqual([
      "Concert",
      "Rose",
      "Rainbow",
      "Crown",
    ]);
    expect(state.visible).toHaveLength(MAX_CARDS);
  });

  it("plays one full-screen gift at a time, the next when it ends", () => {
    let state = add(EMPTY_ANIMATIONS, gift("lion"), 0);
    state = add(state, gift("planet"), 10);
    expect(state.visible.filter(isTakeover).map((item) => item.giftName)).toEqual(["Lion"]);
    expect(state.waiting.map((item) => item.giftName)).toEqual(["Planet"]);

    state = expireAnimations(state, SHOW_MS.fullscreen);
    expect(state.visible.map((item) => item.giftName)).toEqual(["Planet"]);
    expect(state.visible[0]?.endsAt).toBe(SHOW_MS.fullscreen * 2);
    expect(state.waiting).toEqual([]);
  });

  it("shows full-screen gifts beyond the waiting line as banners right away", () => {
    let state = add(EMPTY_ANIMATIONS, gift("lion"), 0);
    for (let i = 0; i < MAX_WAITING_TAKEOVERS + 1; i += 1) state = add(state, gift("planet"), 1);
    expect(state.waiting).toHaveLength(MAX_WAITING_TAKEOVERS);
    expect(state.visible.map((item) => item.style)).toEqual(["fullscreen", "banner"]);
  });

  it("with reduced motion, marks animations as still and never takes over the player", () => {
    let state = add(EMPTY_ANIMATIONS, gift("lion"), 0, true);
    state = add(state, gift("planet"), 1, true);
    expect(state.visible.map((item) => [item.style, item.reducedMotion])).toEqual([
      ["fullscreen", true],
      ["fullscreen", true],
    ]);
    expect(state.visible.some(isTakeover)).toBe(false);
    expect(state.waiting).toEqual([]);
  });
});

describe("addStreamEvent (entrances and stickers)", () => {
  it("keeps a gift's entrance and a tip's sticker for the animation, and none otherwise", () => {
    const entering = gift("rose", { entrance: "sparkle" });
    const tip = gift("rose", {
      kind: "tip",
      giftId: null,
      comboId: null,
      sticker: { id: "sticker-fire", text: "🔥" },
    });
    const state = add(add(add(EMPTY_ANIMATIONS, entering), tip), gift("heart"));
    expect(state.visible.map((item) => [item.entrance, item.sticker])).toEqual([
      ["sparkle", null],
      [null, { id: "sticker-fire", text: "🔥" }],
      [null, null],
    ]);
  });

  it("keeps a combo's entrance as it continues, and takes one that arrives with a later gift", () => {
    const first = gift("rose", { entrance: "confetti" });
    let state = add(EMPTY_ANIMATIONS, first, 0);
    state = add(state, gift("rose", { comboId: first.comboId, comboCount: 2 }), 1_000);
    expect(state.visible[0]?.entrance).toBe("confetti");

    const plain = gift("heart");
    state = add(state, plain, 2_000);
    state = add(state, gift("heart", { comboId: plain.comboId, entrance: "spotlight" }), 2_500);
    expect(state.visible.map((item) => item.entrance)).toEqual(["confetti", "spotlight"]);
  });
});

describe("expireAnimations", () => {
  it("removes what has ended and keeps the state when nothing has", () => {
    const state = add(add(EMPTY_ANIMATIONS, gift("rose"), 0), gift("concert"), 0);
    expect(expireAnimations(state, 100)).toBe(state);
    expect(expireAnimations(state, SHOW_MS.float).visible.map((item) => item.giftName)).toEqual([
      "Concert",
    ]);
    expect(expireAnimations(state, SHOW_MS.banner).visible).toEqual([]);
  });
});

describe("nextExpiry", () => {
  it("is the earliest end, or null when nothing shows", () => {
    expect(nextExpiry(EMPTY_ANIMATIONS)).toBeNull();
    const state = add(add(EMPTY_ANIMATIONS, gift("concert"), 0), gift("rose"), 0);
    expect(nextExpiry(state)).toBe(SHOW_MS.float);
  });
});

describe("addGoalReached", () => {
  it("adds a goal celebration", () => {
    const goal = { title: "New camera", targetCoins: 5_000, progressCoins: 5_100, reached: true };
    const state = addGoalReached(EMPTY_ANIMATIONS, goal, { now: 0, reducedMotion: false });
    expect(state.visible).toMatchObject([
      { kind: "goal", style: "goal", message: "New camera", goal },
    ]);
  });
});

describe("isLiveEvent", () => {
  const now = Date.parse("2026-11-20T20:00:00.000Z");
  it.each([
    ["2026-11-20T20:00:00.000Z", true],
    ["2026-11-20T20:00:05.000Z", true],
    [new Date(now - MAX_EVENT_AGE_MS).toISOString(), true],
    [new Date(now - MAX_EVENT_AGE_MS - 1).toISOString(), false],
    ["not a time", true],
  ])("%s -> %s", (at, live) => {
    expect(isLiveEvent({ at }, now)).toBe(live);
  });
});
