import { describe, expect, it, vi } from "vitest";
import { handleOpenTab } from "./open-tab.ts";

describe("handleOpenTab", () => {
  it("opens an http(s) address in a new active tab", async () => {
    const createTab = vi.fn(async () => ({}));
    const result = await handleOpenTab(
      { url: "http://127.0.0.1:3000/sandbox/checkout/cs_1" },
      createTab,
    );
    expect(result).toEqual({ ok: true, data: null });
    expect(createTab).toHaveBeenCalledWith({
      url: "http://127.0.0.1:3000/sandbox/checkout/cs_1",
      active: true,
    });
  });

  it.each(["javascript:alert(1)", "data:text/html,hi", "chrome://settings", "not a url"])(
    "refuses %s",
    async (url) => {
      const createTab = vi.fn(async () => ({}));
      const result = await handleOpenTab({ url }, createTab);
      expect(result).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
      expect(createTab).not.toHaveBeenCalled();
    },
  );
});
