import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { InputOf, OutputOf } from "../../messaging/contract.ts";
import { apiError, type Handlers, renderSection } from "../testing/fake-api.tsx";
import { pressConfirmed } from "../testing/press-confirmed.ts";
import { OverlaySection } from "./overlay-section.tsx";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const SETTINGS: OutputOf<"creator.overlaySettings"> = {
  minAlertCoins: 0,
  alertSeconds: 6,
  sound: { enabled: true, volumePercent: 60 },
  fullScreenTiers: ["legendary"],
  showGoalBar: true,
  showTopGifters: true,
  colours: { highlight: "#f7c948", accent: "#9b5cff", text: "#ffffff", panel: "#0e0e16d1" },
};

function setup(handlers: Handlers = {}) {
  return renderSection(OverlaySection, {
    "overlay.get": () => ({ url: "https://cs.example/overlay/OLD", path: "/overlay/OLD" }),
    "creator.overlaySettings": () => SETTINGS,
    "creator.setOverlaySettings": (input) => input as OutputOf<"creator.setOverlaySettings">,
    ...handlers,
  });
}

const urlField = () => screen.getByLabelText("Overlay URL") as HTMLInputElement;
const urlPanel = () => screen.getByRole("group", { name: "Your overlay URL" });
const ROTATE_QUESTION = "Make a new URL? The current one stops working at once, in OBS too.";

/** Makes a new overlay URL, confirmed. */
async function rotate() {
  await screen.findByRole("button", { name: "Make a new URL" });
  pressConfirmed(urlPanel(), {
    button: "Make a new URL",
    question: ROTATE_QUESTION,
    confirm: "Make new URL",
  });
}

describe("OverlaySection: the overlay URL", () => {
  it("hides the URL's key until revealed, on the API's origin when the API gives a path", async () => {
    setup({ "overlay.get": () => ({ url: "/overlay/AAAA", path: "/overlay/AAAA" }) });
    const reveal = await screen.findByRole("button", { name: "Reveal" });
    expect(urlField().value).toBe("http://127.0.0.1:3000/overlay/••••••••••••");
    expect(reveal.getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(reveal);
    expect(urlField().value).toBe("http://127.0.0.1:3000/overlay/AAAA");
    fireEvent.click(screen.getByRole("button", { name: "Hide" }));
    expect(urlField().value).not.toContain("AAAA");
    within(screen.getByRole("group", { name: "Add it to OBS" })).getByText("Browser", {
      selector: "strong",
    });
  });

  it("copies the full URL while it stays hidden", async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    setup();
    fireEvent.click(await screen.findByRole("button", { name: "Copy URL" }));
    await screen.findByText("Copied");
    expect(writeText).toHaveBeenCalledWith("https://cs.example/overlay/OLD");
    expect(urlField().value).not.toContain("OLD");
  });

  it("rotates only after confirming, then shows the new URL", async () => {
    const fake = setup({
      "overlay.rotate": () => ({ url: "https://cs.example/overlay/NEW", path: "/overlay/NEW" }),
    });
    fireEvent.click(await screen.findByRole("button", { name: "Make a new URL" }));
    expect(fake.inputsOf("overlay.rotate")).toHaveLength(0);
    const question = screen.getByRole("group", { name: ROTATE_QUESTION });
    fireEvent.click(within(question).getByRole("button", { name: "Make new URL" }));
    await within(urlPanel()).findByText(
      "New URL made. The old one stopped working: paste this one into OBS.",
    );
    fireEvent.click(screen.getByRole("button", { name: "Reveal" }));
    expect(urlField().value).toBe("https://cs.example/overlay/NEW");
  });

  it("steps back from the confirmation with Escape", async () => {
    setup();
    fireEvent.click(await screen.findByRole("button", { name: "Make a new URL" }));
    fireEvent.keyDown(screen.getByRole("button", { name: "Make new URL" }), { key: "Escape" });
    expect(screen.queryByRole("group", { name: ROTATE_QUESTION })).toBeNull();
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole("button", { name: "Make a new URL" })),
    );
  });

  it("shows a rotate failure next to the button", async () => {
    setup({
      "overlay.rotate": () => {
        throw apiError("FORBIDDEN", "ACCOUNT_FROZEN", "This account is frozen.");
      },
    });
    await rotate();
    const error = await within(urlPanel()).findByRole("alert");
    expect(error.textContent).toContain("This account is frozen.");
    expect(error.textContent).toContain("support");
  });
});

const settingsPanel = () => screen.getByRole("group", { name: "Alert settings" });

describe("OverlaySection: alert settings", () => {
  it("shows the saved settings and saves every change whole", async () => {
    const fake = setup();
    const minimum = await screen.findByLabelText("Minimum coins for an alert");
    expect((minimum as HTMLInputElement).value).toBe("0");
    fireEvent.change(minimum, { target: { value: "100" } });
    fireEvent.change(screen.getByLabelText("Alert duration (seconds)"), {
      target: { value: "10" },
    });
    fireEvent.change(screen.getByLabelText("Volume: 60%"), { target: { value: "35" } });
    fireEvent.click(screen.getByRole("checkbox", { name: "Deluxe gifts" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Top gifters" }));
    fireEvent.change(screen.getByLabelText("Highlight"), { target: { value: "#00ff88" } });
    fireEvent.click(screen.getByRole("button", { name: "Save alert settings" }));

    await within(settingsPanel()).findByText("Saved. Your open overlays use the new settings now.");
    expect(fake.inputsOf("creator.setOverlaySettings")).toEqual<
      InputOf<"creator.setOverlaySettings">[]
    >([
      {
        minAlertCoins: 100,
        alertSeconds: 10,
        sound: { enabled: true, volumePercent: 35 },
        fullScreenTiers: ["legendary", "deluxe"],
        showGoalBar: true,
        showTopGifters: false,
        colours: { ...SETTINGS.colours, highlight: "#00ff88" },
      },
    ]);
  });

  it("turns the sound off and disables its volume", async () => {
    const fake = setup();
    fireEvent.click(await screen.findByRole("checkbox", { name: "Play a sound with each alert" }));
    expect((screen.getByLabelText("Volume: 60%") as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Save alert settings" }));
    await within(settingsPanel()).findByText(/^Saved\./);
    expect(fake.inputsOf("creator.setOverlaySettings")[0]?.sound).toEqual({
      enabled: false,
      volumePercent: 60,
    });
  });

  it("puts the API's validation error under the field it is about", async () => {
    setup({
      "creator.setOverlaySettings": () => {
        throw apiError("BAD_REQUEST", null, "Check the alert settings.", {
          fieldErrors: { alertSeconds: ["Too big: expected number to be <=30"] },
        });
      },
    });
    const seconds = await screen.findByLabelText("Alert duration (seconds)");
    fireEvent.change(seconds, { target: { value: "45" } });
    fireEvent.click(screen.getByRole("button", { name: "Save alert settings" }));
    await waitFor(() => expect(seconds.getAttribute("aria-invalid")).toBe("true"));
    screen.getByRole("textbox", {
      name: "Alert duration (seconds)",
      description: /Too big: expected number to be <=30/,
    });
    expect(
      screen.getByLabelText("Minimum coins for an alert").getAttribute("aria-invalid"),
    ).toBeNull();
  });

  it("refuses a colour that is not hex before asking the API", async () => {
    const fake = setup();
    const panel = await screen.findByLabelText("Card background");
    fireEvent.change(panel, { target: { value: "red" } });
    fireEvent.click(screen.getByRole("button", { name: "Save alert settings" }));
    await waitFor(() => expect(panel.getAttribute("aria-invalid")).toBe("true"));
    screen.getByRole("textbox", {
      name: "Card background",
      description: /Write a colour as #rgb, #rrggbb or #rrggbbaa\./,
    });
    expect(fake.inputsOf("creator.setOverlaySettings")).toEqual([]);
  });

  it("keeps a colour's alpha when one is picked", async () => {
    setup();
    const picker = await screen.findByLabelText("Pick the card background colour");
    expect((picker as HTMLInputElement).value).toBe("#0e0e16");
    fireEvent.change(picker, { target: { value: "#223344" } });
    expect((screen.getByLabelText("Card background") as HTMLInputElement).value).toBe("#223344d1");
  });
});

const testAlertsPanel = () => screen.getByRole("group", { name: "Send a test alert" });

describe("OverlaySection: test alerts", () => {
  it("plays each tier on the overlays, one button per tier", async () => {
    const fake = setup({
      "creator.sendTestAlert": ({ tier }) =>
        ({ sent: true, tier, event: {} }) as unknown as OutputOf<"creator.sendTestAlert">,
    });
    const group = await screen.findByRole("group", { name: "Send a test alert" });
    expect(
      within(group)
        .getAllByRole("button")
        .map((button) => button.textContent),
    ).toEqual([
      "Basic gift",
      "Premium gift",
      "Deluxe gift",
      "Legendary gift",
      "Tip",
      "Paid message",
    ]);
    fireEvent.click(within(group).getByRole("button", { name: "Legendary gift" }));
    await within(testAlertsPanel()).findByText("Test alert sent: legendary gift.");
    expect(fake.inputsOf("creator.sendTestAlert")).toEqual([{ tier: "legendary" }]);
  });

  it("says why a test alert failed", async () => {
    setup({
      "creator.sendTestAlert": () => {
        throw apiError("FORBIDDEN", "NOT_A_CREATOR", "Register a creator handle first.");
      },
    });
    fireEvent.click(await screen.findByRole("button", { name: "Tip" }));
    expect((await within(testAlertsPanel()).findByRole("alert")).textContent).toContain(
      "Register a creator handle first.",
    );
  });
});
