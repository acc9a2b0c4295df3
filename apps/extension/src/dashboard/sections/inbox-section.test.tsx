import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { sectionProps } from "../testing/fixtures.ts";
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

describe("InboxSection", () => {
  it("filters unread messages through the API", async () => {
    const fake = fakeApi({
      "messages.inbox": () => inboxOf([message]),
      "messages.price": price,
      "messages.blocked": () => [],
    });
    renderWithApi(<InboxSection {...sectionProps()} />, fake);
    expect((await screen.findByTestId("unread-count")).textContent).toBe("1 unread");
    fireEvent.click(screen.getByTestId("inbox-filter-unread"));
    await waitFor(() =>
      expect(fake.inputsOf("messages.inbox").at(-1)).toEqual({
        filter: "unread",
        includeHidden: false,
        limit: 25,
      }),
    );
  });

  it("marks read and answers once", async () => {
    const fake = fakeApi({
      "messages.inbox": () => inboxOf([message]),
      "messages.price": price,
      "messages.blocked": () => [],
      "messages.markRead": () => ({ ...message, readAt: "2026-11-22T11:00:00.000Z" }),
      "messages.reply": ({ body }) => ({
        ...message,
        readAt: "2026-11-22T11:00:00.000Z",
        reply: body,
        repliedAt: "2026-11-22T11:01:00.000Z",
      }),
    });
    renderWithApi(<InboxSection {...sectionProps()} />, fake);
    const card = await screen.findByTestId("inbox-message");
    fireEvent.click(within(card).getByTestId("mark-read"));
    await waitFor(() => expect(card.getAttribute("data-unread")).toBe("false"));
    expect(screen.getByTestId("unread-count").textContent).toBe("0 unread");
    fireEvent.click(within(card).getByTestId("reply"));
    fireEvent.change(within(card).getByTestId("reply-input"), { target: { value: "Thank you!" } });
    fireEvent.click(within(card).getByTestId("reply-submit"));
    expect((await within(card).findByTestId("message-reply")).textContent).toContain("Thank you!");
    expect(within(card).queryByTestId("reply")).toBeNull();
  });

  it("shows a refused second answer next to the reply form", async () => {
    renderWithApi(
      <InboxSection {...sectionProps()} />,
      fakeApi({
        "messages.inbox": () => inboxOf([message]),
        "messages.price": price,
        "messages.blocked": () => [],
        "messages.reply": () => {
          throw apiError(
            "FORBIDDEN",
            "FORBIDDEN_CHANGE",
            "You already answered this message; a message gets one answer.",
          );
        },
      }),
    );
    const card = await screen.findByTestId("inbox-message");
    fireEvent.click(within(card).getByTestId("reply"));
    fireEvent.change(within(card).getByTestId("reply-input"), { target: { value: "Again" } });
    fireEvent.click(within(card).getByTestId("reply-submit"));
    expect((await within(card).findByRole("alert")).textContent).toContain("You already answered");
  });

  it("hides, blocks the sender and lists blocked people", async () => {
    let blocked = false;
    const fake = fakeApi({
      "messages.inbox": () => inboxOf([{ ...message, senderBlocked: blocked }]),
      "messages.price": price,
      "messages.blocked": () =>
        blocked ? [{ userId: "u9", name: "Viewer", blockedAt: "2026-11-22T11:00:00.000Z" }] : [],
      "messages.hide": () => ({ ...message, hiddenAt: "2026-11-22T11:00:00.000Z" }),
      "messages.block": () => {
        blocked = true;
        return { userId: "u9", name: "Viewer", blocked: true as const };
      },
    });
    renderWithApi(<InboxSection {...sectionProps()} />, fake);
    const card = await screen.findByTestId("inbox-message");
    fireEvent.click(within(card).getByTestId("hide-message"));
    await waitFor(() => expect(card.getAttribute("data-hidden")).toBe("true"));
    fireEvent.click(within(card).getByTestId("block-sender"));
    expect((await screen.findByTestId("blocked-list")).textContent).toContain("Viewer");
    expect(fake.inputsOf("messages.block")).toEqual([{ messageId: message.id }]);
  });

  it("shows and sets the message price", async () => {
    let priceCoins = 100;
    const fake = fakeApi({
      "messages.inbox": () => inboxOf([]),
      "messages.price": () => ({ ...price(), priceCoins }),
      "messages.blocked": () => [],
      "messages.setPrice": ({ coins }) => {
        priceCoins = coins;
        return { priceCoins: coins, rateCardVersion: "2026-11" };
      },
    });
    renderWithApi(<InboxSection {...sectionProps()} />, fake);
    await waitFor(() => expect(screen.getByTestId("message-price").textContent).toBe("100 coins"));
    fireEvent.change(screen.getByTestId("message-price-input"), { target: { value: "250" } });
    fireEvent.click(screen.getByRole("button", { name: "Set price" }));
    await waitFor(() => expect(screen.getByTestId("message-price").textContent).toBe("250 coins"));
    expect(screen.getByText("No messages yet.")).toBeTruthy();
  });
});
