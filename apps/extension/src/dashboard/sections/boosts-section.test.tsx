import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { figureValue } from "../../testing/queries.ts";
import { renderSection } from "../testing/fake-api.tsx";
import { BoostsSection, clickRate } from "./boosts-section.tsx";

afterEach(cleanup);

const BOOSTS: OutputOf<"creator.boosts"> = [
  {
    id: "b2",
    paidBy: "you",
    minutes: 30,
    coins: 300,
    startsAt: "2026-11-22T12:00:00.000Z",
    endsAt: "2026-11-22T12:30:00.000Z",
    isRunning: true,
    impressions: 240,
    clicks: 12,
  },
  {
    id: "b1",
    paidBy: "supporter",
    minutes: 10,
    coins: 100,
    startsAt: "2026-11-20T12:00:00.000Z",
    endsAt: "2026-11-20T12:10:00.000Z",
    isRunning: false,
    impressions: 0,
    clicks: 0,
  },
];

describe("BoostsSection", () => {
  it("lists each boost with its impressions, clicks and click rate, and the totals", async () => {
    renderSection(BoostsSection, { "creator.boosts": () => BOOSTS });
    const table = await screen.findByRole("table", { name: "Your boosts, newest first" });
    const [, running, ended] = within(table).getAllByRole("row");
    const header = within(running as HTMLElement).getByRole("rowheader");
    expect(header.textContent).toContain("30 minutes for 300 coins");
    expect(header.textContent).toContain("Running");
    expect(header.textContent).toContain("paid by you");
    expect(
      within(running as HTMLElement)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["240", "12", "5.0%"]);
    expect(within(ended as HTMLElement).getByRole("rowheader").textContent).toContain(
      "paid by a supporter",
    );
    expect(
      within(ended as HTMLElement)
        .getAllByRole("cell")
        .map((cell) => cell.textContent),
    ).toEqual(["0", "0", "—"]);
    expect(figureValue("Impressions")).toBe("240");
    expect(figureValue("Clicks through")).toBe("12");
    expect(figureValue("Click rate")).toBe("5.0%");
  });

  it("says so when the stream was never boosted", async () => {
    renderSection(BoostsSection, { "creator.boosts": () => [] });
    await within(screen.getByRole("group", { name: "Your boosts" })).findByText(/^No boosts yet/);
  });
});

describe("clickRate", () => {
  it.each([
    [{ impressions: 0, clicks: 0 }, "—"],
    [{ impressions: 3, clicks: 1 }, "33.3%"],
    [{ impressions: 1_000, clicks: 1_000 }, "100.0%"],
    [{ impressions: 7, clicks: 0 }, "0.0%"],
  ])("writes %o as %s", (boost, rate) => {
    expect(clickRate(boost)).toBe(rate);
  });
});
