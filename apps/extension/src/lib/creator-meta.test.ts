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

/**
 * Resolves once an observer made now has been told of the next change to <head>. Observers are
 * told of a change in the order they were made, so by then the watcher under test has been too.
 */
function headChangeObserved(): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(document.head, { childList: true, subtree: true, attributes: true });
  });
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
    const observed = headChangeObserved();
    meta.setAttribute("content", "nova");
    addMeta("coinstream:creator", "other");
    await observed;
    expect(found).toHaveBeenCalledTimes(1);
  });

  it("reports nothing after it is stopped", async () => {
    const found = vi.fn();
    const stop = watchCreatorMeta(window, found);
    stop();
    const observed = headChangeObserved();
    addMeta("coinstream:creator", "nova");
    await observed;
    expect(found).not.toHaveBeenCalled();
  });
});
