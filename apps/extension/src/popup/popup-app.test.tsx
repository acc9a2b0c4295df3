import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { descriptionOf } from "../testing/queries.ts";
import { PopupApp } from "./popup-app.tsx";
import { fillSignUp, signInWithForm } from "./testing/auth-forms.ts";
import {
  apiError,
  createFakeBackground,
  FakeApiFailure,
  GUIDELINES,
  PACKS,
  WALLET,
} from "./testing/fake-background.ts";

const NOW = new Date("2026-11-22T12:00:00.000Z");
const now = () => NOW;

function renderPopup(fake: ReturnType<typeof createFakeBackground>) {
  return render(<PopupApp send={fake.send} link={fake.link} now={now} checkoutPollMs={10} />);
}

/** The balance as the popup reads it out ("5,000 coins"), once the wallet has loaded. */
async function balance(): Promise<string | null> {
  const card = await screen.findByRole("region", { name: "Your coins" });
  return within(card).getByRole("status").textContent;
}

async function signIn(fake: ReturnType<typeof createFakeBackground>) {
  fake.state.signedIn = true;
  renderPopup(fake);
  await balance();
}

const openTab = (name: string) => fireEvent.click(screen.getByRole("tab", { name }));
/** An alert (an error in words) inside the form named `name`. */
const formAlert = (name: string) => within(screen.getByRole("form", { name })).findByRole("alert");

beforeEach(() => {
  localStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("PopupApp signing in", () => {
  it("signs in with the form's email and password and shows the wallet", async () => {
    const fake = createFakeBackground();
    renderPopup(fake);
    await signInWithForm();
    expect(await balance()).toBe("5,000 coins");
    expect(fake.authCalls).toContainEqual({
      action: "signIn",
      email: "vera@example.com",
      password: "pw-123456",
    });
    within(screen.getByRole("heading", { level: 1 })).getByText("Vera");
    within(screen.getByRole("region", { name: "Your coins" })).getByText("10 coins to level 6");
  });

  it("shows the API's refusal under the form and keeps the person on it", async () => {
    const fake = createFakeBackground();
    fake.onAuth((request) =>
      request.action === "signIn"
        ? {
            ok: false,
            error: apiError("UNAUTHORIZED", "That email and password don't match an account.", {
              domainCode: "INVALID_EMAIL_OR_PASSWORD",
            }),
          }
        : undefined,
    );
    renderPopup(fake);
    await signInWithForm("vera@example.com", "wrong");
    expect((await formAlert("Sign in")).textContent).toBe(
      "That email and password don't match an account.",
    );
    expect(screen.queryByRole("region", { name: "Your coins" })).toBeNull();
  });

  it("puts missing fields' errors next to them without calling the background", async () => {
    const fake = createFakeBackground();
    renderPopup(fake);
    fireEvent.click(await screen.findByRole("button", { name: "Sign in" }));
    await screen.findByRole("textbox", {
      name: "Email",
      description: "Enter the email address of your account.",
    });
    expect(descriptionOf(screen.getByLabelText("Password"))).toBe("Enter your password.");
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(screen.getByLabelText("Email"));
    expect(fake.authCalls.map((call) => call.action)).toEqual(["status"]);
  });

  it("offers to try again when the API cannot be reached", async () => {
    const fake = createFakeBackground();
    let isDown = true;
    fake.onAuth((request) =>
      request.action === "status" && isDown
        ? { ok: false, error: apiError("NETWORK", "Coinstream can't be reached right now.") }
        : undefined,
    );
    renderPopup(fake);
    expect((await screen.findByRole("alert")).textContent).toContain("can't be reached");
    isDown = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByLabelText("Email");
  });
});

describe("PopupApp signing up", () => {
  const guidelinesBox = () =>
    screen.getByRole("checkbox", {
      name: /^I accept the community guidelines/,
    }) as HTMLInputElement;
  /** Ticks the guidelines box once the guidelines have loaded. */
  async function acceptGuidelines() {
    const box = guidelinesBox();
    await waitFor(() => expect(box.disabled).toBe(false));
    fireEvent.click(box);
  }

  it("sends every field and then asks the person to confirm their email", async () => {
    const fake = createFakeBackground();
    renderPopup(fake);
    fireEvent.click(await screen.findByRole("tab", { name: "Create account" }));
    fillSignUp();
    await acceptGuidelines();
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect((await screen.findByRole("status")).textContent).toContain(
      "We sent a confirmation link to vera@example.com",
    );
    expect(fake.authCalls).toContainEqual({
      action: "signUp",
      name: "Vera",
      email: "vera@example.com",
      password: "long-enough-pw",
      dateOfBirth: "1990-05-17",
      region: "DE",
      acceptedGuidelinesVersion: 1,
    });
    // Back on sign-in with the email filled in.
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("vera@example.com");
  });

  it("shows the API's field error next to the field it concerns", async () => {
    const fake = createFakeBackground();
    fake.onAuth((request) =>
      request.action === "signUp"
        ? {
            ok: false,
            error: apiError("BAD_REQUEST", "An account with this email already exists.", {
              fieldErrors: { email: ["An account with this email already exists."] },
            }),
          }
        : undefined,
    );
    renderPopup(fake);
    fireEvent.click(await screen.findByRole("tab", { name: "Create account" }));
    fillSignUp();
    await acceptGuidelines();
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    const email = await screen.findByRole("textbox", {
      name: "Email",
      description: "An account with this email already exists.",
    });
    expect(email.getAttribute("aria-invalid")).toBe("true");
    // Said once, next to the field, not again under the form.
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });

  it("shows a child the age rule next to the date of birth, and asks the API nothing", async () => {
    const fake = createFakeBackground();
    renderPopup(fake);
    fireEvent.click(await screen.findByRole("tab", { name: "Create account" }));
    fillSignUp({ "Date of birth": "2016-06-01" });
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() =>
      expect(descriptionOf(screen.getByLabelText("Date of birth"))).toMatch(
        /You must be at least 13 to create a Coinstream account\./,
      ),
    );
    expect(document.activeElement).toBe(screen.getByLabelText("Date of birth"));
    expect(fake.authCalls.some((call) => call.action === "signUp")).toBe(false);
  });

  it("asks for the guidelines to be accepted before asking the API", async () => {
    const fake = createFakeBackground();
    renderPopup(fake);
    fireEvent.click(await screen.findByRole("tab", { name: "Create account" }));
    fillSignUp();
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() =>
      expect(descriptionOf(guidelinesBox())).toBe(
        "Read and accept the community guidelines to continue.",
      ),
    );
    expect(guidelinesBox().getAttribute("aria-invalid")).toBe("true");
    fireEvent.click(await screen.findByText("Read them"));
    await screen.findByText(/Be respectful/);
    expect(fake.authCalls.some((call) => call.action === "signUp")).toBe(false);
  });

  it("catches a short password before asking the API", async () => {
    const fake = createFakeBackground();
    renderPopup(fake);
    fireEvent.click(await screen.findByRole("tab", { name: "Create account" }));
    fillSignUp({ Password: "short" });
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() =>
      expect(descriptionOf(screen.getByLabelText("Password"))).toMatch(
        /At least 8 characters\. .*at least 8 characters/,
      ),
    );
    expect(fake.authCalls.some((call) => call.action === "signUp")).toBe(false);
  });
});

describe("PopupApp community guidelines", () => {
  it("asks a signed-in person to accept a new version, accepts it and then hides the prompt", async () => {
    const v2 = { ...GUIDELINES, version: 2, body: "Version two: be kinder." };
    let accepted = false;
    const fake = createFakeBackground({
      "me.guidelines": () => ({
        current: v2,
        upcoming: null,
        acceptedVersion: accepted ? 2 : 1,
        accepted,
      }),
      "me.acceptGuidelines": (input) => {
        accepted = (input as { version: number }).version === 2;
        return { current: v2, upcoming: null, acceptedVersion: 2, accepted };
      },
    });
    await signIn(fake);
    const prompt = await screen.findByRole("region", { name: "Updated community guidelines" });
    within(prompt).getByText("Version two: be kinder.");
    fireEvent.click(within(prompt).getByRole("button", { name: "Accept version 2" }));
    await waitFor(() =>
      expect(screen.queryByRole("region", { name: "Updated community guidelines" })).toBeNull(),
    );
    expect(fake.callsTo("me.acceptGuidelines")[0]?.input).toEqual({ version: 2 });
    // The wallet stayed readable all along.
    expect(await balance()).toBe("5,000 coins");
  });

  it("shows no prompt when the version in effect is accepted", async () => {
    const fake = createFakeBackground();
    await signIn(fake);
    await waitFor(() => expect(fake.callsTo("me.guidelines").length).toBe(1));
    expect(screen.queryByRole("region", { name: "Updated community guidelines" })).toBeNull();
  });
});

describe("PopupApp buying coins", () => {
  it("lists the API's packs with price, value and bonus", async () => {
    const fake = createFakeBackground();
    await signIn(fake);
    const pack = await screen.findByRole("button", { name: /^500 coins/ });
    expect(pack.textContent).toContain("500 coins");
    expect(pack.textContent).toContain("$8.99");
    expect(pack.textContent).toContain("+50 first purchase");
    expect(pack.textContent).toContain("Save 9%");
    expect(pack.getAttribute("aria-label")).toBe(
      "500 coins for $8.99, plus 50 bonus coins, save 9%",
    );
  });

  it("opens the checkout in a tab and updates the balance once the payment completes", async () => {
    let purchaseStatus = "pending";
    let coins = WALLET.coins;
    const fake = createFakeBackground({
      "store.checkout": (input) => {
        expect(input).toMatchObject({ item: { packId: "coins-500" } });
        expect((input as { idempotencyKey: string }).idempotencyKey.length).toBeGreaterThan(8);
        return {
          purchaseId: "p1",
          status: "pending",
          checkoutUrl: "http://127.0.0.1:3000/sandbox/checkout/cs_1",
          quote: { totalCoins: 550 },
        };
      },
      "store.purchases": () => [{ purchaseId: "p1", coins: 550, status: purchaseStatus }],
      "wallet.get": () => ({ ...WALLET, coins }),
    });
    await signIn(fake);
    fireEvent.click(await screen.findByRole("button", { name: /^500 coins/ }));
    await screen.findByText(/^Waiting for your payment/);
    expect(fake.openedTabs).toEqual(["http://127.0.0.1:3000/sandbox/checkout/cs_1"]);
    expect(JSON.parse(localStorage.getItem("coinstream.pendingCheckout") ?? "{}")).toMatchObject({
      purchaseId: "p1",
    });

    await act(async () => {
      purchaseStatus = "paid";
      coins = WALLET.coins + 550;
    });
    await screen.findByText(/^Payment received: 550 coins added\./);
    await waitFor(async () => expect(await balance()).toBe("5,550 coins"));
    expect(localStorage.getItem("coinstream.pendingCheckout")).toBeNull();
  });

  it("shows a delayed payment as processing and keeps waiting until it clears", async () => {
    let purchaseStatus = "pending";
    const fake = createFakeBackground({
      "store.checkout": () => ({
        purchaseId: "p2",
        status: "pending",
        checkoutUrl: "http://127.0.0.1:3000/sandbox/checkout/cs_2",
        quote: { totalCoins: 550, betterPack: null },
      }),
      "store.purchases": () => [{ purchaseId: "p2", coins: 550, status: purchaseStatus }],
    });
    await signIn(fake);
    fireEvent.click(await screen.findByRole("button", { name: /^500 coins/ }));
    await screen.findByText(/^Waiting for your payment/);

    await act(async () => {
      purchaseStatus = "processing";
    });
    await screen.findByText(/^Payment processing/);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(localStorage.getItem("coinstream.pendingCheckout")).not.toBeNull();

    await act(async () => {
      purchaseStatus = "paid";
    });
    await screen.findByText(/^Payment received: 550 coins added\./);
  });

  it("suggests the pack when the custom amount costs as much as a bigger pack", async () => {
    const started: unknown[] = [];
    const fake = createFakeBackground({
      "store.checkout": (input) => {
        started.push((input as { item: unknown }).item);
        return {
          purchaseId: `p${started.length}`,
          status: "pending",
          checkoutUrl: `http://127.0.0.1:3000/sandbox/checkout/cs_${started.length}`,
          quote: { totalCoins: 12_000, betterPack: { packId: "coins-12500", coins: 12_500 } },
        };
      },
    });
    await signIn(fake);
    fireEvent.change(await screen.findByLabelText("Custom amount"), {
      target: { value: "12000" },
    });
    fireEvent.submit(screen.getByRole("form", { name: "Buy a custom amount" }));
    await screen.findByText(/12,500-coin pack costs no more/);
    fireEvent.click(screen.getByRole("button", { name: "Buy the pack instead" }));
    await waitFor(() =>
      expect(started).toEqual([{ customCoins: 12_000 }, { packId: "coins-12500" }]),
    );
  });

  it("keeps waiting for a checkout it opened before the popup closed", async () => {
    localStorage.setItem(
      "coinstream.pendingCheckout",
      JSON.stringify({
        purchaseId: "p9",
        checkoutUrl: "http://127.0.0.1:3000/sandbox/checkout/cs_9",
        coins: 110,
        startedAt: "2026-11-22T11:55:00.000Z",
      }),
    );
    const fake = createFakeBackground({
      "store.purchases": () => [{ purchaseId: "p9", coins: 110, status: "failed" }],
    });
    await signIn(fake);
    expect((await screen.findByRole("alert")).textContent).toMatch(/did not go through/);
  });

  it("shows a refused checkout next to the packs", async () => {
    const fake = createFakeBackground({
      "store.checkout": () => {
        throw new FakeApiFailure(
          apiError("FORBIDDEN", "Buying coins needs you to be 18 or older in your region.", {
            domainCode: "NOT_ELIGIBLE",
          }),
        );
      },
    });
    await signIn(fake);
    fireEvent.click(await screen.findByRole("button", { name: /^100 coins/ }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Buying coins needs you to be 18 or older in your region.",
    );
    expect(fake.openedTabs).toEqual([]);
  });

  it("checks the custom amount against the rate card's range before starting a checkout", async () => {
    const fake = createFakeBackground();
    await signIn(fake);
    fireEvent.change(await screen.findByLabelText("Custom amount"), { target: { value: "50" } });
    fireEvent.click(screen.getByRole("button", { name: "Buy" }));
    await screen.findByRole("spinbutton", {
      name: "Custom amount",
      description: /from 100 to 250,000/,
    });
    expect(fake.callsTo("store.checkout")).toEqual([]);
  });

  it("goes back to signing in when the session has ended", async () => {
    const fake = createFakeBackground({
      "wallet.get": () => {
        throw new FakeApiFailure(apiError("UNAUTHORIZED", "Sign in to continue."));
      },
    });
    fake.state.signedIn = true;
    renderPopup(fake);
    await screen.findByLabelText("Email");
  });
});

describe("PopupApp promotions", () => {
  it("names a promotion on the packs it applies to and says when it ends", async () => {
    const sale = {
      ...PACKS.promotions[0],
      id: "p-carnival",
      name: "Carnival",
      kind: "fixed" as const,
      bonusBps: null,
      bonusCoins: 75,
      packIds: ["coins-500"],
      startsAt: "2026-11-20T00:00:00.000Z",
      endsAt: "2026-11-25T18:00:00.000Z",
      firstPurchaseOnly: false,
    };
    const [small, big] = PACKS.offers;
    const fake = createFakeBackground({
      "store.packs": () => ({
        ...PACKS,
        offers: [
          small,
          {
            ...big,
            quote: {
              ...big?.quote,
              bonusCoins: 125,
              totalCoins: 625,
              applied: [
                { source: "p-carnival", bonusCoins: 75 },
                { source: "first-purchase", bonusCoins: 50 },
              ],
            },
          },
        ],
        promotions: [sale, ...PACKS.promotions],
      }),
    });
    await signIn(fake);
    const pack = await screen.findByRole("button", { name: /^500 coins/ });
    expect(pack.textContent).toContain("+75 Carnival");
    expect(pack.textContent).toContain("+50 first purchase");
    expect(screen.getByRole("button", { name: /^100 coins/ }).textContent).not.toContain(
      "Carnival",
    );
    // The welcome bonus has no end, so it is not listed among the time-boxed promotions.
    const listed = within(screen.getByRole("list", { name: "Promotions" })).getAllByRole(
      "listitem",
    );
    expect(listed.map((item) => item.textContent)).toEqual([
      expect.stringMatching(/^Carnival: \+75 coins, once per account\. Ends /),
    ]);
  });
});

describe("PopupApp support", () => {
  const ticket = {
    ticketId: "7a0f5c1e-4a55-4a57-9f0e-111111111111",
    subject: "Coins missing",
    status: "answered" as const,
    tier: "priority",
    expectedAnswerHours: 24,
    answerDueAt: "2026-11-23T12:00:00.000Z",
    createdAt: "2026-11-22T12:00:00.000Z",
    updatedAt: "2026-11-22T13:00:00.000Z",
    closedAt: null,
    messages: [
      { messageId: "m1", from: "user", body: "I paid\nbut no coins", createdAt: NOW.toISOString() },
      { messageId: "m2", from: "support", body: "<b>Fixed</b>", createdAt: NOW.toISOString() },
    ],
  };

  it("shows the tier's answer time, opens a ticket and shows support's reply as plain text", async () => {
    let tickets: (typeof ticket)[] = [];
    const fake = createFakeBackground({
      "support.list": () => ({ tier: "priority", expectedAnswerHours: 24, tickets }),
      "support.open": () => {
        tickets = [ticket];
        return ticket;
      },
    });
    await signIn(fake);
    openTab("Support");
    expect((await screen.findByText(/we answer within 24 hours/)).textContent).toMatch(
      /^Priority support: we answer within 24 hours\./,
    );
    fireEvent.change(screen.getByLabelText("Subject"), { target: { value: "Coins missing" } });
    fireEvent.change(screen.getByLabelText("What happened?"), {
      target: { value: "I paid\nbut no coins" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send to support" }));
    const ticketList = await screen.findByRole("list", { name: "Your tickets" });
    // The first item is the ticket itself; its thread's messages are items inside it.
    const [thread] = within(ticketList).getAllByRole("listitem");
    expect(fake.callsTo("support.open")[0]?.input).toEqual({
      subject: "Coins missing",
      body: "I paid\nbut no coins",
    });
    expect(thread?.textContent).toContain("Coins missing");
    expect(thread?.textContent).toContain("Answered");
    expect(thread?.textContent).toContain("<b>Fixed</b>");
    expect(thread?.querySelector("b")).toBeNull();
  });

  it("shows a refused ticket next to the form", async () => {
    const fake = createFakeBackground({
      "support.open": () => {
        throw new FakeApiFailure(
          apiError("BAD_REQUEST", "A subject can be at most 120 characters; this one has 130.", {
            domainCode: "INVALID_INPUT",
          }),
        );
      },
    });
    await signIn(fake);
    openTab("Support");
    fireEvent.change(await screen.findByLabelText("Subject"), { target: { value: "x" } });
    fireEvent.change(screen.getByLabelText("What happened?"), { target: { value: "y" } });
    fireEvent.click(screen.getByRole("button", { name: "Send to support" }));
    expect((await formAlert("Open a support ticket")).textContent).toContain("at most 120");
  });
});

describe("PopupApp activity, export and limits", () => {
  it("lists the first page of history in words", async () => {
    const fake = createFakeBackground({
      "wallet.history": () => ({
        items: [
          {
            id: "t2",
            code: "gift",
            phase: "single",
            coins: -15,
            at: "2026-11-22T11:58:00.000Z",
            metadata: { handle: "nova", giftId: "heart", count: 3 },
          },
          {
            id: "t1",
            code: "purchase",
            phase: "single",
            coins: 500,
            at: "2026-11-20T09:00:00.000Z",
            metadata: {},
          },
        ],
        nextCursor: null,
      }),
    });
    await signIn(fake);
    fireEvent.click(screen.getByRole("tab", { name: "Activity" }));
    const history = await screen.findByRole("list", { name: "Wallet history, newest first" });
    const items = within(history).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "Gift to @nova: 3 × Heart2 min ago−15minus 15 coins",
      expect.stringContaining("Bought coins"),
    ]);
    expect(fake.callsTo("wallet.history")[0]?.input).toEqual({ limit: 10 });
  });

  it("downloads the exported CSV as a file", async () => {
    const createObjectURL = vi.fn(() => "blob:csv");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const fake = createFakeBackground({
      "wallet.exportCsv": () => ({
        filename: "coinstream-wallet-2026-11-22.csv",
        csv: "date,kind\n",
        rows: 1,
      }),
    });
    await signIn(fake);
    fireEvent.click(screen.getByRole("tab", { name: "Activity" }));
    fireEvent.click(await screen.findByRole("button", { name: "Export CSV" }));
    await screen.findByText("Downloaded 1 row of wallet history.");
    expect(createObjectURL).toHaveBeenCalledOnce();
    expect(click).toHaveBeenCalledOnce();
  });

  it("saves only the limits that changed and says when a raise takes effect", async () => {
    const fake = createFakeBackground({
      "limits.get": () => ({
        viewer: { dailyCoins: 1_000, coolingOffUntil: null },
        guardian: null,
        pending: [],
      }),
      "limits.set": (input) => ({
        viewer: { dailyCoins: 1_000, weeklyCoins: 3_000, coolingOffUntil: null },
        guardian: null,
        pending: [
          {
            field: "dailyCoins",
            coins: 2_000,
            requestedAt: NOW.toISOString(),
            effectiveAt: "2026-11-23T12:00:00.000Z",
          },
        ],
        scheduled: (input as { dailyCoins?: number }).dailyCoins
          ? [
              {
                field: "dailyCoins",
                coins: 2_000,
                requestedAt: NOW.toISOString(),
                effectiveAt: "2026-11-23T12:00:00.000Z",
              },
            ]
          : [],
      }),
    });
    await signIn(fake);
    fireEvent.click(screen.getByRole("tab", { name: "Limits" }));
    fireEvent.change(await screen.findByLabelText("Per day"), { target: { value: "2000" } });
    fireEvent.change(screen.getByLabelText("Per week"), { target: { value: "3000" } });
    fireEvent.click(screen.getByRole("button", { name: "Save limits" }));
    expect(
      (await within(screen.getByRole("form", { name: "Spending limits" })).findByRole("status"))
        .textContent,
    ).toMatch(/Lower limits apply now\. Raised or removed limits take effect on/);
    expect(fake.callsTo("limits.set")[0]?.input).toEqual({ dailyCoins: 2_000, weeklyCoins: 3_000 });
    // The daily field keeps the limit in force and says what it rises to, and when.
    const daily = screen.getByRole("spinbutton", {
      name: "Per day",
      description: /^Any 24 hours\. Rises to 2,000 on /,
    });
    expect((daily as HTMLInputElement).value).toBe("1000");
  });

  it("shows a refused limit change next to the form", async () => {
    const fake = createFakeBackground({
      "limits.set": () => {
        throw new FakeApiFailure(
          apiError("BAD_REQUEST", "Too big", { fieldErrors: { dailyCoins: ["Too big"] } }),
        );
      },
    });
    await signIn(fake);
    fireEvent.click(screen.getByRole("tab", { name: "Limits" }));
    fireEvent.change(await screen.findByLabelText("Per day"), { target: { value: "5" } });
    fireEvent.click(screen.getByRole("button", { name: "Save limits" }));
    const daily = await screen.findByRole("spinbutton", {
      name: "Per day",
      description: /Too big$/,
    });
    expect(daily.getAttribute("aria-invalid")).toBe("true");
  });

  it("starts a cooling-off only after the person confirms", async () => {
    const fake = createFakeBackground({
      "limits.set": (input) => ({
        viewer: { coolingOffUntil: (input as { coolingOffUntil: string }).coolingOffUntil },
        guardian: null,
        pending: [],
        scheduled: [],
      }),
    });
    await signIn(fake);
    fireEvent.click(screen.getByRole("tab", { name: "Limits" }));
    fireEvent.change(await screen.findByLabelText("Pause spending for"), {
      target: { value: "168" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Start" }));
    expect(fake.callsTo("limits.set")).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Yes, pause spending" }));
    const pause = screen.getByRole("region", { name: "Take a break" });
    expect((await within(pause).findByRole("status")).textContent).toMatch(
      /^Cooling-off until .*: you can't spend coins until then\./,
    );
    within(pause).getByLabelText("Extend to");
    expect(fake.callsTo("limits.set")[0]?.input).toEqual({
      coolingOffUntil: "2026-11-29T12:00:00.000Z",
    });
  });

  it("signs out and returns to the sign-in form", async () => {
    const fake = createFakeBackground();
    await signIn(fake);
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByLabelText("Email");
    expect(fake.authCalls.at(-1)).toEqual({ action: "signOut" });
  });
});

describe("PopupApp profile shop", () => {
  const items = [
    {
      id: "entrance-sparkle",
      kind: "entrance",
      name: "Sparkle entrance",
      coins: 800,
      style: "sparkle",
    },
    { id: "sticker-fire", kind: "sticker", name: "Fire sticker", coins: 100, style: "🔥" },
    { id: "color-aqua", kind: "name_color", name: "Aqua name", coins: 300, style: "#2ec4d6" },
  ];

  it("buys an entrance after confirming under the same key, wears it, and lists stickers as owned", async () => {
    const owned: { itemId: string; kind: string; name: string }[] = [
      { itemId: "sticker-fire", kind: "sticker", name: "Fire sticker" },
    ];
    let entrance: string | null = null;
    const fake = createFakeBackground({
      "profile.catalog": () => ({ rateCardVersion: "2026-12-01", items }),
      "profile.get": () => ({
        owned: owned.map((item) => ({
          ...item,
          style: null,
          coinsPaid: 1,
          acquiredAt: NOW.toISOString(),
        })),
        wearing: { badgeFrame: null, nameColor: null, entrance },
        viewerStyle: { badgeFrame: null, nameColor: null },
      }),
      "profile.buy": (input) => {
        const { confirm, itemId } = input as { confirm: boolean; itemId: string };
        if (!confirm) {
          throw new FakeApiFailure(
            apiError("PRECONDITION_FAILED", "Confirm this 800-coin spend.", {
              domainCode: "CONFIRMATION_REQUIRED",
            }),
          );
        }
        owned.push({ itemId, kind: "entrance", name: "Sparkle entrance" });
        return { itemId, transferId: "t1", coinsSpent: 800, balance: 200, replayed: false };
      },
      "profile.wear": (input) => {
        entrance = (input as { entrance: string | null }).entrance;
        return {};
      },
    });
    await signIn(fake);
    openTab("Profile");
    const item = async (name: string) => screen.findByRole("listitem", { name });
    within(await item("Fire sticker")).getByText("Owned");
    fireEvent.click(
      within(await item("Sparkle entrance")).getByRole("button", { name: "Buy · 800 coins" }),
    );
    const confirm = await screen.findByRole("alertdialog", { name: "Confirm purchase" });
    within(confirm).getByText("Confirm this 800-coin spend.");
    fireEvent.click(
      within(confirm).getByRole("button", { name: "Buy the Sparkle entrance for 800 coins" }),
    );
    fireEvent.click(
      await within(await item("Sparkle entrance")).findByRole("button", { name: "Wear" }),
    );
    const worn = await within(await item("Sparkle entrance")).findByRole("button", {
      name: "Wearing · take off",
    });
    expect(worn.getAttribute("aria-pressed")).toBe("true");

    const buys = fake.callsTo("profile.buy").map((call) => call.input as Record<string, unknown>);
    expect(buys.map((input) => [input.itemId, input.expectedCoins, input.confirm])).toEqual([
      ["entrance-sparkle", 800, false],
      ["entrance-sparkle", 800, true],
    ]);
    expect(buys[1]?.idempotencyKey).toBe(buys[0]?.idempotencyKey);
    expect(fake.callsTo("profile.wear")[0]?.input).toEqual({ entrance: "entrance-sparkle" });
    within(await item("Aqua name")).getByRole("button", { name: "Buy · 300 coins" });
  });
});
