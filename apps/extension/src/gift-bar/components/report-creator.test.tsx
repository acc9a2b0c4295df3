import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ReportCreator } from "./report-creator.tsx";

afterEach(cleanup);

describe("ReportCreator", () => {
  it("files a report with the chosen reason and details, then thanks the viewer", async () => {
    const report = vi.fn(async () => null);
    render(<ReportCreator handle="nova" report={report} />);
    fireEvent.click(screen.getByRole("button", { name: "Report @nova" }));
    fireEvent.change(screen.getByLabelText("Why are you reporting @nova?"), {
      target: { value: "scam" },
    });
    fireEvent.change(screen.getByLabelText("Details (optional)"), {
      target: { value: "  fake giveaway  " },
    });
    fireEvent.click(screen.getByRole("button", { name: "Send report" }));
    expect((await screen.findByRole("status")).textContent).toBe(
      "Thanks. An admin will look at your report.",
    );
    expect(screen.queryByRole("form", { name: "Report @nova" })).toBeNull();
    expect(report).toHaveBeenCalledWith("scam", "fake giveaway");
  });

  it("shows the API's refusal and keeps the form to try again", async () => {
    const report = vi.fn(
      async () => "You already reported this and an admin has not looked at it yet.",
    );
    render(<ReportCreator handle="nova" report={report} />);
    fireEvent.click(screen.getByRole("button", { name: "Report @nova" }));
    fireEvent.click(screen.getByRole("button", { name: "Send report" }));
    const form = screen.getByRole("form", { name: "Report @nova" });
    expect((await within(form).findByRole("alert")).textContent).toBe(
      "You already reported this and an admin has not looked at it yet.",
    );
    within(form).getByRole("button", { name: "Send report" });
  });
});
