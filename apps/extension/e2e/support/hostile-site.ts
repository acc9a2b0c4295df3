import { standInDocument, startStandIn } from "./stand-in-site.ts";

export interface HostileSite {
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  /** 127.0.0.1:PORT: the host a creator's verified website channel names. */
  readonly host: string;
  readonly close: () => Promise<void>;
}

/**
 * A page that declares a Coinstream creator with the meta tag, the way a creator's own site
 * does, and then turns on the viewer: its script (the functions below, which the E2E runs in the
 * page's own world) clicks everything it can reach, reads the DOM and hides or covers whatever
 * the extension shows. `/` serves it for `handle`.
 */
export async function startHostileSite(handle: string): Promise<HostileSite> {
  const site = await startStandIn((path) => (path === "/" ? page(handle) : null));
  return { origin: `http://${site.address}`, host: site.address, close: site.close };
}

function page(handle: string): string {
  return standInDocument({
    title: "Totally normal stream",
    head: `<meta name="coinstream:creator" content="${handle}" />`,
    body: `<body style="margin: 0; font-family: sans-serif">
    <main style="padding: 16px"><h1>Watch @${handle} here</h1></main>
  </body>`,
  });
}

/** What `captureShadowRoots` leaves on the hostile page's window. */
interface HostileWindow {
  /** Every shadow root attached since the page started, closed ones forced open. */
  captured: ShadowRoot[];
  /** The document and every shadow root the page can reach: open ones and the captured. */
  reachableRoots: () => (Document | ShadowRoot)[];
}

/**
 * The hostile page's own script, run before any other (`addInitScript`): it forces every shadow
 * root open and keeps it, and leaves `reachableRoots()` for its later scripts.
 */
export function captureShadowRoots(): void {
  const hostile = window as unknown as HostileWindow;
  const captured: ShadowRoot[] = [];
  hostile.captured = captured;
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, { ...init, mode: "open" });
    captured.push(root);
    return root;
  };
  hostile.reachableRoots = () => {
    const found: (Document | ShadowRoot)[] = [document];
    for (let i = 0; i < found.length; i++) {
      for (const element of (found[i] as ParentNode).querySelectorAll("*")) {
        if (element.shadowRoot && !found.includes(element.shadowRoot))
          found.push(element.shadowRoot);
      }
    }
    for (const root of captured) if (!found.includes(root)) found.push(root);
    return found;
  };
}

/**
 * Runs in the hostile page after `captureShadowRoots`: clicks (untrusted) every Coinstream
 * control it can reach, filling the tip form on the way, and posts messages to every frame. The
 * hide control is left alone, so the bar stays there to be attacked.
 */
export async function attackWithSyntheticClicks(): Promise<void> {
  const { reachableRoots } = window as unknown as HostileWindow;
  // Time for a control the extension wrongly obeyed to show what comes next (a confirm, a
  // form) before the next round of clicks: the expected outcome is that nothing happens, so
  // there is nothing to wait for.
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const clickAll = async (selector: string) => {
    for (const root of reachableRoots()) {
      for (const element of root.querySelectorAll<HTMLElement>(selector)) {
        element.click();
        element.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
        await pause(50);
      }
    }
  };
  const setValue = (selector: string, value: string) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set;
    for (const root of reachableRoots()) {
      for (const input of root.querySelectorAll<HTMLInputElement>(selector)) {
        setter?.call(input, value);
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }
  };
  for (let frame = 0; frame < window.frames.length; frame++) {
    for (const message of [
      { type: "send", giftId: "heart", count: 1 },
      { name: "api", body: { path: "tips.send", kind: "mutation", input: { coins: 50 } } },
    ]) {
      window.frames[frame]?.postMessage(message, "*");
    }
  }
  for (let round = 0; round < 2; round++) {
    await clickAll('[data-testid="expand-bar"], coinstream-launcher, [data-testid="launcher"]');
    await pause(300);
    await clickAll('[data-testid="gift-heart"]');
    await pause(300);
    await clickAll('[data-testid="send-gift"]');
    await pause(800);
    await clickAll('[data-testid="confirm-send"]');
    await pause(800);
    await clickAll('[data-testid="tab-tip"], [data-testid="tip-tab"]');
    await pause(300);
    setValue('[data-testid="tip-coins"]', "50");
    await clickAll('[data-testid="send-tip"]');
    await pause(800);
    await clickAll('[data-testid="confirm-send"]');
    await pause(500);
  }
}

/** Runs in the hostile page after `captureShadowRoots`: every text and attribute value it can read. */
export function readableTexts(): string[] {
  const { reachableRoots } = window as unknown as HostileWindow;
  const texts: string[] = [];
  for (const root of reachableRoots()) {
    for (const element of root.querySelectorAll("*")) {
      texts.push(element.textContent ?? "");
      for (const attribute of element.attributes) texts.push(attribute.value);
    }
  }
  return texts;
}
