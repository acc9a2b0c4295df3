import { createRoot } from "react-dom/client";
import { GiftBarApp, type PageWindow } from "./components/gift-bar-app.tsx";
import { createExtensionServices } from "./extension-services.ts";
import { panelUrl } from "./panel-url.ts";
import { GIFT_BAR_SHADOW_CSS } from "./shadow-css.ts";

/** The launcher's element in the page: its shadow root is closed, so the page sees an empty tag. */
export const LAUNCHER_TAG = "coinstream-launcher";

/** Mounts the launcher (once per page) in a closed shadow root at the end of the document. */
export function mountLauncher(win: PageWindow): void {
  const doc = win.document;
  if (doc.querySelector(LAUNCHER_TAG)) return;
  const host = doc.createElement(LAUNCHER_TAG);
  const shadow = host.attachShadow({ mode: "closed" });
  const style = doc.createElement("style");
  style.textContent = GIFT_BAR_SHADOW_CSS;
  const container = doc.createElement("div");
  container.className = "cs-root";
  shadow.append(style, container);
  doc.documentElement.append(host);
  const services = createExtensionServices(win, {
    kind: "launcher",
    panelUrl: (target, hostname) =>
      panelUrl((path) => chrome.runtime.getURL(path), { target, hostname }),
  });
  createRoot(container).render(<GiftBarApp services={services} />);
}
