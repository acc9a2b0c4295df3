import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { renderSection } from "../testing/fake-api.tsx";
import { OVERVIEW, STATUS } from "../testing/fixtures.ts";
import type { SectionProps } from "../types.ts";
import { localUtcOffsetMinutes, OverviewSection } from "./overview-section.tsx";

afterEach(cleanup);

function setup(
  overview: OutputOf<"creator.overview"> = OVERVIEW,
  props: Partial<SectionProps> = {},
) {
  return renderSection(OverviewSection, { "creator.overview": () => overview }, props);
}

const panel = (name: string | RegExp) => screen.findByRole("group", { name });

/** A checklist's line for `label`, with what a screen reader hears after it: "(done)" or "(to do)". */
async function checkOf(checklist: RegExp, label: string): Promise<HTMLElement> {
  const line = within(await panel(checklist)).getByText(label, { selector: ".check-label" });
  return line.closest("li") as HTMLElement;
}

describe("OverviewSection", () => {
  it("shows today's, 7-day and 30-day earnings in dollars and diamonds", async () => {
    setup();
    await screen.findByText("Today", { selector: "dt" });
    const windows = await panel("Earnings");
    const today = within(windows).getByText("Today").closest("div") as HTMLElement;
    expect(today.textContent).toContain("$0.30");
    expect(today.textContent).toContain("60 diamonds from 3 gifts and tips");
    const week = within(windows).getByText("Last 7 days").closest("div") as HTMLElement;
    expect(week.textContent).toContain("$6.25");
    expect(week.textContent).toContain("1,250 diamonds");
    const month = within(windows).getByText("Last 30 days").closest("div") as HTMLElement;
    expect(month.textContent).toContain("$30.00");
    expect(month.textContent).toContain("15 taken back by refunds");
  });

  it("asks for the earnings on the dashboard's own clock", async () => {
    const fake = setup();
    await panel("Earnings");
    expect(fake.inputsOf("creator.overview")).toEqual([
      { utcOffsetMinutes: localUtcOffsetMinutes() },
    ]);
  });

  it("shows held diamonds with the date each part becomes available, and the available ones", async () => {
    setup();
    const held = await panel("Held");
    within(held).getByText("1,250", { selector: ".figure-value" });
    expect(held.textContent).toContain("worth $6.25");
    const parts = within(within(held).getByRole("list", { name: "Held" })).getAllByRole("listitem");
    expect(parts.map((part) => part.textContent)).toEqual([
      "Becoming available now50",
      expect.stringMatching(/^Available 29 Nov 2026.*1,000$/),
      expect.stringMatching(/^Available 30 Nov 2026.*200$/),
    ]);
    const available = await panel("Available");
    within(available).getByText("5,000", { selector: ".figure-value" });
    expect(available.textContent).toContain("Worth $25.00 before fees");
  });

  it("says what withdrawing would pay before it is requested, and why it cannot yet", async () => {
    setup();
    const preview = await panel("Withdraw now");
    expect(preview.textContent).toContain(
      "Withdrawing all 5,000 diamonds pays $24.00 ($25.00 less $1.00 in fees) by bank transfer.",
    );
    expect(preview.textContent).toContain("you have not chosen a payout method yet");
    expect(within(preview).getByRole("listitem").textContent).toBe(
      "Add a payout method before withdrawing.",
    );
    expect(within(preview).getByRole("link").getAttribute("href")).toBe("#earnings");
  });

  it("says when a withdrawal costs no fee", async () => {
    const withdrawal = OVERVIEW.withdrawal as NonNullable<
      OutputOf<"creator.overview">["withdrawal"]
    >;
    setup({ ...OVERVIEW, withdrawal: { ...withdrawal, feeUsdMinor: 0, netUsdMinor: 2_500 } });
    expect((await panel("Withdraw now")).textContent).toContain(
      "Withdrawing all 5,000 diamonds pays $25.00 with no fee by bank transfer.",
    );
  });

  it("says there is nothing to withdraw when nothing is available", async () => {
    setup({ ...OVERVIEW, withdrawal: null });
    expect((await panel("Withdraw now")).textContent).toContain("Nothing to withdraw yet");
  });

  it("ranks the top 5 supporters of 30 days", async () => {
    setup();
    const supporters = within(await panel("Top supporters, 30 days")).getAllByRole("listitem");
    expect(supporters.map((item) => item.textContent)).toEqual([
      "1Alex9,000 coins",
      "2Sam2,000 coins",
      "3Kim600 coins",
      "4Lee300 coins",
      "5Ana100 coins",
    ]);
  });

  it("invites the first gifts when no one has given in 30 days", async () => {
    setup({ ...OVERVIEW, topSupporters: [] });
    await within(await panel("Top supporters, 30 days")).findByText(
      /^No gifts in the last 30 days yet/,
    );
  });

  it("lists what is missing with what to do and a link to the section that fixes it", async () => {
    setup(OVERVIEW, {
      status: {
        ...STATUS,
        canReceive: false,
        receiveMissing: [
          {
            code: "NO_VERIFIED_CHANNEL",
            message: "Link a channel and verify that it is yours before receiving gifts.",
          },
        ],
      },
    });
    const missing = await checkOf(/^Receive gifts/, "A verified channel");
    expect(missing.textContent).toContain("A verified channel (to do)");
    expect(missing.textContent).toContain("Link a channel and verify that it is yours");
    expect(
      within(missing)
        .getByRole("link", { name: "Link and verify a channel in Channels →" })
        .getAttribute("href"),
    ).toBe("#channels");
    expect((await checkOf(/^Receive gifts/, "Email address verified")).textContent).toContain(
      "(done)",
    );
    await panel("Receive gifts 7 of 8 done");
    screen.getByText("You cannot receive gifts yet: see what is missing below.");
  });

  it("counts a payout method saved in this visit as set", async () => {
    setup(OVERVIEW, {
      payoutMethod: { method: "paypal", label: "me@example.com", stripeAccountId: null },
    });
    expect(
      (await checkOf(/^Withdraw (All set|\d+ of \d+ done)$/, "A payout method")).textContent,
    ).toContain("(done)");
    await panel("Withdraw All set");
  });
});
