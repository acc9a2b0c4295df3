import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createHiddenSites, type HiddenSites, hiddenKey } from "../lib/hidden-sites.ts";
import { createPendingSends } from "../lib/pending-sends.ts";
import { memoryWalletSignal } from "../lib/wallet-signal.ts";
import {
  apiError,
  demoHandlers,
  fakeServices,
  memoryStore,
  SIGNED_IN,
  SIGNED_OUT,
  streamEvent,
} from "../testing/fake-services.ts";
import { GiftBarApp, type PageWindow } from "./gift-bar-app.tsx";

/** The test's window, as if it showed `url` (happy-dom's own location cannot change host). */
function windowAt(url: string): PageWindow {
  const location = new URL(url) as unknown as Location;
  return new Proxy(window, {
    get(target, property) {
      if (property === "location") return location;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" && !/^[A-Z]/.test(String(property))
        ? value.bind(target)
        : value;
    },
  });
}

function declareCreator(handle: string | null) {
  document.head.innerHTML = handle ? `<meta name="coinstream:creator" content="${handle}">` : "";
}

/** The services as the launcher in the host page gets them. */
function asLauncher(services: ReturnType<typeof fakeServices>["services"]) {
  return {
    ...services,
    surface: {
      kind: "launcher" as const,
      panelUrl: () => "chrome-extension://abc/tabs/panel.html#x",
    },
  };
}

async function renderBar(fake: ReturnType<typeof fakeServices>) {
  const view = render(<GiftBarApp services={fake.services} />);
  await bar();
  await screen.findByRole("button", { name: /^Rose,/ });
  return view;
}

/** The gift bar, named for the creator it sends to. */
const bar = (handle = "nova") =>
  screen.findByRole("region", { name: `Coinstream gifts for @${handle}` });
const noBar = () => screen.queryByRole("region", { name: /^Coinstream gifts for @/ });
/** The balance, as the bar shows it next to its coin ("🪙 5,000"). */
const balance = () => screen.findByTitle("Your balance");
/** What the last send came to, once the API answered it. */
const sent = () => screen.findByText(/^Sent /);
/** The gift's or tip's price and what the creator receives, as the bar words it. */
const preview = (text: RegExp) => screen.getByText(text);
const sendButton = () => screen.getByRole("button", { name: /^send/i });

describe("GiftBarApp", () => {
  beforeEach(() => {
    history.replaceState(null, "", "/demo/stream/nova");
    declareCreator("nova");
    document.body.innerHTML = "";
  });
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("shows the catalog, the balance, the goal, top gifters and the creator's share", async () => {
    const fake = fakeServices();
    await renderBar(fake);
    expect((await balance()).textContent).toContain("5,000");
    expect(screen.getByRole("progressbar").getAttribute("aria-valuetext")).toBe(
      "1,200 / 5,000 coins",
    );
    expect(
      within(screen.getByRole("list", { name: "Top gifters" })).getByRole("listitem").textContent,
    ).toContain("Grace");
    expect(fake.inputsOf("streams.resolve")).toEqual([{ handle: "nova" }]);
    await waitFor(() =>
      expect(preview(/Creator receives/).textContent).toBe(
        "1 coin · Creator receives about 0.5 diamonds",
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: /^Heart,/ }));
    fireEvent.click(screen.getByRole("button", { name: "10" }));
    await waitFor(() =>
      expect(preview(/Creator receives/).textContent).toBe(
        "50 coins · Creator receives 25 diamonds (about $0.25)",
      ),
    );
    // The preview names the creator, so a partner's share is what the viewer sees.
    expect(fake.inputsOf("gifts.preview").at(-1)).toEqual({
      giftId: "heart",
      count: 10,
      to: { handle: "nova" },
    });
    expect(fake.followed).toEqual(["nova"]);
  });

  it("sends a gift with a fresh key and shows the server's balance", async () => {
    const fake = fakeServices();
    await renderBar(fake);
    fireEvent.click(screen.getByRole("button", { name: /^Heart,/ }));
    fireEvent.click(screen.getByRole("button", { name: /^send/i }));
    expect(sendButton().textContent).toBe("Sending…");
    expect((await sent()).textContent).toContain("Sent 1 × Heart to @nova");
    expect((await balance()).textContent).toContain("4,995");
    expect(fake.inputsOf("gifts.send")).toEqual([
      {
        idempotencyKey: "test-key-1",
        to: { handle: "nova" },
        giftId: "heart",
        count: 1,
        message: null,
        confirm: false,
      },
    ]);

    // Sending the same gift again within the window continues the combo, with a new key.
    fireEvent.click(sendButton());
    expect((await screen.findByText("x2")).parentElement?.textContent).toBe("Combo x2");
    expect(fake.inputsOf("gifts.send").map((input) => input.idempotencyKey)).toEqual([
      "test-key-1",
      "test-key-2",
    ]);
  });

  it("asks for confirmation and resends with the same key, confirmed", async () => {
    const handlers = demoHandlers();
    const send = handlers["gifts.send"];
    handlers["gifts.send"] = (input) => {
      if (!input.confirm) {
        throw apiError("PRECONDITION_FAILED", "CONFIRMATION_REQUIRED", "This spends 500 coins.", {
          details: { coins: 500 },
        });
      }
      return send?.(input) as never;
    };
    const fake = fakeServices(handlers);
    await renderBar(fake);
    fireEvent.click(screen.getByRole("button", { name: /^Concert,/ }));
    fireEvent.click(screen.getByRole("button", { name: /^send/i }));
    const dialog = await screen.findByRole("alertdialog", { name: "Send 500 coins to @nova?" });
    expect(dialog).toHaveProperty("open", true);
    expect(dialog.textContent).toContain("This spends 500 coins.");
    // Opened modal with the focus on its answer.
    expect(document.activeElement).toBe(
      within(dialog).getByRole("button", { name: "Confirm and send" }),
    );
    fireEvent.click(within(dialog).getByRole("button", { name: "Confirm and send" }));
    await sent();
    expect(
      fake.inputsOf("gifts.send").map((input) => [input.idempotencyKey, input.confirm]),
    ).toEqual([
      ["test-key-1", false],
      ["test-key-1", true],
    ]);
  });

  it("cancels a confirmation with Escape without sending, the focus back on Send", async () => {
    const handlers = demoHandlers();
    handlers["gifts.send"] = () => {
      throw apiError("PRECONDITION_FAILED", "CONFIRMATION_REQUIRED", "Confirm it.", {
        details: { coins: 500 },
      });
    };
    const fake = fakeServices(handlers);
    await renderBar(fake);
    const send = screen.getByRole("button", { name: /^send/i });
    send.focus();
    fireEvent.click(send);
    const dialog = await screen.findByRole("alertdialog");
    // A browser turns Escape on a modal <dialog> into its cancel event.
    fireEvent(dialog, new Event("cancel", { cancelable: true }));
    expect(screen.queryByRole("alertdialog")).toBeNull();
    expect(document.activeElement).toBe(send);
    expect(fake.inputsOf("gifts.send")).toHaveLength(1);
  });

  it("shows the API's refusal in words, with where to go next", async () => {
    // The balance shown was stale (spent in another tab): the API's refusal is what counts.
    const handlers = demoHandlers();
    handlers["gifts.send"] = () => {
      throw apiError("PRECONDITION_FAILED", "INSUFFICIENT_COINS", "You need 5 coins for this.");
    };
    const fake = fakeServices(handlers);
    const openWallet = vi.fn();
    await renderBar({ ...fake, services: { ...fake.services, openWallet } });
    fireEvent.click(screen.getByRole("button", { name: /^Heart,/ }));
    fireEvent.click(screen.getByRole("button", { name: /^send/i }));
    const error = await screen.findByRole("alert");
    expect(error.textContent).toContain("Not enough coins");
    expect(error.textContent).toContain("You need 5 coins for this.");
    expect(error.textContent).not.toContain("toolbar");
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect((await balance()).textContent).toContain("5,000");
    fireEvent.click(within(error).getByRole("button", { name: "Get coins" }));
    expect(openWallet).toHaveBeenCalledTimes(1);
  });

  it("shows a balance changed elsewhere (another tab's send, coins bought) as soon as it is told", async () => {
    let coins = 5_000;
    const handlers = demoHandlers();
    const wallet = handlers["wallet.get"];
    handlers["wallet.get"] = (input) => ({ ...(wallet?.(input) as object), coins }) as never;
    const fake = fakeServices(handlers);
    const walletSignal = memoryWalletSignal();
    await renderBar({ ...fake, services: { ...fake.services, walletSignal } });
    await within(await balance()).findByText("5,000");
    coins = 5_550;
    act(() => walletSignal.bump());
    await within(await balance()).findByText("5,550");
  });

  it("keeps the focus on Send after a send, so Enter sends the combo again", async () => {
    const fake = fakeServices();
    await renderBar(fake);
    await balance();
    const send = sendButton();
    send.focus();
    fireEvent.click(send);
    // Busy, it says so without being disabled (a browser moves the focus off a disabled button).
    expect(send.getAttribute("aria-disabled")).toBe("true");
    expect((send as HTMLButtonElement).disabled).toBe(false);
    await sent();
    expect(document.activeElement).toBe(send);
  });

  it("says whether the creator is live, and keeps a 44-character top gifter's whole name at hand", async () => {
    const longName = "Maximiliana Theodora Wolfeschlegelsteinhause";
    expect(longName).toHaveLength(44);
    const handlers = demoHandlers();
    handlers["streams.leaderboard"] = () => ({
      period: "live" as const,
      entries: [
        {
          rank: 1,
          name: longName,
          coins: 9_000,
          gifts: 4,
          viewerStyle: { badgeFrame: "gold", nameColor: "#ff0" },
        },
        { rank: 2, name: "Grace", coins: 1_200, gifts: 3 },
      ],
    });
    await renderBar(fakeServices(handlers));
    within(await bar()).getByText("Live");
    const gifters = await screen.findByRole("list", { name: "Top gifters" });
    const names = within(gifters).getAllByTitle(longName);
    expect(names.length).toBeGreaterThan(0);
    expect(names[0]?.getAttribute("data-frame")).toBe("gold");
    expect(within(gifters).getAllByRole("listitem")).toHaveLength(2);
  });

  it("says the creator is offline when no session is live", async () => {
    const handlers = demoHandlers();
    handlers["sessions.current"] = ({ handle }) =>
      ({ handle, live: false as const, session: null }) as never;
    await renderBar(fakeServices(handlers));
    within(await bar()).getByText("Offline");
    expect(within(await bar()).queryByText("Live")).toBeNull();
  });

  it("greys the gifts the balance cannot pay for with what is missing, and offers Get coins", async () => {
    const fake = fakeServices();
    const openWallet = vi.fn();
    await renderBar({ ...fake, services: { ...fake.services, openWallet } });
    await balance();
    // 5,000 coins: a Lion (29,999) needs 24,999 more; a Heart (5) is affordable.
    const lion = screen.getByRole("button", { name: /^Lion, 29,999 coins, needs 24,999 more$/ });
    expect(lion.textContent).toContain("needs 24,999 more");
    screen.getByRole("button", { name: "Heart, 5 coins" });
    fireEvent.click(lion);
    const send = screen.getByRole("button", {
      name: "Needs 24,999 more coins",
    }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Get coins" }));
    expect(openWallet).toHaveBeenCalledTimes(1);
    expect(fake.inputsOf("gifts.send")).toEqual([]);
  });

  it("retries a send whose outcome is unknown with the same key", async () => {
    const handlers = demoHandlers();
    const send = handlers["gifts.send"];
    let failures = 1;
    handlers["gifts.send"] = (input) => {
      if (failures-- > 0) throw apiError("NETWORK", null, "Coinstream can't be reached.");
      return send?.(input) as never;
    };
    const fake = fakeServices(handlers);
    await renderBar(fake);
    fireEvent.click(screen.getByRole("button", { name: /^send/i }));
    fireEvent.click(await screen.findByRole("button", { name: "Try again" }));
    await sent();
    expect(fake.inputsOf("gifts.send").map((input) => input.idempotencyKey)).toEqual([
      "test-key-1",
      "test-key-1",
    ]);
  });

  it("moves between the Gifts and Tip tabs with the arrow keys, the focus following", async () => {
    await renderBar(fakeServices());
    const gifts = screen.getByRole("tab", { name: "Gifts" });
    fireEvent.keyDown(gifts, { key: "ArrowRight" });
    const tip = screen.getByRole("tab", { name: "Tip with a message" });
    expect(tip.getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tip);
    screen.getByRole("tabpanel", { name: "Tip with a message" });
    fireEvent.keyDown(tip, { key: "ArrowLeft" });
    expect(document.activeElement).toBe(screen.getByRole("tab", { name: "Gifts" }));
    expect(screen.getByRole("tab", { name: "Gifts" }).getAttribute("aria-selected")).toBe("true");
  });

  it("sends a tip with a message", async () => {
    const fake = fakeServices();
    await renderBar(fake);
    fireEvent.click(screen.getByRole("tab", { name: /^Tip/ }));
    fireEvent.change(screen.getByLabelText("Coins"), { target: { value: "250" } });
    fireEvent.change(screen.getByLabelText(/^Message/), { target: { value: "Great stream!" } });
    await waitFor(() =>
      expect(preview(/^Creator receives/).textContent).toBe(
        "Creator receives 125 diamonds (about $1.25)",
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: "Tip 250 coins" }));
    await sent();
    expect(fake.inputsOf("tips.send")).toEqual([
      {
        idempotencyKey: "test-key-1",
        to: { handle: "nova" },
        coins: 250,
        message: "Great stream!",
        confirm: false,
      },
    ]);
  });

  it("in the panel, sends nothing and says why when the spend guard refuses", async () => {
    const fake = fakeServices();
    let reason: string | null = "Nothing was sent: this page covers the panel.";
    const services = {
      ...fake.services,
      surface: {
        kind: "panel" as const,
        target: { key: "handle:nova", to: { handle: "nova" } },
        hostname: "creator.example",
        guard: { refuse: () => reason },
        close: () => {},
      },
    };
    render(<GiftBarApp services={services} />);
    await screen.findByRole("button", { name: /^Rose,/ });
    fireEvent.click(screen.getByRole("button", { name: /^Heart,/ }));
    fireEvent.click(screen.getByRole("button", { name: /^send/i }));
    expect(screen.getByRole("alert").textContent).toBe(reason);
    expect(screen.queryByText(/^Sen(t|ding) /)).toBeNull();
    expect(fake.inputsOf("gifts.send")).toEqual([]);

    reason = null;
    fireEvent.click(sendButton());
    await sent();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(fake.inputsOf("gifts.send")).toHaveLength(1);
  });

  it("in the panel, keeps a send until it is answered, and offers one a closed panel left with the same key", async () => {
    const data = new Map<string, unknown>();
    const area = {
      get: async (key: string) => data.get(key),
      set: async (key: string, value: unknown) => {
        data.set(key, value);
      },
      remove: async (key: string) => {
        data.delete(key);
      },
    };
    const left = {
      request: { kind: "gift" as const, giftId: "heart", count: 2, message: null },
      to: { handle: "nova" },
      idempotencyKey: "key-from-the-closed-panel",
    };
    data.set("pending", left);
    const fake = fakeServices();
    const services = {
      ...fake.services,
      pendingSends: createPendingSends(area, "pending"),
      surface: {
        kind: "panel" as const,
        target: { key: "handle:nova", to: { handle: "nova" } },
        hostname: "creator.example",
        guard: { refuse: () => null },
        close: () => {},
      },
    };
    render(<GiftBarApp services={services} />);
    const retry = await screen.findByRole("button", { name: "Try again" });
    expect(screen.getByRole("alert").textContent).toContain("may not have finished");
    fireEvent.click(retry);
    await sent();
    expect(fake.inputsOf("gifts.send").map((input) => input.idempotencyKey)).toEqual([
      "key-from-the-closed-panel",
    ]);
    expect(data.has("pending")).toBe(false);

    // A new send is kept while it is on its way, under its own key.
    fireEvent.click(screen.getByRole("button", { name: /^Rose,/ }));
    fireEvent.click(screen.getByRole("button", { name: /^send/i }));
    await waitFor(() =>
      expect((data.get("pending") as { idempotencyKey?: string })?.idempotencyKey).toBe(
        "test-key-1",
      ),
    );
    await waitFor(() => expect(data.has("pending")).toBe(false));
    expect(fake.inputsOf("gifts.send")).toHaveLength(2);
  });

  it("as the launcher in the host page, asks nothing private and shows no balance, only a button that opens the panel's frame", async () => {
    const fake = fakeServices();
    const services = asLauncher(fake.services);
    render(<GiftBarApp services={services} />);
    const open = await screen.findByRole("button", { name: /^Send a gift to @/ });
    expect(open.textContent).toContain("Send a gift to @nova");
    expect(screen.queryByTitle("Coinstream gifts for @nova")).toBeNull();
    fireEvent.click(open);
    expect(screen.getByTitle("Coinstream gifts for @nova").getAttribute("src")).toBe(
      "chrome-extension://abc/tabs/panel.html#x",
    );
    expect(screen.queryByTitle("Your balance")).toBeNull();
    expect(noBar()).toBeNull();
    const asked = new Set(fake.calls.map((call) => call.path));
    expect([...asked].sort()).toEqual(["gifts.catalog", "streams.resolve"]);
  });

  it("as the launcher, opens folded, remembers the panel left open on this site, and closes with Escape", async () => {
    const store = memoryStore();
    const launcherServices = () => {
      const fake = fakeServices(demoHandlers(), { store });
      return asLauncher(fake.services);
    };
    const first = render(<GiftBarApp services={launcherServices()} />);
    const open = await screen.findByRole("button", { name: "Send a gift to @nova" });
    expect(open.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByTitle("Coinstream gifts for @nova")).toBeNull();
    fireEvent.click(open);
    expect(screen.getByTitle("Coinstream gifts for @nova").tagName).toBe("IFRAME");
    first.unmount();

    // The next load of the site: open as the viewer left it.
    const second = render(<GiftBarApp services={launcherServices()} />);
    const close = await screen.findByRole("button", { name: "Close the gifts for @nova" });
    expect(close.getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(close, { key: "Escape" });
    expect(screen.queryByTitle("Coinstream gifts for @nova")).toBeNull();
    // The focus stays on the launcher, now "Send a gift" again.
    expect(document.activeElement).toBe(
      screen.getByRole("button", { name: "Send a gift to @nova" }),
    );
    second.unmount();

    // The load after: closed, as left. The remembered choice is read once; wait for it to apply.
    const third = launcherServices();
    const readChoice = vi.spyOn(third.openSites as HiddenSites, "isHidden");
    render(<GiftBarApp services={third} />);
    await screen.findByRole("button", { name: "Send a gift to @nova" });
    await vi.waitFor(() => expect(readChoice).toHaveBeenCalledOnce());
    await act(() => readChoice.mock.results[0]?.value);
    expect(screen.queryByTitle("Coinstream gifts for @nova")).toBeNull();
  });

  it("as the launcher, shows its button only once the site's remembered choice is read, so that read never undoes a click", async () => {
    const fake = fakeServices();
    let answer: (open: boolean) => void = () => {};
    const openSites = {
      ...createHiddenSites(fake.store, "open"),
      isHidden: () =>
        new Promise<boolean>((resolve) => {
          answer = resolve;
        }),
    };
    render(<GiftBarApp services={{ ...asLauncher(fake.services), openSites }} />);
    await waitFor(() => expect(fake.calls.map((call) => call.path)).toContain("streams.resolve"));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    expect(screen.queryByTestId("open-panel")).toBeNull();

    await act(async () => answer(true));
    const close = await screen.findByRole("button", { name: "Close the gifts for @nova" });
    expect(close.getAttribute("aria-expanded")).toBe("true");
    expect(screen.getByTestId("panel-frame").tagName).toBe("IFRAME");
  });

  it("as the launcher, puts nothing into the page's layout: the button and panel are fixed over it", async () => {
    document.body.innerHTML =
      '<aside class="stream-chat"><div class="chat-input"><textarea></textarea></div></aside>';
    const fake = fakeServices(demoHandlers(), { win: windowAt("https://www.twitch.tv/nova_live") });
    const services = asLauncher(fake.services);
    render(<GiftBarApp services={services} />);
    fireEvent.click(await screen.findByRole("button", { name: "Send a gift to @nova" }));
    expect(document.querySelector(".stream-chat")?.children).toHaveLength(1);
    expect(document.querySelector("coinstream-gift-bar")).toBeNull();
  });

  it("signs in from the panel: Sign in opens the wallet window", async () => {
    const fake = fakeServices(demoHandlers(), { auth: SIGNED_OUT });
    const openWallet = vi.fn();
    await renderBar({ ...fake, services: { ...fake.services, openWallet } });
    screen.getByText("Sign in to send gifts and tips.");
    fireEvent.click(within(await bar()).getByRole("button", { name: "Sign in" }));
    expect(openWallet).toHaveBeenCalledTimes(1);
  });

  it("shows the catalog and a sign-in hint when signed out", async () => {
    const fake = fakeServices(demoHandlers(), { auth: SIGNED_OUT });
    await renderBar(fake);
    const hint = screen.getByText("Sign in to send gifts and tips.");
    expect(hint.parentElement?.textContent).not.toContain("toolbar");
    // Nothing to send with: no Send button, no balance.
    expect(screen.queryByRole("button", { name: /^send/i })).toBeNull();
    expect(screen.queryByTitle("Your balance")).toBeNull();
    expect(fake.inputsOf("wallet.get")).toEqual([]);

    // Signing in from the popup: the bar notices when the viewer comes back to it.
    fake.setAuth(SIGNED_IN);
    act(() => {
      window.dispatchEvent(new Event("focus"));
    });
    await balance();
    expect(screen.queryByText("Sign in to send gifts and tips.")).toBeNull();
  });

  it("shows only a dim chip when the page's creator is not on Coinstream", async () => {
    const handlers = demoHandlers();
    handlers["streams.resolve"] = () => ({
      found: false as const,
      reason: "No Coinstream creator is linked to this stream yet.",
    });
    const fake = fakeServices(handlers);
    render(<GiftBarApp services={fake.services} />);
    const chip = await screen.findByRole("button", {
      name: "Coinstream: No Coinstream creator is linked to this stream yet.",
    });
    fireEvent.click(chip);
    expect(chip.getAttribute("aria-expanded")).toBe("true");
    within(chip).getByText("No Coinstream creator is linked to this stream yet.");
    expect(noBar()).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(fake.followed).toEqual([]);
  });

  it("shows the dim chip when the creator cannot receive gifts yet", async () => {
    const handlers = demoHandlers();
    handlers["streams.resolve"] = () => ({
      found: true as const,
      creator: { handle: "nova", channel: null, canReceive: false, reasons: [] },
    });
    render(<GiftBarApp services={fakeServices(handlers).services} />);
    await screen.findByRole("button", { name: /^Coinstream: .*can't receive gifts/ });
  });

  it("renders nothing on a page that names no creator", async () => {
    declareCreator(null);
    const fake = fakeServices();
    const { container } = render(<GiftBarApp services={fake.services} />);
    await act(async () => {});
    expect(container.innerHTML).toBe("");
    expect(fake.calls).toEqual([]);
  });

  it("hides the bar on this site, for good, with a tiny way back", async () => {
    const store = memoryStore();
    const fake = fakeServices(demoHandlers(), { store });
    await renderBar(fake);
    fireEvent.click(screen.getByRole("button", { name: "Hide the gift bar on this site" }));
    expect(noBar()).toBeNull();
    screen.getByRole("button", { name: "Show the Coinstream gift bar on this site" });
    await waitFor(() => expect(store.data.get(hiddenKey("localhost"))).toBe(true));
    cleanup();

    // A reload: the stored choice holds.
    render(<GiftBarApp services={fakeServices(demoHandlers(), { store }).services} />);
    await screen.findByRole("button", { name: "Show the Coinstream gift bar on this site" });
    expect(noBar()).toBeNull();
    fireEvent.click(
      screen.getByRole("button", { name: "Show the Coinstream gift bar on this site" }),
    );
    await bar();
    await waitFor(() => expect(store.data.has(hiddenKey("localhost"))).toBe(false));
  });

  it("plays the stream's gifts over the player, with combos and text kept as text", async () => {
    document.body.innerHTML = '<div id="player"></div>';
    const fake = fakeServices();
    await renderBar(fake);
    const first = streamEvent({ giftId: "lion", coins: 29_999 });
    act(() => fake.emit({ type: "event", event: first }));
    act(() =>
      fake.emit({
        type: "event",
        event: streamEvent({
          giftId: "lion",
          coins: 29_999,
          comboId: first.comboId,
          comboCount: 2,
        }),
      }),
    );
    act(() =>
      fake.emit({
        type: "event",
        event: streamEvent({
          kind: "tip",
          giftId: null,
          comboId: null,
          coins: 500,
          viewerName: "<img src=x onerror=alert(1)>",
          message: "<b>hi</b>",
        }),
      }),
    );
    const layer = screen.getByRole("log", { name: "Gifts on this stream" });
    // An animation has no name of its own: it is drawn for sight (the log names the layer).
    const animations = within(layer).getAllByTestId("gift-animation");
    expect(animations.map((item) => [item.dataset.kind, item.dataset.style])).toEqual([
      ["gift", "fullscreen"],
      ["tip", "tip"],
    ]);
    within(animations[0] as HTMLElement).getByText("x2");
    expect(animations[1]?.textContent).toContain("<b>hi</b>");
    expect(layer.querySelector("img, b")).toBeNull();
  });

  it("ignores events of another creator and updates the goal from goal events", async () => {
    const fake = fakeServices();
    await renderBar(fake);
    act(() => fake.emit({ type: "event", event: streamEvent({ creatorHandle: "pixel" }) }));
    expect(screen.queryByRole("log", { name: "Gifts on this stream" })).toBeNull();
    act(() =>
      fake.emit({
        type: "event",
        event: streamEvent({
          kind: "goal",
          giftId: null,
          comboId: null,
          viewerName: "",
          goal: { title: "New camera", targetCoins: 5_000, progressCoins: 5_000, reached: true },
        }),
      }),
    );
    expect(
      screen.getByRole("progressbar", { name: "New camera" }).getAttribute("aria-valuetext"),
    ).toBe("5,000 / 5,000 coins, reached");
    expect(screen.getByTestId("gift-animation").dataset.kind).toBe("goal");
  });

  it("keeps animations still when the viewer prefers reduced motion", async () => {
    vi.spyOn(window, "matchMedia").mockImplementation(
      (query: string) =>
        ({
          matches: query.includes("reduce"),
          media: query,
          addEventListener: () => {},
          removeEventListener: () => {},
        }) as unknown as MediaQueryList,
    );
    const fake = fakeServices();
    await renderBar(fake);
    act(() => fake.emit({ type: "event", event: streamEvent({ giftId: "lion", coins: 29_999 }) }));
    expect(screen.getByTestId("gift-animation").dataset.reducedMotion).toBe("true");
    expect(screen.getByTestId("gift-animation").className).toBe("cs-anim");
  });

  it("says when live updates are reconnecting, and marks when they are open", async () => {
    const fake = fakeServices();
    await renderBar(fake);
    // `data-connection` is for watchers (the E2E waits on it); a person sees only a drop.
    const connection = async () => (await bar()).dataset.connection;
    expect(await connection()).toBe("connecting");
    expect(screen.queryByText("reconnecting…")).toBeNull();
    act(() => fake.emit({ type: "status", connected: false, retryInMs: 1_000 }));
    expect(screen.getByText("reconnecting…").getAttribute("role")).toBe("status");
    expect(await connection()).toBe("reconnecting");
    act(() => fake.emit({ type: "status", connected: true }));
    expect(screen.queryByText("reconnecting…")).toBeNull();
    expect(await connection()).toBe("open");
  });

  it("follows the page to another creator without a reload", async () => {
    const fake = fakeServices();
    await renderBar(fake);
    act(() => {
      document.querySelector("meta")?.setAttribute("content", "pixel");
    });
    await bar("pixel");
    expect(fake.inputsOf("streams.resolve")).toEqual([{ handle: "nova" }, { handle: "pixel" }]);
    expect(fake.followed).toEqual(["nova", null, "pixel"]);
  });

  it("does not replay the stream's history as animations", async () => {
    const fake = fakeServices();
    await renderBar(fake);
    const old = new Date(Date.now() - 5 * 60_000).toISOString();
    act(() => fake.emit({ type: "event", event: streamEvent({ at: old }) }));
    expect(screen.queryByRole("log", { name: "Gifts on this stream" })).toBeNull();
  });

  it("floats folded into a pill on a platform page whose layout has no anchor", async () => {
    const fake = fakeServices(demoHandlers(), { win: windowAt("https://www.twitch.tv/nova_live") });
    render(<GiftBarApp services={fake.services} />);
    const pill = await screen.findByRole("button", { name: /^Send a gift to @nova/ });
    expect(pill.textContent).toContain("Send a gift to @nova");
    expect(fake.inputsOf("streams.resolve")).toEqual([{ url: "https://www.twitch.tv/nova_live" }]);
    fireEvent.click(pill);
    await screen.findByRole("button", { name: /^Rose,/ });
    fireEvent.click(screen.getByRole("button", { name: "Fold the gift bar" }));
    screen.getByRole("button", { name: /^Send a gift to @nova/ });
  });

  it("sits in the page's own slot, in a closed shadow root, when the layout offers one, floating otherwise", async () => {
    document.body.innerHTML = '<aside data-coinstream-bar id="slot"></aside>';
    const attach = vi.spyOn(Element.prototype, "attachShadow");
    const fake = fakeServices();
    render(<GiftBarApp services={fake.services} />);
    const root = await waitFor(() => {
      const host = document.querySelector("#slot coinstream-gift-bar");
      const call = attach.mock.results.findIndex((_, i) => attach.mock.contexts[i] === host);
      const found = attach.mock.results[call]?.value as ShadowRoot | undefined;
      if (!found?.querySelector('[aria-label="Coinstream gifts for @nova"]')) {
        throw new Error("not yet");
      }
      expect(host?.shadowRoot).toBeNull();
      expect(attach.mock.calls[call]?.[0]).toEqual({ mode: "closed" });
      return found;
    });
    expect(root.querySelector("style")?.textContent).toContain(".cs-bar");
    // Nothing of it in the page's own tree: the bar lives in the slot's closed shadow root.
    expect(noBar()).toBeNull();
    expect(screen.queryByRole("button", { name: "Fold the gift bar" })).toBeNull();
  });
});
