import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { CATALOG, sectionProps } from "../testing/fixtures.ts";
import { EarningsSection } from "./earnings-section.tsx";

afterEach(cleanup);

type Withdrawal = OutputOf<"creator.withdrawals">[number];
const withdrawal = (overrides: Partial<Withdrawal>): Withdrawal => ({
  withdrawalId: "w1",
  diamonds: 5_000,
  netUsdMinor: 4_850,
  status: "pending",
  failureReason: null,
  createdAt: "2026-11-22T10:00:00.000Z",
  ...overrides,
});

const earnings: OutputOf<"creator.earnings"> = {
  items: [
    {
      kind: "reversal",
      of: "gift",
      diamonds: -15_000,
      coins: 30_000,
      events: 1,
      firstAt: "2026-11-22T09:00:00.000Z",
      senderName: null,
      giftName: "Lion",
      label: "A refunded purchase took back a gift",
      giftId: "lion",
      count: 1,
      message: null,
      reversal: { reason: "refund", giftAt: "2026-11-20T10:00:00.000Z", isPartial: false },
      at: "2026-11-22T09:00:00.000Z",
    },
    {
      kind: "gift",
      of: "gift",
      diamonds: 15_000,
      coins: 30_000,
      events: 1,
      firstAt: "2026-11-20T10:00:00.000Z",
      senderName: "Alex",
      giftName: "Lion",
      label: "Alex sent Lion",
      giftId: "lion",
      count: 1,
      message: null,
      reversal: null,
      at: "2026-11-20T10:00:00.000Z",
    },
    {
      kind: "tip",
      of: "tip",
      diamonds: 30,
      coins: 60,
      events: 1,
      firstAt: "2026-11-19T10:00:00.000Z",
      senderName: "Alex",
      giftName: null,
      label: "Alex tipped 60 coins",
      giftId: null,
      count: 1,
      message: "great stream",
      reversal: null,
      at: "2026-11-19T10:00:00.000Z",
    },
  ],
  nextCursor: null,
};

function setup(handlers: Parameters<typeof fakeApi>[0] = {}, props = sectionProps()) {
  const fake = fakeApi({
    "creator.withdrawals": () => [],
    "creator.earnings": () => earnings,
    "gifts.catalog": () => CATALOG,
    ...handlers,
  });
  renderWithApi(<EarningsSection {...props} />, fake);
  return fake;
}

describe("EarningsSection", () => {
  it("withdraws and shows the server's answer, including review", async () => {
    const reloadStatus = vi.fn(async () => {});
    const fake = setup(
      {
        "creator.withdraw": ({ diamonds }) =>
          withdrawal({ diamonds, netUsdMinor: 4_850, status: "review" }),
      },
      sectionProps({ reloadStatus }),
    );
    fireEvent.change(screen.getByTestId("withdraw-amount"), { target: { value: "5,000" } });
    fireEvent.click(screen.getByTestId("withdraw-submit"));
    const result = await screen.findByTestId("withdraw-result");
    expect(result.textContent).toContain("Requested 5,000 diamonds: $48.50 after fees.");
    expect(result.textContent).toContain("In review");
    expect(result.getAttribute("data-status")).toBe("review");
    const [input] = fake.inputsOf("creator.withdraw");
    expect(input?.diamonds).toBe(5_000);
    expect(input?.idempotencyKey.length).toBeGreaterThanOrEqual(8);
    expect(reloadStatus).toHaveBeenCalled();
  });

  it("lists every reason next to the withdraw form when the API refuses", async () => {
    setup({
      "creator.withdraw": () => {
        throw apiError(
          "FORBIDDEN",
          "NOT_ELIGIBLE",
          "Withdrawals start at 1,000 diamonds. Add a payout method before withdrawing.",
          {
            details: {
              reasons: [
                { code: "BELOW_MINIMUM", message: "Withdrawals start at 1,000 diamonds." },
                { code: "NO_PAYOUT_METHOD", message: "Add a payout method before withdrawing." },
              ],
            },
          },
        );
      },
    });
    fireEvent.change(screen.getByTestId("withdraw-amount"), { target: { value: "10" } });
    fireEvent.click(screen.getByTestId("withdraw-submit"));
    const error = await screen.findByTestId("withdraw-error");
    expect(
      within(error)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["Withdrawals start at 1,000 diamonds.", "Add a payout method before withdrawing."]);
    expect(screen.getByTestId("withdraw-form").contains(error)).toBe(true);
  });

  it("retries with the same idempotency key after a network failure, and a new one after", async () => {
    let failNext = true;
    const fake = setup({
      "creator.withdraw": ({ diamonds }) => {
        if (failNext) {
          failNext = false;
          throw apiError("NETWORK", null, "Coinstream can't be reached right now.");
        }
        return withdrawal({ diamonds });
      },
    });
    fireEvent.change(screen.getByTestId("withdraw-amount"), { target: { value: "2000" } });
    fireEvent.click(screen.getByTestId("withdraw-submit"));
    await screen.findByTestId("withdraw-error");
    fireEvent.click(screen.getByTestId("withdraw-submit"));
    await screen.findByTestId("withdraw-result");
    fireEvent.change(screen.getByTestId("withdraw-amount"), { target: { value: "2000" } });
    fireEvent.click(screen.getByTestId("withdraw-submit"));
    await waitFor(() => expect(fake.inputsOf("creator.withdraw")).toHaveLength(3));
    const keys = fake.inputsOf("creator.withdraw").map((input) => input.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it("fills in everything available", () => {
    setup();
    fireEvent.click(screen.getByTestId("withdraw-all"));
    expect((screen.getByTestId("withdraw-amount") as HTMLInputElement).value).toBe("5000");
  });

  it("lists withdrawals with their states and a failure's reason", async () => {
    setup({
      "creator.withdrawals": () => [
        withdrawal({ withdrawalId: "a", status: "review" }),
        withdrawal({
          withdrawalId: "b",
          status: "failed",
          failureReason: "The payout method changed.",
        }),
        withdrawal({ withdrawalId: "c", status: "paid" }),
      ],
    });
    const rows = await screen.findAllByTestId("withdrawal-row");
    expect(rows.map((row) => row.getAttribute("data-status"))).toEqual([
      "review",
      "failed",
      "paid",
    ]);
    expect(rows[1]?.textContent).toContain("The payout method changed.");
    expect(rows[0]?.textContent).toContain("In review");
  });

  it("shows reversals as negative earnings and names gifts from the catalog", async () => {
    setup();
    const rows = await screen.findAllByTestId("earning-row");
    await waitFor(() => expect(rows[0]?.textContent).toContain("Reversed gift (refund)"));
    expect(rows[0]?.textContent).toContain("\u221215,000");
    expect(rows[0]?.className).toBe("negative");
    await waitFor(() => expect(rows[1]?.textContent).toContain("Lion"));
    expect(rows[2]?.textContent).toContain("“great stream”");
  });

  it("saves a Stripe payout method with its account id and reports it up", async () => {
    const onPayoutMethodSaved = vi.fn();
    const fake = setup(
      {
        "creator.setPayoutMethod": (input) => ({
          ...input,
          stripeAccountId: "stripeAccountId" in input ? input.stripeAccountId : null,
        }),
      },
      sectionProps({ onPayoutMethodSaved }),
    );
    fireEvent.change(screen.getByTestId("payout-method"), { target: { value: "stripe" } });
    fireEvent.change(screen.getByTestId("payout-label"), { target: { value: "Stripe payouts" } });
    fireEvent.change(screen.getByTestId("payout-stripe-account"), {
      target: { value: "acct_1Nv0FGQ9RKHgCVdK" },
    });
    fireEvent.click(screen.getByTestId("payout-submit"));
    await screen.findByTestId("payout-result");
    expect(fake.inputsOf("creator.setPayoutMethod")).toEqual([
      { method: "stripe", label: "Stripe payouts", stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK" },
    ]);
    expect(onPayoutMethodSaved).toHaveBeenCalledWith({
      method: "stripe",
      label: "Stripe payouts",
      stripeAccountId: "acct_1Nv0FGQ9RKHgCVdK",
    });
  });

  it("puts a field error from the API under its field", async () => {
    setup({
      "creator.setPayoutMethod": () => {
        throw apiError("BAD_REQUEST", null, "Invalid input", {
          fieldErrors: {
            stripeAccountId: ["a Stripe connected account id looks like acct_1Nv0FGQ9RKHgCVdK"],
          },
        });
      },
    });
    fireEvent.change(screen.getByTestId("payout-method"), { target: { value: "stripe" } });
    fireEvent.change(screen.getByTestId("payout-label"), { target: { value: "Stripe" } });
    fireEvent.change(screen.getByTestId("payout-stripe-account"), { target: { value: "nope" } });
    fireEvent.click(screen.getByTestId("payout-submit"));
    const field = screen.getByTestId("payout-stripe-account");
    await waitFor(() => expect(field.getAttribute("aria-invalid")).toBe("true"));
    const describedBy = field.getAttribute("aria-describedby") ?? "";
    const messages = describedBy.split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(messages).toContain("a Stripe connected account id looks like acct_1Nv0FGQ9RKHgCVdK");
  });

  it("pages to older earnings from the cursor and stops when there are no more", async () => {
    const [newest, , oldest] = earnings.items;
    const fake = setup({
      "creator.earnings": ({ cursor }) =>
        cursor
          ? { items: [oldest as Earning], nextCursor: null }
          : { items: [newest as Earning], nextCursor: "41" },
    });
    const list = await screen.findByTestId("earnings-list");
    expect(list.querySelectorAll("tbody tr")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Show older earnings" }));
    await waitFor(() => expect(list.querySelectorAll("tbody tr")).toHaveLength(2));
    expect(list.textContent).toContain("great stream");
    expect(fake.inputsOf("creator.earnings").map((input) => input.cursor ?? null)).toEqual([
      null,
      "41",
    ]);
    expect(screen.queryByRole("button", { name: "Show older earnings" })).toBeNull();
  });
});

type Earning = OutputOf<"creator.earnings">["items"][number];
