import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useReload, useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { GuidelinesMarkdown } from "../../lib/guidelines-markdown.tsx";
import type { OutputOf } from "../../messaging/contract.ts";
import { useApi } from "../api-context.tsx";
import { ErrorNote } from "../components/error-note.tsx";
import { QueryView } from "../components/query-view.tsx";
import { Empty, Panel, Section } from "../components/section.tsx";
import { Field } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";
import type { SectionProps } from "../types.ts";

type Strike = OutputOf<"creator.standing">["strikes"][number];

const APPEAL_LABELS = {
  open: "Appeal open",
  upheld: "Appeal upheld",
  withdrawn: "Withdrawn on appeal",
};

/**
 * Where the creator stands with the community guidelines: strikes (three within 90 days stop
 * gifts for 14 days), the suspension's end, appeals (one per strike), and the guidelines to
 * accept when a new version is in effect.
 */
export function StandingSection({ focusOnMount, reloadStatus }: SectionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const standing = useQuery(trpc.creator.standing.queryOptions());
  const guidelines = useQuery(trpc.me.guidelines.queryOptions());
  const reloadStanding = useReload(trpc.creator.standing.queryKey());
  const api = useApi();
  const accept = useAction((version: number) => api.me.acceptGuidelines.mutate({ version }));

  return (
    <Section
      id="standing"
      title="Standing"
      intro="Strikes count for 90 days. Three of them stop gifts for 14 days from the third; you can appeal each strike once."
      focusOnMount={focusOnMount}
    >
      {guidelines.data && !guidelines.data.accepted ? (
        <div className="notice stack">
          <strong>
            Community guidelines version {guidelines.data.current.version} is in effect: accept it
            to receive gifts again.
          </strong>
          <div className="guidelines-text">
            <GuidelinesMarkdown body={guidelines.data.current.body} />
          </div>
          <ErrorNote error={accept.error} />
          <BusyButton
            type="button"
            className="button primary"
            busy={accept.pending}
            onClick={async () => {
              const status = await accept.run(guidelines.data?.current.version ?? 0);
              if (status) {
                queryClient.setQueryData(trpc.me.guidelines.queryKey(), status);
                void reloadStatus();
              }
            }}
          >
            Accept version {guidelines.data.current.version}
          </BusyButton>
        </div>
      ) : null}
      <QueryView query={standing} what="your standing">
        {(data) => (
          <>
            <Panel>
              {data.suspendedUntil ? (
                <p className="notice">
                  Gifts are paused until {formatDateTime(data.suspendedUntil)}.
                </p>
              ) : (
                <p className="success-note">Viewers can send you gifts.</p>
              )}
              <p className="muted small">
                {data.activeStrikes} of 3 strikes count now
                {data.openAppeals > 0
                  ? ` · ${data.openAppeals} appeal${data.openAppeals === 1 ? "" : "s"} waiting`
                  : ""}
                .
              </p>
            </Panel>
            <Panel title="Strikes">
              {data.strikes.length === 0 ? (
                <Empty>No strikes in the last year.</Empty>
              ) : (
                <ul className="strike-list" data-testid="strike-list">
                  {data.strikes.map((strike) => (
                    <StrikeItem key={strike.id} strike={strike} onAppealed={reloadStanding} />
                  ))}
                </ul>
              )}
            </Panel>
          </>
        )}
      </QueryView>
    </Section>
  );
}

function StrikeItem({ strike, onAppealed }: { strike: Strike; onAppealed: () => Promise<void> }) {
  const api = useApi();
  const reasonId = useId();
  const [isOpen, setIsOpen] = useState(false);
  const [message, setMessage] = useState("");
  const appeal = useAction(() =>
    api.creator.appealStrike.mutate({ strikeId: strike.id, message: message.trim() }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if ((await appeal.run()) !== undefined) {
      setIsOpen(false);
      await onAppealed();
    }
  }

  return (
    <li className="stack" aria-labelledby={reasonId}>
      <div className="row">
        <strong id={reasonId}>{strike.reason}</strong>
        <span className="muted small">{formatDate(strike.issuedAt)}</span>
        {strike.counts ? <span className="badge bad">Counts</span> : null}
        {strike.appeal ? (
          <span className={`badge ${strike.appeal.status === "withdrawn" ? "good" : "neutral"}`}>
            {APPEAL_LABELS[strike.appeal.status]}
          </span>
        ) : null}
      </div>
      {strike.appeal?.note ? <p className="muted small">Admin: {strike.appeal.note}</p> : null}
      {strike.canAppeal && !isOpen ? (
        <button
          type="button"
          className="button secondary small"
          data-testid="strike-appeal-open"
          onClick={() => setIsOpen(true)}
        >
          Appeal
        </button>
      ) : null}
      {isOpen ? (
        <form className="stack" onSubmit={submit}>
          <Field label="Why should this strike be withdrawn?">
            {(control) => (
              <textarea
                {...control}
                minLength={10}
                maxLength={2000}
                rows={3}
                value={message}
                onChange={(event) => setMessage(event.target.value)}
                data-testid="strike-appeal-message"
              />
            )}
          </Field>
          <ErrorNote error={appeal.error} />
          <div className="row">
            <BusyButton
              className="button primary small"
              busy={appeal.pending}
              disabled={message.trim().length < 10}
              data-testid="strike-appeal-send"
            >
              Send appeal
            </BusyButton>
            <button
              type="button"
              className="button secondary small"
              onClick={() => setIsOpen(false)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
