import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ReportCreator } from "./report-creator.tsx";

afterEach(cleanup);

describe("ReportCreator", () => {
  it("files a report with the chosen reason and details, then thanks the viewer", async () => {
    const report = vi.fn(async () => null);
    render(<ReportCreator handle="nova" report={report} />);
    fireEvent.click(screen.getByTestId("report-open"));
    fireEvent.change(screen.getByTestId("report-reason"), { target: { value: "scam" } });
    fireEvent.change(screen.getByTestId("report-details"), {
      target: { value: "  fake giveaway  " },
    });
    fireEvent.click(screen.getByTestId("report-send"));
    expect((await screen.findByTestId("report-sent")).textContent).toMatch(/An admin will look/);
    expect(report).toHaveBeenCalledWith("scam", "fake giveaway");
  });

  it("shows the API's refusal and keeps the form to try again", async () => {
    const report = vi.fn(
      async () => "You already reported this and an admin has not looked at it yet.",
    );
    render(<ReportCreator handle="nova" report={report} />);
    fireEvent.click(screen.getByTestId("report-open"));
    fireEvent.click(screen.getByTestId("report-send"));
    expect((await screen.findByTestId("report-error")).textContent).toBe(
      "You already reported this and an admin has not looked at it yet.",
    );
    expect(screen.getByTestId("report-form")).toBeTruthy();
  });
});
