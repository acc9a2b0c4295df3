import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { downloadText } from "../../lib/download-text.ts";
import type { InputOf, OutputOf } from "../../messaging/contract.ts";
import { figureValue } from "../../testing/queries.ts";
import { renderSection } from "../testing/fake-api.tsx";
import { CATALOG, SESSION } from "../testing/fixtures.ts";
import { AnalyticsSection } from "./analytics-section.tsx";

// Canvas drawing is chart.js's business; the test checks what each chart is given and says.
vi.mock("react-chartjs-2", () => {
  const stub =
    (kind: string) => (props: { "aria-label"?: string; data: { labels?: unknown[] } }) => (
      <canvas
        role="img"
        aria-label={props["aria-label"]}
        data-kind={kind}
        data-labels={JSON.stringify(props.data.labels ?? [])}
      />
    );
  return { Line: stub("line"), Bar: stub("bar"), Doughnut: stub("doughnut") };
});
vi.mock("../../lib/download-text.ts", () => ({ downloadText: vi.fn() }));

afterEach(cleanup);
beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-22T14:05:00Z"), toFake: ["Date"] });
  return () => vi.useRealTimers();
});

function dashboard(input: InputOf<"analytics.dashboard">): OutputOf<"analytics.dashboard"> {
  return {
    from: "2026-11-20T00:00:00.000Z",
    to: "2026-11-23T00:00:00.000Z",
    bucket: input.bucket ?? "day",
    totals: { events: 5, gifts: 4, tips: 1, messages: 0, coins: 30_059, diamonds: 15_029 },
    series: [
      {
        at: "2026-11-20T00:00:00.000Z",
        coins: 29_999,
        diamonds: 14_999,
        gifts: 1,
        tips: 0,
        messages: 0,
      },
      { at: "2026-11-21T00:00:00.000Z", coins: 0, diamonds: 0, gifts: 0, tips: 0, messages: 0 },
      { at: "2026-11-22T00:00:00.000Z", coins: 60, diamonds: 30, gifts: 3, tips: 1, messages: 0 },
    ],
    topGifters: [{ rank: 1, name: "Viewer", coins: 30_059 }],
    giftMix: [
      { giftId: "lion", count: 1, coins: 29_999, diamonds: 14_999 },
      { giftId: "rose", count: 3, coins: 3, diamonds: 1 },
    ],
    gifters: { new: 1, returning: 0 },
    sessions: [
      {
        ...SESSION,
        events: 5,
        coins: 60,
        diamonds: 30,
      },
    ],
    reversedDiamonds: 0,
  };
}

function setup() {
  return renderSection(AnalyticsSection, {
    "analytics.dashboard": dashboard,
    "analytics.exportCsv": () => ({
      filename: "coinstream-analytics.csv",
      csv: "bucket_start\n",
      rows: 1,
    }),
    "gifts.catalog": () => CATALOG,
  });
}

/** The analytics have arrived once the totals show. */
const loaded = () => screen.findByText("Coins given", { selector: "dt" });

describe("AnalyticsSection", () => {
  it("asks for the last 7 days in day buckets first and shows the totals", async () => {
    const fake = setup();
    await loaded();
    expect(figureValue("Coins given")).toBe("30,059");
    expect(figureValue("Diamonds earned")).toBe("15,029");
    expect(figureValue("Diamonds reversed")).toBe("0");
    expect(screen.getByRole("radio", { name: "7 days" })).toHaveProperty("checked", true);
    expect(screen.getByRole("radio", { name: "Daily" })).toHaveProperty("checked", true);
    expect(fake.inputsOf("analytics.dashboard")[0]).toEqual({
      from: "2026-11-15T15:00:00.000Z",
      to: "2026-11-22T15:00:00.000Z",
      bucket: "day",
    });
  });

  it("switches to 24 hours in hour buckets, and 90 days allows days only", async () => {
    const fake = setup();
    await loaded();
    fireEvent.click(screen.getByRole("radio", { name: "24 hours" }));
    await waitFor(() =>
      expect(fake.inputsOf("analytics.dashboard").at(-1)).toMatchObject({
        from: "2026-11-21T15:00:00.000Z",
        bucket: "hour",
      }),
    );
    expect(screen.getByRole("radio", { name: "Daily" })).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByRole("radio", { name: "90 days" }));
    await waitFor(() => expect(fake.inputsOf("analytics.dashboard").at(-1)?.bucket).toBe("day"));
    expect(screen.getByRole("radio", { name: "Hourly" })).toHaveProperty("disabled", true);
  });

  it("gives every chart a text alternative with its totals", async () => {
    setup();
    const overTime = await screen.findByRole("figure", {
      name: "Coins given and diamonds earned per day",
    });
    expect(within(overTime).getByRole("img").getAttribute("aria-label")).toBe(
      "From 20 Nov to 22 Nov: 30,059 coins given, 15,029 diamonds earned. Best day: 20 Nov with 29,999 coins.",
    );
    const mix = screen.getByRole("figure", { name: "Gift mix by coins" });
    await waitFor(() =>
      expect(within(mix).getByRole("img").getAttribute("aria-label")).toBe(
        "Gifts worth 30,002 coins in total. Lion: 1 sent, 29,999 coins; Rose: 3 sent, 3 coins.",
      ),
    );
    expect(
      within(screen.getByRole("figure", { name: "New and returning gifters" }))
        .getByRole("img")
        .getAttribute("aria-label"),
    ).toBe("1 person gave: 1 new, 0 returning (0% returning).");
    within(overTime).getByRole("table", { name: "Coins and diamonds per day" });
  });

  it("lists top gifters and sessions", async () => {
    setup();
    const gifters = await screen.findByRole("table", { name: "Top gifters in this range" });
    expect(within(gifters).getAllByRole("row")[1]?.textContent).toBe("1Viewer30,059");
    const sessions = screen.getByRole("table", { name: "Live sessions in this range" });
    const [session] = within(sessions).getAllByRole("row").slice(1);
    expect(session?.textContent).toContain("Live now");
    within(session as HTMLElement).getByText("Started by you");
  });

  it("downloads the CSV for the range on screen", async () => {
    const fake = setup();
    await loaded();
    fireEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    await waitFor(() =>
      expect(downloadText).toHaveBeenCalledWith("coinstream-analytics.csv", "bucket_start\n"),
    );
    await screen.findByText("Saved coinstream-analytics.csv.");
    expect(fake.inputsOf("analytics.exportCsv")[0]).toEqual(
      fake.inputsOf("analytics.dashboard")[0],
    );
  });
});
