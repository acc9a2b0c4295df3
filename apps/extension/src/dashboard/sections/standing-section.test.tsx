import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { sectionProps } from "../testing/fixtures.ts";
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
    const fake = fakeApi({
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
    renderWithApi(<StandingSection {...sectionProps()} />, fake);
    expect((await screen.findByTestId("standing-suspended")).textContent).toMatch(/4 Dec 2026/);
    expect(screen.getByTestId("standing-counts").textContent).toBe("3 of 3 strikes count now.");
    expect(screen.getAllByTestId("strike-appeal-open")).toHaveLength(1);

    fireEvent.click(screen.getByTestId("strike-appeal-open"));
    fireEvent.change(screen.getByTestId("strike-appeal-message"), {
      target: { value: "It was a sponsor's link." },
    });
    fireEvent.click(screen.getByTestId("strike-appeal-send"));
    expect(await screen.findByText("Appeal open")).toBeTruthy();
    expect(screen.queryByTestId("strike-appeal-open")).toBeNull();
    expect(fake.inputsOf("creator.appealStrike")).toEqual([
      { strikeId: "s3", message: "It was a sponsor's link." },
    ]);
    expect(screen.getByTestId("standing-counts").textContent).toMatch(/1 appeal waiting/);
  });

  it("asks for the guidelines in effect and accepts them", async () => {
    let isAccepted = false;
    const fake = fakeApi({
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
    renderWithApi(<StandingSection {...sectionProps()} />, fake);
    expect(await screen.findByTestId("standing-ok")).toBeTruthy();
    fireEvent.click(await screen.findByTestId("standing-accept-guidelines"));
    await waitFor(() => expect(screen.queryByTestId("standing-guidelines")).toBeNull());
    expect(fake.inputsOf("me.acceptGuidelines")).toEqual([{ version: 2 }]);
  });
});
