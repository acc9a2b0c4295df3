import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, type Handlers, renderSection } from "../testing/fake-api.tsx";
import { InboxSection } from "./inbox-section.tsx";

afterEach(cleanup);

type Message = OutputOf<"messages.inbox">["items"][number];
const message: Message = {
  id: "1b1c1f2e-0000-4000-8000-000000000001",
  senderName: "Viewer",
  senderBlocked: false,
  body: "Love the stream!",
  coins: 100,
  diamonds: 50,
  sentAt: "2026-11-22T10:00:00.000Z",
  readAt: null,
  reply: null,
  repliedAt: null,
  hiddenAt: null,
};

function inboxOf(items: Message[]): OutputOf<"messages.inbox"> {
  return { items, nextCursor: null, unreadCount: items.filter((m) => !m.readAt).length };
}

const price = () => ({
  handle: "nova",
  priceCoins: 100,
  acceptsMessages: true,
  maxLength: 300,
  rateCardVersion: "2026-11",
});

function setup(handlers: Handlers = {}) {
  return renderSection(InboxSection, {
    "messages.inbox": () => inboxOf([message]),
    "messages.price": price,
    "messages.blocked": () => [],
    ...handlers,
  });
}

const card = () => screen.findByRole("listitem", { name: "Viewer" });

async function answer(text: string) {
  const message = await card();
  fireEvent.click(within(message).getByRole("button", { name: "Answer" }));
  fireEvent.change(within(message).getByRole("textbox", { name: "Your answer" }), {
    target: { value: text },
  });
  fireEvent.click(within(message).getByRole("button", { name: "Send answer" }));
  return message;
}

describe("InboxSection", () => {
  it("filters unread messages through the API", async () => {
    const fake = setup();
    await screen.findByText("1 unread");
    fireEvent.click(screen.getByRole("radio", { name: "Unread" }));
    await waitFor(() =>
      expect(fake.inputsOf("messages.inbox").at(-1)).toEqual({
        filter: "unread",
        includeHidden: false,
        limit: 25,
      }),
    );
  });

  it("marks read and answers once", async () => {
    setup({
      "messages.markRead": () => ({ ...message, readAt: "2026-11-22T11:00:00.000Z" }),
      "messages.reply": ({ body }) => ({
        ...message,
        readAt: "2026-11-22T11:00:00.000Z",
        reply: body,
        repliedAt: "2026-11-22T11:01:00.000Z",
      }),
    });
    const unread = await card();
    within(unread).getByText("New");
    fireEvent.click(within(unread).getByRole("button", { name: "Mark read" }));
    await waitFor(() => expect(within(unread).queryByText("New")).toBeNull());
    screen.getByText("0 unread");
    const answered = await answer("Thank you!");
    await within(answered).findByText(/^Your answer, /);
    within(answered).getByText("Thank you!", { selector: "p" });
    expect(within(answered).queryByRole("button", { name: "Answer" })).toBeNull();
  });

  it("shows a refused second answer next to the reply form", async () => {
    setup({
      "messages.reply": () => {
        throw apiError(
          "FORBIDDEN",
          "FORBIDDEN_CHANGE",
          "You already answered this message; a message gets one answer.",
        );
      },
    });
    const message = await answer("Again");
    expect((await within(message).findByRole("alert")).textContent).toContain(
      "You already answered",
    );
  });

  it("hides, blocks the sender and lists blocked people", async () => {
    let blocked = false;
    const fake = setup({
      "messages.inbox": () => inboxOf([{ ...message, senderBlocked: blocked }]),
      "messages.blocked": () =>
        blocked ? [{ userId: "u9", name: "Viewer", blockedAt: "2026-11-22T11:00:00.000Z" }] : [],
      "messages.hide": () => ({ ...message, hiddenAt: "2026-11-22T11:00:00.000Z" }),
      "messages.block": () => {
        blocked = true;
        return { userId: "u9", name: "Viewer", blocked: true as const };
      },
    });
    const shown = await card();
    fireEvent.click(within(shown).getByRole("button", { name: "Hide" }));
    await within(shown).findByText("Hidden");
    within(shown).getByRole("button", { name: "Unhide" });
    fireEvent.click(within(shown).getByRole("button", { name: "Block sender" }));
    const blockedPeople = await screen.findByRole("group", { name: "Blocked people" });
    expect(within(blockedPeople).getByRole("listitem").textContent).toContain("Viewer");
    within(blockedPeople).getByRole("button", { name: "Unblock" });
    expect(fake.inputsOf("messages.block")).toEqual([{ messageId: message.id }]);
  });

  it("shows and sets the message price", async () => {
    let priceCoins = 100;
    setup({
      "messages.inbox": () => inboxOf([]),
      "messages.price": () => ({ ...price(), priceCoins }),
      "messages.setPrice": ({ coins }) => {
        priceCoins = coins;
        return { priceCoins: coins, rateCardVersion: "2026-11" };
      },
    });
    const priceLine = () => screen.getByText(/^A message to you costs/).textContent;
    await waitFor(() => expect(priceLine()).toContain("costs 100 coins."));
    fireEvent.change(screen.getByLabelText("New price (coins)"), { target: { value: "250" } });
    fireEvent.click(screen.getByRole("button", { name: "Set price" }));
    await waitFor(() => expect(priceLine()).toContain("costs 250 coins."));
    screen.getByText("No messages yet.");
  });
});
