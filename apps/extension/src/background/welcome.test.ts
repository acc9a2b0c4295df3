import { describe, expect, it, vi } from "vitest";
import { openWelcomeOnInstall } from "./welcome.ts";

function setup() {
  const openTab = vi.fn(async (_url: string) => ({}));
  const onInstalled = openWelcomeOnInstall({
    openTab,
    pageUrl: (path) => `chrome-extension://abc/${path}`,
  });
  return { openTab, onInstalled };
}

describe("openWelcomeOnInstall", () => {
  it("opens the welcome page when the extension is first installed", () => {
    const { openTab, onInstalled } = setup();
    onInstalled({ reason: "install" });
    expect(openTab).toHaveBeenCalledExactlyOnceWith("chrome-extension://abc/tabs/welcome.html");
  });

  it.each(["update", "chrome_update", "shared_module_update"])("opens nothing on %s", (reason) => {
    const { openTab, onInstalled } = setup();
    onInstalled({ reason });
    expect(openTab).not.toHaveBeenCalled();
  });
});
