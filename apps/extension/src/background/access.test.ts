import { describe, expect, it } from "vitest";
import {
  type Caller,
  type CallerKind,
  identifyCaller,
  mayAuth,
  mayCall,
  mayFollowStreams,
  mayOpenTab,
  type SenderLike,
  scopeInput,
} from "./access.ts";

const ID = "lmlodmfagolglgghppehjmepbcmkeimf";
const EXT = `chrome-extension://${ID}`;
const PAGE = "https://creator.example/live";

const senders: Record<CallerKind, SenderLike> = {
  popup: { id: ID, url: `${EXT}/popup.html`, origin: EXT, frameId: 0 },
  dashboard: {
    id: ID,
    url: `${EXT}/options.html`,
    origin: EXT,
    frameId: 0,
    tab: { id: 3, url: `${EXT}/options.html` },
  },
  panel: {
    id: ID,
    url: `${EXT}/tabs/panel.html#x`,
    origin: EXT,
    frameId: 7,
    tab: { id: 4, url: PAGE },
  },
  content: {
    id: ID,
    url: PAGE,
    origin: "https://creator.example",
    frameId: 0,
    tab: { id: 4, url: PAGE },
  },
  confirm: {
    id: ID,
    url: `${EXT}/tabs/confirm.html#abc`,
    origin: EXT,
    frameId: 0,
    tab: { id: 9, url: `${EXT}/tabs/confirm.html#abc` },
  },
  welcome: {
    id: ID,
    url: `${EXT}/tabs/welcome.html`,
    origin: EXT,
    frameId: 0,
    tab: { id: 11, url: `${EXT}/tabs/welcome.html` },
  },
  unknown: { id: "another-extension", url: `${EXT}/popup.html`, origin: EXT, frameId: 0 },
};

describe("identifyCaller", () => {
  it.each(Object.entries(senders))(
    "tells a %s sender by what Chromium stamps on it",
    (kind, sender) => {
      expect(identifyCaller(sender, ID).kind).toBe(kind);
    },
  );

  it("keeps the panel's tab address, which the page cannot choose", () => {
    expect(identifyCaller(senders.panel, ID)).toEqual({ kind: "panel", tabId: 4, pageUrl: PAGE });
  });

  it.each<[string, SenderLike]>([
    [
      "the panel opened as a top-level tab",
      { ...senders.panel, frameId: 0, tab: { id: 4, url: `${EXT}/tabs/panel.html` } },
    ],
    [
      "the panel framed in an extension page",
      { ...senders.panel, tab: { id: 4, url: `${EXT}/options.html` } },
    ],
    ["a content script in a subframe", { ...senders.content, frameId: 2 }],
    [
      "a web page claiming the extension's origin in its url only",
      { ...senders.content, url: `${EXT}/popup.html` },
    ],
    ["the confirmation page in a frame", { ...senders.confirm, frameId: 1 }],
    ["the welcome page in a frame", { ...senders.welcome, frameId: 3 }],
    ["the welcome page outside a tab", { ...senders.welcome, tab: undefined }],
    ["another extension page", { id: ID, url: `${EXT}/tabs/other.html`, origin: EXT, frameId: 0 }],
    ["no url", { id: ID }],
  ])("treats %s as unknown", (_, sender) => {
    expect(identifyCaller(sender, ID).kind).toBe("unknown");
  });

  // Firefox: the add-on id (the manifest's gecko id) and a moz-extension:// origin whose uuid
  // is random per install, so the origin comes from the runtime, not from the id.
  const GECKO_ID = "coinstream@coinstream.app";
  const MOZ = "moz-extension://3c0f5e2a-7b41-4d8e-9a6c-1f2e4d5c6b7a";
  const inFirefox = (sender: SenderLike): SenderLike => ({
    ...sender,
    id: GECKO_ID,
    url: sender.url?.replace(EXT, MOZ),
    origin: sender.origin?.replace(EXT, MOZ),
    tab: sender.tab && { ...sender.tab, url: sender.tab.url?.replace(EXT, MOZ) },
  });

  it.each(Object.entries(senders).filter(([kind]) => kind !== "unknown"))(
    "tells a %s sender in Firefox by its moz-extension:// origin",
    (kind, sender) => {
      expect(identifyCaller(inFirefox(sender), GECKO_ID, `${MOZ}/`).kind).toBe(kind);
    },
  );

  it("treats a page of another install's moz-extension:// origin as unknown in Firefox", () => {
    const other = inFirefox(senders.popup);
    expect(
      identifyCaller(other, GECKO_ID, "moz-extension://0000aaaa-0000-4000-8000-000000000000/").kind,
    ).toBe("unknown");
  });
});

/** One procedure of each class the background tells apart. */
const procedures = {
  public: ["streams.resolve", "gifts.catalog"],
  panel: [
    "wallet.get",
    "gifts.preview",
    "streams.leaderboard",
    "sessions.current",
    "reports.create",
  ],
  signUp: ["guidelines.current"],
  spend: ["gifts.send", "tips.send"],
  account: [
    "creator.withdraw",
    "creator.setPayoutMethod",
    "limits.set",
    "limits.get",
    "guardians.invite",
    "wallet.history",
    "store.checkout",
    "channels.add",
    "messages.inbox",
  ],
  /** The creator studio's: money, overlay settings, test alerts, boost reach. */
  studio: [
    "creator.overview",
    "creator.earnings",
    "creator.overlaySettings",
    "creator.setOverlaySettings",
    "creator.sendTestAlert",
    "creator.boosts",
  ],
  /** Discovery: the popup's listing and opening a stream from it (counts a boost's click). */
  listing: ["streams.live", "streams.open"],
  /** The launcher says its page is live (scoped to the tab, once a minute per tab). */
  liveReport: ["streams.reportLive"],
} as const;

const allowed: Record<CallerKind, readonly (keyof typeof procedures)[]> = {
  popup: ["public", "panel", "spend", "account", "signUp", "studio", "listing", "liveReport"],
  dashboard: ["public", "panel", "spend", "account", "signUp", "studio", "listing", "liveReport"],
  panel: ["public", "panel", "spend"],
  content: ["public", "liveReport"],
  confirm: [],
  welcome: ["signUp"],
  unknown: [],
};

describe("mayCall", () => {
  for (const [kind, classes] of Object.entries(allowed) as [CallerKind, readonly string[]][]) {
    const caller = identifyCaller(senders[kind], ID);
    for (const [procedureClass, paths] of Object.entries(procedures)) {
      const expected = classes.includes(procedureClass);
      it(`${expected ? "lets" : "refuses"} the ${kind} ${expected ? "call" : "calling"} ${procedureClass} procedures`, () => {
        for (const path of paths) expect(mayCall(caller, path), path).toBe(expected);
      });
    }
  }
});

describe("mayAuth, mayOpenTab, mayFollowStreams", () => {
  const callers = Object.fromEntries(
    Object.entries(senders).map(([kind, sender]) => [kind, identifyCaller(sender, ID)]),
  ) as Record<CallerKind, Caller>;

  it("lets only the popup, the dashboard and the welcome page sign in, up and out, and the panel ask who is signed in", () => {
    for (const action of ["signIn", "signUp", "signOut", "status"]) {
      expect(
        [callers.popup, callers.dashboard, callers.welcome].every((caller) =>
          mayAuth(caller, action),
        ),
      ).toBe(true);
    }
    for (const action of ["signIn", "signUp", "signOut"]) {
      expect(
        [callers.panel, callers.content, callers.confirm, callers.unknown].some((caller) =>
          mayAuth(caller, action),
        ),
      ).toBe(false);
    }
    expect(mayAuth(callers.panel, "status")).toBe(true);
    expect(mayAuth(callers.content, "status")).toBe(false);
  });

  it("opens tabs for the popup and the dashboard only", () => {
    expect(
      Object.values(callers)
        .filter(mayOpenTab)
        .map((caller) => caller.kind),
    ).toEqual(["popup", "dashboard"]);
  });

  it("lets every page context follow public stream events, the content script included", () => {
    expect(
      Object.values(callers)
        .filter(mayFollowStreams)
        .map((caller) => caller.kind),
    ).toEqual(["popup", "dashboard", "panel", "content"]);
  });
});

describe("scopeInput", () => {
  it("adds the tab's origin to a declared handle, whatever origin the request named", () => {
    expect(
      scopeInput("streams.resolve", { handle: "nova", origin: "https://nova.example" }, PAGE),
    ).toEqual({
      handle: "nova",
      origin: "https://creator.example",
    });
    expect(
      scopeInput("gifts.send", { giftId: "heart", to: { handle: "nova" }, confirm: true }, PAGE),
    ).toEqual({
      giftId: "heart",
      to: { handle: "nova", origin: "https://creator.example" },
      confirm: true,
    });
  });

  it("accepts a platform URL only for the tab's own platform and channel", () => {
    const twitch = "https://www.twitch.tv/nova_live";
    expect(
      scopeInput("gifts.send", { to: { url: twitch } }, "http://www.twitch.tv/nova_live?x=1"),
    ).toEqual({
      to: { url: twitch },
    });
    expect(
      scopeInput("gifts.send", { to: { url: twitch } }, "https://www.twitch.tv/someone_else"),
    ).toBeNull();
    expect(scopeInput("gifts.send", { to: { url: twitch } }, PAGE)).toBeNull();
    // A YouTube video page names its channel in the page, not in its address.
    expect(
      scopeInput(
        "streams.resolve",
        { url: "https://www.youtube.com/@nova/live" },
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      ),
    ).toEqual({ url: "https://www.youtube.com/@nova/live" });
  });

  it("passes inputs without a target unchanged and refuses a malformed one", () => {
    expect(scopeInput("wallet.get", undefined, PAGE)).toBeUndefined();
    expect(scopeInput("gifts.preview", { giftId: "rose", count: 1 }, PAGE)).toEqual({
      giftId: "rose",
      count: 1,
    });
    expect(scopeInput("gifts.send", { to: 42 }, PAGE)).toBeNull();
    expect(scopeInput("streams.resolve", null, PAGE)).toBeNull();
  });
});
