import { describe, expect, it } from "vitest";
import { memoryStore } from "../testing/fake-services.ts";
import { createHiddenSites, hiddenKey } from "./hidden-sites.ts";

describe("createHiddenSites", () => {
  it("shows the bar until the viewer hides it on that site", async () => {
    const sites = createHiddenSites(memoryStore());
    expect(await sites.isHidden("www.twitch.tv")).toBe(false);
    await sites.setHidden("www.twitch.tv", true);
    expect(await sites.isHidden("www.twitch.tv")).toBe(true);
    expect(await sites.isHidden("www.youtube.com")).toBe(false);
  });

  it("keeps the choice in storage, so a new page (a reload) reads it back", async () => {
    const store = memoryStore();
    await createHiddenSites(store).setHidden("WWW.Twitch.tv", true);
    expect(store.data.get(hiddenKey("www.twitch.tv"))).toBe(true);
    expect(await createHiddenSites(store).isHidden("www.twitch.tv")).toBe(true);
  });

  it("removes the setting when shown again", async () => {
    const store = memoryStore();
    const sites = createHiddenSites(store);
    await sites.setHidden("kick.com", true);
    await sites.setHidden("kick.com", false);
    expect(store.data.size).toBe(0);
    expect(await sites.isHidden("kick.com")).toBe(false);
  });

  it("tells other tabs of the same site about a change until unsubscribed", async () => {
    const store = memoryStore();
    const seen: boolean[] = [];
    const stop = createHiddenSites(store).subscribe("kick.com", (hidden) => seen.push(hidden));
    await createHiddenSites(store).setHidden("kick.com", true);
    await createHiddenSites(store).setHidden("twitch.tv", true);
    await createHiddenSites(store).setHidden("kick.com", false);
    stop();
    await createHiddenSites(store).setHidden("kick.com", true);
    expect(seen).toEqual([true, false]);
  });
});
