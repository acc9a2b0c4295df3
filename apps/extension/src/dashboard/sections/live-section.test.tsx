import { cleanup, fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { OutputOf } from "../../messaging/contract.ts";
import { apiError, renderSection } from "../testing/fake-api.tsx";
import { SESSION } from "../testing/fixtures.ts";
import { pressConfirmed } from "../testing/press-confirmed.ts";
import { LiveSection } from "./live-section.tsx";

afterEach(cleanup);

type Current = OutputOf<"sessions.current">;
const session = {
  ...SESSION,
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
    const fake = renderSection(LiveSection, {
      "sessions.current": () => current,
      "sessions.start": () => {
        current = { handle: "nova", live: true, session };
        return { started: true, session };
      },
    });
    const offline = await screen.findByRole("group", { name: "You are offline" });
    fireEvent.change(within(offline).getByLabelText("Stream title (optional)"), {
      target: { value: "Demo stream" },
    });
    fireEvent.click(within(offline).getByRole("button", { name: "Go live" }));
    await screen.findByRole("heading", { name: "Live: Demo stream" });
    screen.getByText("Started by you. It ends when you end it, or after 12 quiet hours.");
    expect(fake.inputsOf("sessions.start")).toEqual([{ title: "Demo stream" }]);
    expect(fake.inputsOf("sessions.current")[0]).toEqual({ handle: "nova" });
  });

  it("sets a goal and shows its progress as a progress bar", async () => {
    let current: Current = { handle: "nova", live: true, session };
    const fake = renderSection(LiveSection, {
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
    fireEvent.change(await screen.findByLabelText("Goal (coins)"), { target: { value: "5,000" } });
    fireEvent.change(screen.getByLabelText("What it is for (optional)"), {
      target: { value: "New mic" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Set goal" }));
    const bar = await screen.findByRole("progressbar", { name: "New mic: 1,250 of 5,000 coins" });
    expect(bar.getAttribute("aria-valuenow")).toBe("1250");
    expect(bar.getAttribute("aria-valuemax")).toBe("5000");
    expect(bar.getAttribute("aria-valuetext")).toBe("25%");
    expect(fake.inputsOf("sessions.setGoal")).toEqual([{ coins: 5_000, title: "New mic" }]);
  });

  it("fills the goal bar to 100% only once the session recorded the goal reached", async () => {
    const goal = { title: null, targetCoins: 5_000, progressCoins: 5_000, reached: false };
    const showGoal = async (reached: boolean) => {
      cleanup();
      const current: Current = {
        handle: "nova",
        live: true,
        session: { ...session, goal: { ...goal, reached } },
      };
      renderSection(LiveSection, { "sessions.current": () => current });
      return screen.findByRole("progressbar", { name: "Goal: 5,000 of 5,000 coins" });
    };
    expect((await showGoal(false)).getAttribute("aria-valuetext")).toBe("99%");
    expect(screen.queryByText("Reached")).toBeNull();
    expect((await showGoal(true)).getAttribute("aria-valuetext")).toBe("100%");
    screen.getByText("Reached");
  });

  it("shows the goal bounds from the API next to the goal form", async () => {
    renderSection(LiveSection, {
      "sessions.current": () => ({ handle: "nova", live: true, session }),
      "sessions.setGoal": () => {
        throw apiError("BAD_REQUEST", "INVALID_INPUT", "A goal is 100 to 10,000,000 coins.", {
          details: { field: "coins" },
        });
      },
    });
    fireEvent.change(await screen.findByLabelText("Goal (coins)"), { target: { value: "5" } });
    fireEvent.click(screen.getByRole("button", { name: "Set goal" }));
    const goalForm = screen.getByRole("group", { name: "Set a goal" });
    expect((await within(goalForm).findByRole("alert")).textContent).toContain(
      "A goal is 100 to 10,000,000 coins.",
    );
  });

  it("ends the stream after confirming and shows its totals", async () => {
    let current: Current = { handle: "nova", live: true, session };
    renderSection(LiveSection, {
      "sessions.current": () => current,
      "sessions.end": () => {
        current = { handle: "nova", live: false, session: null };
        return { ...session, endedAt: "2026-11-22T14:05:00.000Z" };
      },
    });
    await screen.findByRole("button", { name: "End stream" });
    pressConfirmed(document.body, {
      button: "End stream",
      question: "End the stream? The session's totals are kept.",
    });
    const ended = await screen.findByRole("status");
    expect(ended.textContent).toBe("Stream ended after 2 h 05 min: 1,250 coins given.");
    await screen.findByRole("button", { name: "Go live" });
  });
});
