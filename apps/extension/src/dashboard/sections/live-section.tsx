import { goalPercent } from "@coinstream/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import {
  formatCoins,
  formatCount,
  formatDateTime,
  formatDuration,
  parseWholeNumber,
} from "../../lib/format.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { useApi } from "../api-context.tsx";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { QueryView } from "../components/query-view.tsx";
import { Panel, Section } from "../components/section.tsx";
import { TextField, WholeNumberField } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";
import type { SectionProps } from "../types.ts";

type Session = NonNullable<OutputOf<"sessions.current">["session"]>;
type EndedSession = NonNullable<OutputOf<"sessions.end">>;

// Goal progress is published live to viewers; here a short poll keeps the bar fresh.
const POLL_MS = 10_000;

function GoalProgress({ goal }: { goal: NonNullable<Session["goal"]> }) {
  const percent = goalPercent(goal);
  const label = `${goal.title ?? "Goal"}: ${formatCount(goal.progressCoins)} of ${formatCoins(goal.targetCoins)}`;
  return (
    <div className="goal">
      <div className="goal-head">
        <span className="goal-title">{goal.title ?? "Goal"}</span>
        <span>
          {formatCount(goal.progressCoins)} / {formatCoins(goal.targetCoins)}
          {goal.reached && <span className="badge good">Reached</span>}
        </span>
      </div>
      <div
        className="goal-bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={goal.targetCoins}
        aria-valuenow={Math.min(goal.progressCoins, goal.targetCoins)}
        aria-valuetext={`${percent}%`}
      >
        <div className="goal-bar-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function GoalForm({ session, onChanged }: { session: Session; onChanged: () => void }) {
  const api = useApi();
  const [coinsText, setCoinsText] = useState(session.goal ? String(session.goal.targetCoins) : "");
  const [title, setTitle] = useState(session.goal?.title ?? "");
  const setGoal = useAction((coins: number) =>
    api.sessions.setGoal.mutate({ coins, title: title.trim() || null }),
  );
  const clearGoal = useAction(() => api.sessions.clearGoal.mutate());
  const coins = parseWholeNumber(coinsText);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (coins !== null && (await setGoal.run(coins))) onChanged();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="grid two tight">
        <WholeNumberField
          label="Goal (coins)"
          value={coinsText}
          onChange={(event) => setCoinsText(event.target.value)}
          notANumber="Enter a whole number of coins."
          error={fieldError(setGoal.error, "coins")}
        />
        <TextField
          label="What it is for (optional)"
          value={title}
          maxLength={100}
          onChange={(event) => setTitle(event.target.value)}
        />
      </div>
      <ErrorNote error={setGoal.error ?? clearGoal.error} />
      <div className="row">
        <BusyButton
          className="button primary"
          busy={setGoal.pending}
          busyLabel="Saving…"
          disabled={coins === null}
        >
          {session.goal ? "Update goal" : "Set goal"}
        </BusyButton>
        {session.goal && (
          <BusyButton
            type="button"
            className="button secondary"
            busy={clearGoal.pending}
            onClick={async () => {
              if (await clearGoal.run()) {
                setCoinsText("");
                setTitle("");
                onChanged();
              }
            }}
          >
            Remove goal
          </BusyButton>
        )}
      </div>
    </form>
  );
}

function EndedSummary({ session }: { session: EndedSession }) {
  return (
    <p className="success-note" role="status">
      Stream ended after {formatDuration(session.startedAt, session.endedAt ?? session.startedAt)}:{" "}
      {formatCoins(session.coins)} given.
    </p>
  );
}

/** Live & goal: go live and end, a coin goal with its progress. */
export function LiveSection({ status, focusOnMount }: SectionProps) {
  const api = useApi();
  const trpc = useTRPC();
  const current = useQuery(
    trpc.sessions.current.queryOptions({ handle: status.handle }, { refetchInterval: POLL_MS }),
  );
  const [title, setTitle] = useState("");
  const start = useAction(() => api.sessions.start.mutate({ title: title.trim() || null }));
  const end = useAction(() => api.sessions.end.mutate());
  const session = current.data?.live ? current.data.session : null;

  return (
    <Section
      id="live"
      title="Live & goal"
      focusOnMount={focusOnMount}
      intro="Tell Coinstream when you are live: gifts count toward the session and your goal, and your overlay shows the goal bar."
    >
      {end.result && !session && <EndedSummary session={end.result} />}
      <QueryView query={current} what="your stream">
        {() =>
          session ? (
            <>
              <Panel>
                <div className="card-head">
                  <h3 className="card-title">
                    <span className="live-dot" aria-hidden="true" /> Live
                    {session.title ? `: ${session.title}` : ""}
                  </h3>
                  <ConfirmButton
                    question="End the stream? The session's totals are kept."
                    confirmLabel="End stream"
                    pending={end.pending}
                    onConfirm={async () => {
                      if (await end.run()) await current.refetch();
                    }}
                  >
                    End stream
                  </ConfirmButton>
                </div>
                <p className="muted">
                  Since {formatDateTime(session.startedAt)} · {formatCoins(session.coins)} given so
                  far
                </p>
                <p className="muted small">
                  {session.startedBy === "auto"
                    ? "Started automatically: a gift arrived while your page was live. It ends by itself after 30 quiet minutes."
                    : "Started by you. It ends when you end it, or after 12 quiet hours."}
                </p>
                <ErrorNote error={end.error} />
                {session.goal ? (
                  <GoalProgress goal={session.goal} />
                ) : (
                  <p className="muted">No goal yet. A goal shows viewers how close you are.</p>
                )}
              </Panel>
              <Panel title={session.goal ? "Change the goal" : "Set a goal"}>
                <GoalForm
                  key={session.goal?.targetCoins ?? "none"}
                  session={session}
                  onChanged={() => void current.refetch()}
                />
              </Panel>
            </>
          ) : (
            <Panel title="You are offline">
              <form
                className="row align-field"
                onSubmit={async (event) => {
                  event.preventDefault();
                  end.reset();
                  if (await start.run()) await current.refetch();
                }}
              >
                <TextField
                  label="Stream title (optional)"
                  value={title}
                  maxLength={100}
                  onChange={(event) => setTitle(event.target.value)}
                />
                <BusyButton className="button primary" busy={start.pending} busyLabel="Starting…">
                  Go live
                </BusyButton>
              </form>
              <ErrorNote error={start.error} />
            </Panel>
          )
        }
      </QueryView>
    </Section>
  );
}
