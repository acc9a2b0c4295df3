import { afterEach, describe, expect, it, vi } from "vitest";
import { findCreatorMeta, watchCreatorMeta } from "./creator-meta.ts";

afterEach(() => {
  document.head.innerHTML = "";
});

function addMeta(name: string, content: string) {
  const meta = document.createElement("meta");
  meta.setAttribute("name", name);
  meta.setAttribute("content", content);
  document.head.append(meta);
  return meta;
}

describe("findCreatorMeta", () => {
  it("reads the declared handle whatever the name's letter case", () => {
    addMeta("description", "a page");
    addMeta("Coinstream:Creator", "  @nova ");
    expect(findCreatorMeta(document)).toBe("@nova");
  });

  it("finds nothing on a page without the tag or with an empty one", () => {
    expect(findCreatorMeta(document)).toBeNull();
    addMeta("coinstream:creator", "   ");
    expect(findCreatorMeta(document)).toBeNull();
  });
});

describe("watchCreatorMeta", () => {
  it("reports a tag already on the page at once", () => {
    addMeta("coinstream:creator", "nova");
    const found = vi.fn();
    watchCreatorMeta(window, found);
    expect(found).toHaveBeenCalledExactlyOnceWith("nova");
  });

  it("reports a tag a single-page site adds later, once, and then stops watching", async () => {
    const found = vi.fn();
    watchCreatorMeta(window, found);
    expect(found).not.toHaveBeenCalled();
    const meta = addMeta("coinstream:creator", "pixel");
    await vi.waitFor(() => expect(found).toHaveBeenCalledExactlyOnceWith("pixel"));
    meta.setAttribute("content", "nova");
    addMeta("coinstream:creator", "other");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(found).toHaveBeenCalledTimes(1);
  });

  it("reports nothing after it is stopped", async () => {
    const found = vi.fn();
    const stop = watchCreatorMeta(window, found);
    stop();
    addMeta("coinstream:creator", "nova");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(found).not.toHaveBeenCalled();
  });
});
