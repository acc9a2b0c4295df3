import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { OVERVIEW, STATUS, sectionProps } from "../testing/fixtures.ts";
import { localUtcOffsetMinutes, OverviewSection } from "./overview-section.tsx";

afterEach(cleanup);

function setup(overview: OutputOf<"creator.overview"> = OVERVIEW, props = sectionProps()) {
  const fake = fakeApi({ "creator.overview": () => overview });
  renderWithApi(<OverviewSection {...props} />, fake);
  return fake;
}

describe("OverviewSection", () => {
  it("shows today's, 7-day and 30-day earnings in dollars and diamonds", async () => {
    setup();
    const windows = await screen.findByTestId("earnings-windows");
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
    await screen.findByTestId("earnings-windows");
    expect(fake.inputsOf("creator.overview")).toEqual([
      { utcOffsetMinutes: localUtcOffsetMinutes() },
    ]);
  });

  it("shows held diamonds with the date each part becomes available, and the available ones", async () => {
    setup();
    const held = await screen.findByTestId("held");
    expect(within(held).getByTestId("diamonds-held").textContent).toBe("1,250");
    expect(held.textContent).toContain("worth $6.25");
    const parts = within(held).getAllByRole("listitem");
    expect(parts.map((part) => part.textContent)).toEqual([
      "Becoming available now50",
      expect.stringMatching(/^Available 29 Nov 2026.*1,000$/),
      expect.stringMatching(/^Available 30 Nov 2026.*200$/),
    ]);
    const available = screen.getByTestId("available");
    expect(within(available).getByTestId("diamonds-available").getAttribute("data-value")).toBe(
      "5000",
    );
    expect(available.textContent).toContain("Worth $25.00 before fees");
  });

  it("says what withdrawing would pay before it is requested, and why it cannot yet", async () => {
    setup();
    const preview = await screen.findByTestId("withdraw-preview");
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
    expect((await screen.findByTestId("withdraw-preview")).textContent).toContain(
      "Withdrawing all 5,000 diamonds pays $25.00 with no fee by bank transfer.",
    );
  });

  it("says there is nothing to withdraw when nothing is available", async () => {
    setup({ ...OVERVIEW, withdrawal: null });
    expect((await screen.findByTestId("withdraw-preview")).textContent).toContain(
      "Nothing to withdraw yet",
    );
  });

  it("ranks the top 5 supporters of 30 days", async () => {
    setup();
    const supporters = within(await screen.findByTestId("top-supporters")).getAllByRole("listitem");
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
    expect(await screen.findByText(/No gifts in the last 30 days yet/)).toBeTruthy();
  });

  it("lists what is missing with what to do and a link to the section that fixes it", () => {
    renderWithApi(
      <OverviewSection
        {...sectionProps({
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
        })}
      />,
      fakeApi({ "creator.overview": () => OVERVIEW }),
    );
    const receive = screen.getByTestId("checklist-receive");
    const missing = within(receive).getByTestId("check-NO_VERIFIED_CHANNEL");
    expect(missing.getAttribute("data-met")).toBe("false");
    expect(missing.textContent).toContain("Link a channel and verify that it is yours");
    expect(within(missing).getByRole("link").getAttribute("href")).toBe("#channels");
    expect(within(receive).getByTestId("check-EMAIL_NOT_VERIFIED").getAttribute("data-met")).toBe(
      "true",
    );
    expect(screen.getByTestId("can-receive").getAttribute("data-value")).toBe("false");
  });

  it("counts a payout method saved in this visit as set", () => {
    renderWithApi(
      <OverviewSection
        {...sectionProps({
          payoutMethod: { method: "paypal", label: "me@example.com", stripeAccountId: null },
        })}
      />,
      fakeApi({ "creator.overview": () => OVERVIEW }),
    );
    const check = within(screen.getByTestId("checklist-withdraw")).getByTestId(
      "check-NO_PAYOUT_METHOD",
    );
    expect(check.getAttribute("data-met")).toBe("true");
  });
});
