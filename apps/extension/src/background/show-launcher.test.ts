import { describe, expect, it, vi } from "vitest";
import type { Caller } from "./access.ts";
import { launcherFiles, showLauncher } from "./show-launcher.ts";

const CONTENT: Caller = { kind: "content", tabId: 4, pageUrl: "https://creator.example/live" };

function deps(files = ["launcher.1a2b3c4d.js"]) {
  return { inject: vi.fn(async () => []), files: () => files };
}

describe("showLauncher", () => {
  it("injects the launcher's files into the detector's tab when the page declares a creator", async () => {
    const d = deps();
    await expect(showLauncher(CONTENT, { declaredHandle: "@Nova" }, d)).resolves.toEqual({
      ok: true,
    });
    expect(d.inject).toHaveBeenCalledExactlyOnceWith(4, ["launcher.1a2b3c4d.js"]);
  });

  it.each<Caller>([
    { kind: "panel", tabId: 4, pageUrl: "https://creator.example/live" },
    { kind: "popup" },
    { kind: "unknown" },
  ])("injects nothing when asked by a $kind context", async (caller) => {
    const d = deps();
    await expect(showLauncher(caller, { declaredHandle: "nova" }, d)).resolves.toEqual({
      ok: false,
    });
    expect(d.inject).not.toHaveBeenCalled();
  });

  it("injects nothing for a declaration that names no creator", async () => {
    const d = deps();
    for (const declaredHandle of ["", "no spaces allowed!", 42]) {
      await showLauncher(CONTENT, { declaredHandle } as never, d);
    }
    await showLauncher(CONTENT, undefined, d);
    expect(d.inject).not.toHaveBeenCalled();
  });

  it("answers not ok when the browser refuses the injection", async () => {
    const d = {
      files: () => ["launcher.js"],
      inject: vi.fn(async () => Promise.reject(new Error("gone"))),
    };
    await expect(showLauncher(CONTENT, { declaredHandle: "nova" }, d)).resolves.toEqual({
      ok: false,
    });
  });
});

describe("launcherFiles", () => {
  it("finds the launcher's hashed bundle among the manifest's content scripts", () => {
    const manifest = {
      content_scripts: [
        { matches: ["https://*/*"], js: ["detector.5e6f7a8b.js"] },
        { matches: ["https://*.twitch.tv/*"], js: ["launcher.1a2b3c4d.js"] },
      ],
    } as chrome.runtime.Manifest;
    expect(launcherFiles(manifest)).toEqual(["launcher.1a2b3c4d.js"]);
    expect(launcherFiles({} as chrome.runtime.Manifest)).toEqual([]);
  });
});
