import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { sectionProps } from "../testing/fixtures.ts";
import { LiveSection } from "./live-section.tsx";

afterEach(cleanup);

type Current = OutputOf<"sessions.current">;
const session = {
  id: "s1",
  title: "Demo stream",
  startedAt: "2026-11-22T12:00:00.000Z",
  endedAt: null,
  startedBy: "manual" as const,
  endedBy: null,
  coins: 1_250,
  goal: null as null | {
    title: string | null;
    targetCoins: number;
    progressCoins: number;
    reached: boolean;
  },
};

describe("LiveSection", () => {
  it("goes live with a title", async () => {
    let current: Current = { handle: "nova", live: false, session: null };
    const fake = fakeApi({
      "sessions.current": () => current,
      "sessions.start": () => {
        current = { handle: "nova", live: true, session };
        return { started: true, session };
      },
    });
    renderWithApi(<LiveSection {...sectionProps()} />, fake);
    fireEvent.change(await screen.findByTestId("session-title"), {
      target: { value: "Demo stream" },
    });
    fireEvent.click(screen.getByTestId("go-live"));
    expect((await screen.findByTestId("live-session")).textContent).toContain("Live: Demo stream");
    expect(fake.inputsOf("sessions.start")).toEqual([{ title: "Demo stream" }]);
    expect(fake.inputsOf("sessions.current")[0]).toEqual({ handle: "nova" });
  });

  it("sets a goal and shows its progress as a progress bar", async () => {
    let current: Current = { handle: "nova", live: true, session };
    const fake = fakeApi({
      "sessions.current": () => current,
      "sessions.setGoal": ({ coins, title }) => {
        const updated = {
          ...session,
          goal: { title: title ?? null, targetCoins: coins, progressCoins: 1_250, reached: false },
        };
        current = { handle: "nova", live: true, session: updated };
        return updated;
      },
    });
    renderWithApi(<LiveSection {...sectionProps()} />, fake);
    fireEvent.change(await screen.findByTestId("goal-coins"), { target: { value: "5,000" } });
    fireEvent.change(screen.getByTestId("goal-title"), { target: { value: "New mic" } });
    fireEvent.click(screen.getByTestId("goal-submit"));
    const bar = await screen.findByRole("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe("1250");
    expect(bar.getAttribute("aria-valuemax")).toBe("5000");
    expect(bar.getAttribute("aria-valuetext")).toBe("25%");
    expect(fake.inputsOf("sessions.setGoal")).toEqual([{ coins: 5_000, title: "New mic" }]);
  });

  it("shows the goal bounds from the API next to the goal form", async () => {
    renderWithApi(
      <LiveSection {...sectionProps()} />,
      fakeApi({
        "sessions.current": () => ({ handle: "nova", live: true, session }),
        "sessions.setGoal": () => {
          throw apiError("BAD_REQUEST", "INVALID_INPUT", "A goal is 100 to 10,000,000 coins.", {
            details: { field: "coins" },
          });
        },
      }),
    );
    fireEvent.change(await screen.findByTestId("goal-coins"), { target: { value: "5" } });
    fireEvent.click(screen.getByTestId("goal-submit"));
    expect((await screen.findByTestId("goal-error")).textContent).toContain(
      "A goal is 100 to 10,000,000 coins.",
    );
  });

  it("ends the stream after confirming and shows its totals", async () => {
    let current: Current = { handle: "nova", live: true, session };
    const fake = fakeApi({
      "sessions.current": () => current,
      "sessions.end": () => {
        current = { handle: "nova", live: false, session: null };
        return { ...session, endedAt: "2026-11-22T14:05:00.000Z" };
      },
    });
    renderWithApi(<LiveSection {...sectionProps()} />, fake);
    fireEvent.click(await screen.findByTestId("end-stream"));
    fireEvent.click(screen.getByTestId("end-stream-confirm"));
    const ended = await screen.findByTestId("session-ended");
    expect(ended.textContent).toBe("Stream ended after 2 h 05 min: 1,250 coins given.");
    await waitFor(() => expect(screen.getByTestId("go-live")).toBeTruthy());
  });
});
