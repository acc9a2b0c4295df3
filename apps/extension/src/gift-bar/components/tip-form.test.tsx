import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
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
    const stickers = screen.getByRole("group", { name: "Sticker (optional, shown on stream)" });
    const sticker = (name: string) => within(stickers).getByRole("button", { name });
    expect(sticker("No sticker").getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(sticker("Trophy sticker"));
    expect(sticker("Trophy sticker").getAttribute("aria-pressed")).toBe("true");
    expect(sticker("No sticker").getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(screen.getByRole("button", { name: "Tip 100 coins" }));
    expect(onSend).toHaveBeenLastCalledWith(100, null, "sticker-trophy");

    fireEvent.click(sticker("No sticker"));
    fireEvent.click(screen.getByRole("button", { name: "Tip 100 coins" }));
    expect(onSend).toHaveBeenLastCalledWith(100, null, null);
  });

  it("shows no sticker picker to a viewer who owns none", () => {
    const onSend = vi.fn();
    render(<TipForm basis={null} canSend busy={false} onSend={onSend} />);
    expect(screen.queryByRole("group", { name: /^Sticker/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Tip 100 coins" }));
    expect(onSend).toHaveBeenCalledWith(100, null, null);
  });
});
