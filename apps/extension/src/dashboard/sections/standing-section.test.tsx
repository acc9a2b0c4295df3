import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderSection } from "../testing/fake-api.tsx";
import { StandingSection } from "./standing-section.tsx";

afterEach(cleanup);

const GUIDELINES = {
  version: 2,
  title: "Community guidelines",
  body: "Be kind.",
  publishedAt: "2026-11-01T00:00:00.000Z",
  effectiveAt: "2026-11-01T00:00:00.000Z",
};
const accepted = { current: GUIDELINES, upcoming: null, acceptedVersion: 2, accepted: true };
const strike = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  reason: "spam links",
  issuedAt: "2026-11-20T10:00:00.000Z",
  withdrawn: false,
  counts: true,
  canAppeal: true,
  appeal: null,
  ...overrides,
});

describe("StandingSection", () => {
  it("shows a suspension's end and appeals a strike once", async () => {
    let appealed = false;
    const fake = renderSection(StandingSection, {
      "me.guidelines": () => accepted,
      "creator.standing": () => ({
        activeStrikes: 3,
        suspendedUntil: "2026-12-04T10:00:00.000Z",
        openAppeals: appealed ? 1 : 0,
        strikes: [
          strike(
            "s3",
            appealed
              ? {
                  canAppeal: false,
                  appeal: {
                    id: "a1",
                    message: "x",
                    status: "open",
                    createdAt: "2026-11-21T00:00:00.000Z",
                    decidedAt: null,
                    note: null,
                  },
                }
              : {},
          ),
          strike("s2", { canAppeal: false }),
        ],
      }),
      "creator.appealStrike": () => {
        appealed = true;
        return { appealId: "a1", status: "open" as const };
      },
    });
    expect((await screen.findByText(/^Gifts are paused until/)).textContent).toMatch(/4 Dec 2026/);
    screen.getByText("3 of 3 strikes count now.");
    const strikes = screen.getByRole("group", { name: "Strikes" });
    expect(within(strikes).getAllByRole("listitem")).toHaveLength(2);
    expect(within(strikes).getAllByRole("button", { name: "Appeal" })).toHaveLength(1);

    fireEvent.click(within(strikes).getByRole("button", { name: "Appeal" }));
    fireEvent.change(within(strikes).getByLabelText("Why should this strike be withdrawn?"), {
      target: { value: "It was a sponsor's link." },
    });
    fireEvent.click(within(strikes).getByRole("button", { name: "Send appeal" }));
    await within(strikes).findByText("Appeal open");
    expect(within(strikes).queryByRole("button", { name: "Appeal" })).toBeNull();
    expect(fake.inputsOf("creator.appealStrike")).toEqual([
      { strikeId: "s3", message: "It was a sponsor's link." },
    ]);
    screen.getByText("3 of 3 strikes count now · 1 appeal waiting.");
  });

  it("asks for the guidelines in effect and accepts them", async () => {
    let isAccepted = false;
    const fake = renderSection(StandingSection, {
      "me.guidelines": () =>
        isAccepted ? accepted : { ...accepted, acceptedVersion: 1, accepted: false },
      "me.acceptGuidelines": () => {
        isAccepted = true;
        return accepted;
      },
      "creator.standing": () => ({
        activeStrikes: 0,
        suspendedUntil: null,
        openAppeals: 0,
        strikes: [],
      }),
    });
    await screen.findByText("Viewers can send you gifts.");
    await screen.findByText(/^Community guidelines version 2 is in effect/);
    fireEvent.click(await screen.findByRole("button", { name: "Accept version 2" }));
    await waitFor(() =>
      expect(screen.queryByText(/^Community guidelines version 2 is in effect/)).toBeNull(),
    );
    expect(screen.queryByRole("button", { name: "Accept version 2" })).toBeNull();
    expect(fake.inputsOf("me.acceptGuidelines")).toEqual([{ version: 2 }]);
  });
});
