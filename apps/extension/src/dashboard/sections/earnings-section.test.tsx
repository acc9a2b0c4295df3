import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, type Handlers, renderSection } from "../testing/fake-api.tsx";
import { CATALOG } from "../testing/fixtures.ts";
import type { SectionProps } from "../types.ts";
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

function setup(handlers: Handlers = {}, props: Partial<SectionProps> = {}) {
  return renderSection(
    EarningsSection,
    {
      "creator.withdrawals": () => [],
      "creator.earnings": () => earnings,
      "gifts.catalog": () => CATALOG,
      ...handlers,
    },
    props,
  );
}

const withdrawPanel = () => screen.getByRole("group", { name: "Withdraw" });
const payoutPanel = () => screen.getByRole("group", { name: "Payout method" });

function withdraw(diamonds: string) {
  fireEvent.change(screen.getByLabelText("Diamonds to withdraw"), {
    target: { value: diamonds },
  });
  fireEvent.click(screen.getByRole("button", { name: "Withdraw" }));
}

function fillPayoutMethod(label: string, stripeAccountId: string) {
  fireEvent.change(within(payoutPanel()).getByLabelText("Method"), {
    target: { value: "stripe" },
  });
  fireEvent.change(within(payoutPanel()).getByLabelText("Label"), { target: { value: label } });
  fireEvent.change(screen.getByLabelText("Stripe connected account id"), {
    target: { value: stripeAccountId },
  });
  fireEvent.click(screen.getByRole("button", { name: "Save payout method" }));
}

/** A table's body rows, found by the table's caption. */
async function rowsOf(caption: string | RegExp): Promise<HTMLElement[]> {
  const table = await screen.findByRole("table", { name: caption });
  return within(table).getAllByRole("row").slice(1);
}

describe("EarningsSection", () => {
  it("withdraws and shows the server's answer, including review", async () => {
    const reloadStatus = vi.fn(async () => {});
    const fake = setup(
      {
        "creator.withdraw": ({ diamonds }) =>
          withdrawal({ diamonds, netUsdMinor: 4_850, status: "review" }),
      },
      { reloadStatus },
    );
    withdraw("5,000");
    const result = await within(withdrawPanel()).findByText(
      /^Requested 5,000 diamonds: \$48\.50 after fees\./,
    );
    expect(result.textContent).toContain("In review.");
    expect(result.closest('[role="status"]')).not.toBeNull();
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
    withdraw("10");
    const error = await within(withdrawPanel()).findByRole("alert");
    expect(
      within(error)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(["Withdrawals start at 1,000 diamonds.", "Add a payout method before withdrawing."]);
    expect(
      screen
        .getByRole("textbox", { name: "Diamonds to withdraw" })
        .getAttribute("aria-describedby"),
    ).toBe(error.id);
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
    withdraw("2000");
    await within(withdrawPanel()).findByRole("alert");
    fireEvent.click(screen.getByRole("button", { name: "Withdraw" }));
    await within(withdrawPanel()).findByText(/^Requested 2,000 diamonds/);
    withdraw("2000");
    await waitFor(() => expect(fake.inputsOf("creator.withdraw")).toHaveLength(3));
    const keys = fake.inputsOf("creator.withdraw").map((input) => input.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it("fills in everything available", () => {
    setup();
    fireEvent.click(screen.getByRole("button", { name: "All available" }));
    expect((screen.getByLabelText("Diamonds to withdraw") as HTMLInputElement).value).toBe("5000");
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
    const rows = await rowsOf("Your withdrawals, newest first");
    expect(rows.map((row) => within(row).getAllByRole("cell")[3]?.firstChild?.textContent)).toEqual(
      ["In review", "Failed", "Paid"],
    );
    expect(rows[1]?.textContent).toContain("The payout method changed.");
  });

  it("says so when there are no withdrawals yet", async () => {
    setup();
    await within(screen.getByRole("group", { name: "Withdrawals" })).findByText(
      "No withdrawals yet.",
    );
  });

  it("shows reversals as negative earnings and names each sender with the API's label", async () => {
    setup();
    const rows = await rowsOf(/^Earnings, newest first/);
    await waitFor(() => expect(rows[0]?.textContent).toContain("Reversed gift (refund)"));
    expect(rows[0]?.textContent).toContain("\u221215,000");
    expect(rows[0]?.className).toBe("negative");
    within(rows[1] as HTMLElement).getByRole("cell", { name: "Alex sent Lion" });
    expect(rows[2]?.textContent).toContain("Alex tipped 60 coins");
    expect(rows[2]?.textContent).toContain("“great stream”");
  });

  it("shows a combo folded into one row", async () => {
    const combo = {
      ...(earnings.items[1] as OutputOf<"creator.earnings">["items"][number]),
      giftId: "rose",
      giftName: "Rose",
      count: 30,
      events: 30,
      coins: 30,
      diamonds: 15,
      label: "Alex sent Rose x30",
    };
    setup({ "creator.earnings": () => ({ items: [combo], nextCursor: null }) });
    const rows = await rowsOf(/^Earnings, newest first/);
    expect(rows).toHaveLength(1);
    within(rows[0] as HTMLElement).getByRole("cell", { name: "Alex sent Rose x30" });
    expect(rows[0]?.textContent).toContain("+15");
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
      { onPayoutMethodSaved },
    );
    fillPayoutMethod("Stripe payouts", "acct_1Nv0FGQ9RKHgCVdK");
    expect((await within(payoutPanel()).findByRole("status")).textContent).toMatch(/^Saved\./);
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
    fillPayoutMethod("Stripe", "nope");
    const field = await screen.findByRole("textbox", {
      name: "Stripe connected account id",
      description: /a Stripe connected account id looks like acct_1Nv0FGQ9RKHgCVdK/,
    });
    expect(field.getAttribute("aria-invalid")).toBe("true");
  });

  it("pages to older earnings from the cursor and stops when there are no more", async () => {
    const [newest, , oldest] = earnings.items;
    const fake = setup({
      "creator.earnings": ({ cursor }) =>
        cursor
          ? { items: [oldest as Earning], nextCursor: null }
          : { items: [newest as Earning], nextCursor: "41" },
    });
    expect(await rowsOf(/^Earnings, newest first/)).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Show older earnings" }));
    await waitFor(async () => expect(await rowsOf(/^Earnings, newest first/)).toHaveLength(2));
    expect(screen.getByRole("table", { name: /^Earnings, newest first/ }).textContent).toContain(
      "great stream",
    );
    expect(fake.inputsOf("creator.earnings").map((input) => input.cursor ?? null)).toEqual([
      null,
      "41",
    ]);
    expect(screen.queryByRole("button", { name: "Show older earnings" })).toBeNull();
  });
});

type Earning = OutputOf<"creator.earnings">["items"][number];
