import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { STATUS, sectionProps } from "../testing/fixtures.ts";
import { OverviewSection } from "./overview-section.tsx";

afterEach(cleanup);

describe("OverviewSection", () => {
  it("shows held, available and reserved diamonds and the next release", () => {
    renderWithApi(<OverviewSection {...sectionProps()} />, fakeApi({}));
    expect(screen.getByTestId("diamonds-held").textContent).toBe("1,250");
    expect(screen.getByTestId("diamonds-available").getAttribute("data-value")).toBe("5000");
    expect(screen.getByTestId("diamonds-reserved").textContent).toBe("0");
    expect(screen.getByTestId("next-release").textContent).toMatch(/29 Nov 2026/);
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
      fakeApi({}),
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
      fakeApi({}),
    );
    const check = within(screen.getByTestId("checklist-withdraw")).getByTestId(
      "check-NO_PAYOUT_METHOD",
    );
    expect(check.getAttribute("data-met")).toBe("true");
  });
});
