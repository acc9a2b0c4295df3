import { describe, expect, it } from "vitest";
import { buildChecklist, REQUIREMENTS, summarizeChecklist } from "./eligibility-checklist.ts";
import { sectionFromHash } from "./sections.ts";

describe("buildChecklist", () => {
  it("marks every requirement met when nothing is missing", () => {
    const items = buildChecklist("receive", []);
    expect(items.map((item) => item.met)).toEqual(REQUIREMENTS.receive.map(() => true));
    expect(items.every((item) => item.detail === null && item.fixIn === null)).toBe(true);
  });

  it("marks the missing ones with the API's message and where to fix them", () => {
    const items = buildChecklist("receive", [
      { code: "NO_VERIFIED_CHANNEL", message: "Link a channel and verify that it is yours." },
    ]);
    const channel = items.find((item) => item.code === "NO_VERIFIED_CHANNEL");
    expect(channel).toEqual({
      code: "NO_VERIFIED_CHANNEL",
      label: "A verified channel",
      met: false,
      detail: "Link a channel and verify that it is yours.",
      fixIn: { section: "channels", action: "Link and verify a channel" },
    });
    expect(items.filter((item) => !item.met)).toHaveLength(1);
  });

  it("points a missing payout method to Earnings when withdrawing", () => {
    const items = buildChecklist("withdraw", [
      {
        code: "ACCOUNT_TOO_NEW",
        message: "Withdrawals open 7 days after you join, on 2026-11-29.",
      },
      { code: "NO_PAYOUT_METHOD", message: "Add a payout method before withdrawing." },
    ]);
    expect(
      items.filter((item) => !item.met).map((item) => [item.code, item.fixIn?.section]),
    ).toEqual([
      ["ACCOUNT_TOO_NEW", undefined],
      ["NO_PAYOUT_METHOD", "earnings"],
    ]);
  });

  it("shows a reason it does not know, unmet, with the API's message when the API is newer", () => {
    const items = buildChecklist("withdraw", [
      { code: "TAX_FORM_MISSING", message: "Send your tax form." },
    ]);
    expect(items.at(-1)).toEqual({
      code: "TAX_FORM_MISSING",
      label: "Send your tax form.",
      met: false,
      detail: null,
      fixIn: null,
    });
  });
});

describe("summarizeChecklist", () => {
  it("counts what is done, or says all set", () => {
    expect(summarizeChecklist(buildChecklist("withdraw", []))).toBe("All set");
    expect(
      summarizeChecklist(buildChecklist("withdraw", [{ code: "NO_PAYOUT_METHOD", message: "x" }])),
    ).toBe("4 of 5 done");
  });
});

describe("sectionFromHash", () => {
  it("reads a section from the hash and falls back to the overview", () => {
    expect(sectionFromHash("#earnings")).toBe("earnings");
    expect(sectionFromHash("Inbox")).toBe("inbox");
    expect(sectionFromHash("#nope")).toBe("overview");
    expect(sectionFromHash("")).toBe("overview");
  });
});
