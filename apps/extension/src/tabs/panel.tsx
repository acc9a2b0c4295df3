/*
 * The page panel: the gift bar (picker, count, tip form, balance, top gifters) as the extension's
 * own page, framed by the launcher inside the stream page. The page cannot reach into it (another
 * origin), its spends need a real click while it is fully visible, and the background checks
 * every request against the tab it sits in.
 */
import "../styles/tokens.css";
import "../gift-bar/gift-bar.css";
import "../gift-bar/panel-page.css";
import { useEffect, useMemo, useState } from "react";
import { SESSION_STORAGE_KEY } from "../background/session-store.ts";
import { GiftBarApp, type PageWindow } from "../gift-bar/components/gift-bar-app.tsx";
import { CLOSE_PANEL_MESSAGE } from "../gift-bar/components/launcher.tsx";
import { createExtensionServices } from "../gift-bar/extension-services.ts";
import { attachSpendGuard } from "../gift-bar/lib/spend-guard.ts";
import { readPanelParams } from "../gift-bar/panel-url.ts";

function closePanel() {
  window.parent.postMessage({ type: CLOSE_PANEL_MESSAGE }, "*");
}

/** Counts sign-ins and sign-outs (the session in chrome.storage.session), within a second. */
function useSessionEpoch(): number {
  const [epoch, setEpoch] = useState(0);
  useEffect(() => {
    const onChanged = (changes: Record<string, chrome.storage.StorageChange>, area: string) => {
      if (area === "session" && SESSION_STORAGE_KEY in changes) setEpoch((value) => value + 1);
    };
    chrome.storage.onChanged.addListener(onChanged);
    return () => chrome.storage.onChanged.removeListener(onChanged);
  }, []);
  return epoch;
}

export default function PanelPage() {
  const params = useMemo(() => readPanelParams(window.location.hash), []);
  const guard = useMemo(() => attachSpendGuard(window as PageWindow), []);
  useEffect(() => guard.detach, [guard]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") closePanel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const services = useMemo(
    () =>
      params &&
      createExtensionServices(window as PageWindow, {
        kind: "panel",
        target: params.target,
        hostname: params.hostname,
        guard,
        close: closePanel,
      }),
    [params, guard],
  );
  // Signing in or out anywhere starts the panel afresh: no balance or Send left from before.
  const epoch = useSessionEpoch();
  return (
    <div className="cs-root">
      {services ? <GiftBarApp key={epoch} services={services} /> : null}
    </div>
  );
}
