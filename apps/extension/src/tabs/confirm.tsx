/*
 * The spend confirmation window: a popup window of the extension's own page, opened by the
 * background for one large spend (or one the viewer's threshold asks to confirm). No web page can
 * open, frame or cover it; its Confirm needs a real click, armed only after a moment so a click
 * meant for the page underneath cannot land on it.
 */
import "../styles/tokens.css";
import "../gift-bar/gift-bar.css";
import "../gift-bar/confirm-page.css";
import { useEffect, useState } from "react";
import { formatCoins } from "../lib/format.ts";
import type { SpendConfirmationResult } from "../messaging/contract.ts";
import { sendMessage } from "../popup/send-message.ts";

const ARM_AFTER_MS = 600;

type Summary = Extract<SpendConfirmationResult, { ok: true }>["summary"];

export default function ConfirmPage() {
  const id = window.location.hash.replace(/^#/, "");
  const [summary, setSummary] = useState<Summary | null | "gone">(null);
  const [armed, setArmed] = useState(false);

  useEffect(() => {
    let tries = 0;
    let timer: number | undefined;
    const ask = async () => {
      const answer = await sendMessage("spend-confirmation", { id, action: "get" });
      if (answer.ok) setSummary(answer.summary);
      else if (++tries < 10) timer = window.setTimeout(ask, 100);
      else setSummary("gone");
    };
    void ask();
    const arm = window.setTimeout(() => setArmed(true), ARM_AFTER_MS);
    return () => {
      window.clearTimeout(timer);
      window.clearTimeout(arm);
    };
  }, [id]);

  const answer = (action: "approve" | "cancel") => (event: { isTrusted: boolean }) => {
    if (action === "approve" && (!event.isTrusted || !armed)) return;
    void sendMessage("spend-confirmation", { id, action }).then(() => window.close());
  };

  return (
    <main className="cs-root cs-confirm-window" data-testid="confirm-window">
      {summary === null ? (
        <p>Loading…</p>
      ) : summary === "gone" ? (
        <p>This request is no longer waiting. You can close this window.</p>
      ) : (
        <section className="cs-bar" aria-labelledby="confirm-title">
          <div className="cs-body">
            <h1 id="confirm-title" className="cs-title">
              Send {formatCoins(summary.coins)}?
            </h1>
            <p data-testid="confirm-summary">
              {summary.what} to {summary.to}, from the page {summary.site}.
            </p>
            <div className="cs-send-row">
              <button
                type="button"
                className="cs-secondary"
                data-testid="confirm-window-cancel"
                onClick={answer("cancel")}
              >
                Cancel
              </button>
              <button
                type="button"
                className="cs-primary"
                data-testid="confirm-window-send"
                disabled={!armed}
                onClick={answer("approve")}
              >
                Send {formatCoins(summary.coins)}
              </button>
            </div>
          </div>
        </section>
      )}
    </main>
  );
}
