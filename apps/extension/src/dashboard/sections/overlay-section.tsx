import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { useDashboard } from "../api-context.tsx";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { CopyButton } from "../components/copy-button.tsx";
import { ErrorNote } from "../components/error-note.tsx";
import { QueryView } from "../components/query-view.tsx";
import { Panel, Section } from "../components/section.tsx";
import { useAction } from "../hooks/use-action.ts";
import { absoluteOverlayUrl, maskOverlayUrl } from "../lib/overlay-url.ts";
import type { SectionProps } from "../types.ts";
import { AlertSettings, TestAlerts } from "./alert-settings.tsx";

/**
 * The alert studio: the OBS browser-source URL (masked, with reveal, copy and a confirmed
 * rotate), test alerts per tier, the alert settings the overlay applies live, and how to add it
 * to OBS.
 */
export function OverlaySection({ focusOnMount }: SectionProps) {
  const { api, apiUrl } = useDashboard();
  const trpc = useTRPC();
  const overlay = useQuery(trpc.overlay.get.queryOptions());
  const rotate = useAction(() => api.overlay.rotate.mutate());
  const current = rotate.result ?? overlay.data;
  const url = current ? absoluteOverlayUrl(current.url, apiUrl) : null;
  // Hidden by default: a stream of the dashboard must not show the key to viewers.
  const [revealed, setRevealed] = useState(false);

  return (
    <Section
      id="overlay"
      title="Alert studio"
      focusOnMount={focusOnMount}
      intro="Show gift alerts, combos, tips, paid messages, your goal bar and top gifters on your stream, the way you want them."
    >
      <Panel title="Your overlay URL">
        <QueryView query={{ data: url ?? undefined, error: overlay.error }} what="your overlay URL">
          {(url) => (
            <div className="stack">
              <div className="row">
                <label className="visually-hidden" htmlFor="overlay-url">
                  Overlay URL
                </label>
                <input
                  id="overlay-url"
                  className="mono grow"
                  readOnly
                  value={revealed ? url : maskOverlayUrl(url)}
                  onFocus={(event) => event.currentTarget.select()}
                  aria-describedby="overlay-secret"
                  data-testid="overlay-url"
                  data-revealed={revealed}
                />
                <button
                  type="button"
                  className="button secondary"
                  aria-pressed={revealed}
                  aria-controls="overlay-url"
                  onClick={() => setRevealed((shown) => !shown)}
                  data-testid="overlay-reveal"
                >
                  {revealed ? "Hide" : "Reveal"}
                </button>
                <CopyButton text={url} label="Copy URL" />
              </div>
              <p className="muted small" id="overlay-secret">
                Keep it secret: anyone with this URL can show your alerts. If it leaks, make a new
                one.
              </p>
              {rotate.result && (
                <p className="success-note" role="status">
                  New URL made. The old one stopped working: paste this one into OBS.
                </p>
              )}
              <div className="row">
                <a className="button secondary" href={url} target="_blank" rel="noreferrer">
                  Preview in a tab
                </a>
                <ConfirmButton
                  question="Make a new URL? The current one stops working at once, in OBS too."
                  confirmLabel="Make new URL"
                  pending={rotate.pending}
                  onConfirm={() => rotate.run()}
                >
                  Make a new URL
                </ConfirmButton>
              </div>
              <ErrorNote error={rotate.error} />
            </div>
          )}
        </QueryView>
      </Panel>
      <Panel title="Send a test alert" testId="test-alerts">
        <TestAlerts />
      </Panel>
      <Panel title="Alert settings">
        <AlertSettings />
      </Panel>
      <Panel title="Add it to OBS">
        <ol className="steps">
          <li>
            In OBS Studio, under <strong>Sources</strong>, press <strong>+</strong> and pick{" "}
            <strong>Browser</strong>. Name it “Coinstream alerts”.
          </li>
          <li>
            Paste the URL above into <strong>URL</strong>. Set <strong>Width</strong> and{" "}
            <strong>Height</strong> to your canvas size (for example 1920 × 1080).
          </li>
          <li>
            Leave the custom CSS as it is: the overlay's background is transparent, so only the
            alerts show.
          </li>
          <li>
            Press <strong>OK</strong>, then drag the source above your camera and game in the list
            so alerts draw on top.
          </li>
          <li>Send yourself a small gift from the extension to see an alert.</li>
        </ol>
        <p className="muted small">
          Streamlabs Desktop and other tools work the same way: add a “Browser Source” with this
          URL.
        </p>
      </Panel>
    </Section>
  );
}
