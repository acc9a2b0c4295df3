import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { apiError, fakeApi, renderWithApi } from "../testing/fake-api.tsx";
import { sectionProps } from "../testing/fixtures.ts";
import { OverlaySection } from "./overlay-section.tsx";

afterEach(cleanup);

describe("OverlaySection", () => {
  it("shows the full overlay URL on the API's origin when the API gives a path", async () => {
    renderWithApi(
      <OverlaySection {...sectionProps()} />,
      fakeApi({ "overlay.get": () => ({ url: "/overlay/AAAA", path: "/overlay/AAAA" }) }),
    );
    const field = (await screen.findByTestId("overlay-url")) as HTMLInputElement;
    expect(field.value).toBe("http://127.0.0.1:3000/overlay/AAAA");
    expect(screen.getByTestId("overlay-copy")).toBeTruthy();
    expect(screen.getByText(/Browser/, { selector: "strong" })).toBeTruthy();
  });

  it("rotates only after confirming, then shows the new URL", async () => {
    const fake = fakeApi({
      "overlay.get": () => ({ url: "https://cs.example/overlay/OLD", path: "/overlay/OLD" }),
      "overlay.rotate": () => ({ url: "https://cs.example/overlay/NEW", path: "/overlay/NEW" }),
    });
    renderWithApi(<OverlaySection {...sectionProps()} />, fake);
    fireEvent.click(await screen.findByTestId("overlay-rotate"));
    expect(fake.inputsOf("overlay.rotate")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("overlay-rotate-confirm"));
    await screen.findByTestId("overlay-rotated");
    expect((screen.getByTestId("overlay-url") as HTMLInputElement).value).toBe(
      "https://cs.example/overlay/NEW",
    );
  });

  it("steps back from the confirmation with Escape", async () => {
    const fake = fakeApi({
      "overlay.get": () => ({ url: "https://cs.example/overlay/OLD", path: "/overlay/OLD" }),
    });
    renderWithApi(<OverlaySection {...sectionProps()} />, fake);
    fireEvent.click(await screen.findByTestId("overlay-rotate"));
    fireEvent.keyDown(screen.getByTestId("overlay-rotate-confirm"), { key: "Escape" });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("overlay-rotate")));
  });

  it("shows a rotate failure next to the button", async () => {
    renderWithApi(
      <OverlaySection {...sectionProps()} />,
      fakeApi({
        "overlay.get": () => ({ url: "https://cs.example/overlay/OLD", path: "/overlay/OLD" }),
        "overlay.rotate": () => {
          throw apiError("FORBIDDEN", "ACCOUNT_FROZEN", "This account is frozen.");
        },
      }),
    );
    fireEvent.click(await screen.findByTestId("overlay-rotate"));
    fireEvent.click(screen.getByTestId("overlay-rotate-confirm"));
    const error = await screen.findByTestId("overlay-rotate-error");
    expect(error.textContent).toContain("This account is frozen.");
    expect(error.textContent).toContain("support");
  });
});
