import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TipForm } from "./tip-form.tsx";

afterEach(cleanup);

const STICKERS = [
  { id: "sticker-fire", name: "Fire sticker", text: "🔥" },
  { id: "sticker-trophy", name: "Trophy sticker", text: "🏆" },
];

describe("TipForm", () => {
  it("offers the stickers the viewer owns and sends the one picked with the tip", () => {
    const onSend = vi.fn();
    render(<TipForm basis={null} canSend busy={false} stickers={STICKERS} onSend={onSend} />);
    expect(screen.getByTestId("tip-sticker-none").getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Trophy sticker" }));
    expect(screen.getByTestId("tip-sticker-sticker-trophy").getAttribute("aria-pressed")).toBe(
      "true",
    );
    fireEvent.click(screen.getByTestId("send-tip"));
    expect(onSend).toHaveBeenLastCalledWith(100, null, "sticker-trophy");

    fireEvent.click(screen.getByTestId("tip-sticker-none"));
    fireEvent.click(screen.getByTestId("send-tip"));
    expect(onSend).toHaveBeenLastCalledWith(100, null, null);
  });

  it("shows no sticker picker to a viewer who owns none", () => {
    const onSend = vi.fn();
    render(<TipForm basis={null} canSend busy={false} onSend={onSend} />);
    expect(screen.queryByTestId("tip-stickers")).toBeNull();
    fireEvent.click(screen.getByTestId("send-tip"));
    expect(onSend).toHaveBeenCalledWith(100, null, null);
  });
});
