import { useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { formatCount, formatShortDateTime } from "../../lib/format.ts";
import type { InputOf, OutputOf } from "../../messaging/contract.ts";
import { useCall } from "../hooks/use-call.ts";
import { usePopup } from "../popup-context.tsx";
import { ErrorText } from "./error-text.tsx";
import { Field } from "./field.tsx";
import { QueryError } from "./query-error.tsx";
import { Section } from "./section.tsx";

type Limits = OutputOf<"limits.get">;
type CapField =
  | "dailyCoins"
  | "weeklyCoins"
  | "monthlyCoins"
  | "perSpendCoins"
  | "confirmFromCoins";
type CapValues = Record<CapField, string>;

const CAP_FIELDS: readonly { field: CapField; label: string; hint: string }[] = [
  { field: "dailyCoins", label: "Per day", hint: "Any 24 hours" },
  { field: "weeklyCoins", label: "Per week", hint: "Any 7 days" },
  { field: "monthlyCoins", label: "Per month", hint: "Any 30 days" },
  { field: "perSpendCoins", label: "Per gift or tip", hint: "One send" },
  {
    field: "confirmFromCoins",
    label: "Ask me to confirm from",
    hint: "Sends this size or bigger ask first",
  },
];

const COOLING_OFF_CHOICES: readonly { hours: number; label: string }[] = [
  { hours: 24, label: "24 hours" },
  { hours: 72, label: "3 days" },
  { hours: 24 * 7, label: "7 days" },
  { hours: 24 * 30, label: "30 days" },
];

function capOf(limits: Limits | null, field: CapField): number | null {
  const value = limits?.viewer?.[field];
  return typeof value === "number" ? value : null;
}

function valuesOf(limits: Limits | null): CapValues {
  const values = {} as CapValues;
  for (const { field } of CAP_FIELDS) {
    const cap = capOf(limits, field);
    values[field] = cap === null ? "" : String(cap);
  }
  return values;
}

function activeCoolingOff(limits: Limits | null, now: Date): string | null {
  const until = limits?.viewer?.coolingOffUntil ?? null;
  return until && Date.parse(until) > now.getTime() ? until : null;
}

/** Spending caps and cooling-off: tightening applies now, loosening after 24 hours. */
export function LimitsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const limits = useQuery(trpc.limits.get.queryOptions());
  const setLimits = (next: NonNullable<typeof limits.data>) =>
    queryClient.setQueryData(trpc.limits.get.queryKey(), next);

  return (
    <Section id="limits" title="Spending limits">
      <p className="small muted">
        Limits cap the coins you can spend on gifts, tips, boosts and messages. Lowering a limit
        applies right away. Raising or removing one takes effect after 24 hours, so a decision made
        in the heat of a stream can't be undone in it.
      </p>
      <QueryError query={limits} />
      {limits.isLoading && !limits.data ? <p className="muted small">Loading…</p> : null}
      {limits.data ? (
        <>
          <CapsForm limits={limits.data} onSaved={setLimits} />
          <CoolingOff limits={limits.data} onSaved={setLimits} />
        </>
      ) : null}
    </Section>
  );
}

function CapsForm({
  limits,
  onSaved,
}: {
  readonly limits: Limits;
  readonly onSaved: (limits: Limits) => void;
}) {
  const { api } = usePopup();
  const [values, setValues] = useState<CapValues>(() => valuesOf(limits));
  const { error, isBusy: isSaving, run } = useCall();
  const [localErrors, setLocalErrors] = useState<Partial<Record<CapField, string>>>({});
  const [saved, setSaved] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const changes: Partial<Record<CapField, number | null>> = {};
    const problems: Partial<Record<CapField, string>> = {};
    for (const { field } of CAP_FIELDS) {
      const text = values[field].trim();
      const next = text === "" ? null : Number(text);
      if (next !== null && (!Number.isInteger(next) || next < 0 || next > 100_000_000)) {
        problems[field] = "Enter a whole number of coins, or leave it empty for no limit.";
        continue;
      }
      if (next !== capOf(limits, field)) changes[field] = next;
    }
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (Object.keys(changes).length === 0) {
      setSaved("Nothing changed.");
      return;
    }
    await run(async () => {
      const result = await api.limits.set.mutate(changes as InputOf<"limits.set">);
      const { scheduled, ...next } = result;
      setSaved(
        scheduled.length > 0
          ? `Saved. ${scheduled.length === Object.keys(changes).length ? "" : "Lower limits apply now. "}Raised or removed limits take effect on ${formatShortDateTime(scheduled[0]?.effectiveAt ?? "")}.`
          : "Saved. Your new limits apply now.",
      );
      setValues(valuesOf(next));
      onSaved(next);
    });
  }

  const pendingFor = (field: CapField) => limits.pending.find((change) => change.field === field);
  const guardianCap = (field: CapField) => {
    const value = limits.guardian?.[field];
    return typeof value === "number" ? value : null;
  };

  return (
    <form className="form" onSubmit={save} aria-label="Spending limits" noValidate>
      <div className="limits-grid">
        {CAP_FIELDS.map(({ field, label, hint }) => {
          const pending = pendingFor(field);
          const guardian = guardianCap(field);
          return (
            <Field
              key={field}
              label={label}
              hint={`${hint}${
                pending
                  ? `. ${pending.coins === null ? "Removed" : `Rises to ${formatCount(pending.coins)}`} on ${formatShortDateTime(pending.effectiveAt)}`
                  : ""
              }${guardian !== null ? `. Guardian's limit: ${formatCount(guardian)}` : ""}`}
              error={localErrors[field] ?? error?.fieldErrors[field]?.[0] ?? null}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              placeholder="No limit"
              value={values[field]}
              onChange={(event) => setValues({ ...values, [field]: event.target.value })}
            />
          );
        })}
      </div>
      {error && Object.keys(error.fieldErrors).length === 0 ? <ErrorText error={error} /> : null}
      {saved ? (
        <p className="notice notice--good small" role="status">
          {saved}
        </p>
      ) : null}
      <BusyButton className="button" busy={isSaving} busyLabel="Saving…">
        Save limits
      </BusyButton>
    </form>
  );
}

function CoolingOff({
  limits,
  onSaved,
}: {
  readonly limits: Limits;
  readonly onSaved: (limits: Limits) => void;
}) {
  const { api, now } = usePopup();
  const headingId = useId();
  const [hours, setHours] = useState(24);
  const [isConfirming, setIsConfirming] = useState(false);
  const { error, isBusy: isSaving, run } = useCall();
  const current = now();
  const activeUntil = activeCoolingOff(limits, current);
  const until = new Date(current.getTime() + hours * 3_600_000);
  const isShorter = activeUntil !== null && until.getTime() <= Date.parse(activeUntil);

  const start = () =>
    run(async () => {
      const { scheduled: _scheduled, ...next } = await api.limits.set.mutate({
        coolingOffUntil: new Date(now().getTime() + hours * 3_600_000).toISOString(),
      });
      setIsConfirming(false);
      onSaved(next);
    });

  return (
    <section className="card section" aria-labelledby={headingId}>
      <h2 id={headingId}>Take a break</h2>
      {activeUntil ? (
        <p className="notice notice--warn" role="status">
          Cooling-off until <strong>{formatShortDateTime(activeUntil)}</strong>: you can't spend
          coins until then. It can be extended, not shortened.
        </p>
      ) : (
        <p className="small muted">
          Cooling-off pauses all spending until the time you choose. Once started it can be extended
          but not shortened or lifted.
        </p>
      )}
      <div className="row">
        <Field label={activeUntil ? "Extend to" : "Pause spending for"}>
          {(control) => (
            <select
              {...control}
              value={hours}
              onChange={(event) => {
                setHours(Number(event.target.value));
                setIsConfirming(false);
              }}
            >
              {COOLING_OFF_CHOICES.map((choice) => (
                <option key={choice.hours} value={choice.hours}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!isConfirming ? (
          <button
            type="button"
            className="button button--ghost"
            disabled={isShorter}
            onClick={() => setIsConfirming(true)}
          >
            {activeUntil ? "Extend" : "Start"}
          </button>
        ) : null}
      </div>
      {isShorter ? <p className="small muted">Your cooling-off already runs past that.</p> : null}
      {isConfirming ? (
        <div className="notice notice--warn" role="alertdialog" aria-label="Confirm cooling-off">
          <p>
            You won't be able to spend coins until{" "}
            <strong>{formatShortDateTime(until.toISOString())}</strong>. This can't be undone.
          </p>
          <p style={{ display: "flex", gap: 8, marginTop: 8 }}>
            <BusyButton
              type="button"
              className="button button--small"
              onClick={() => void start()}
              busy={isSaving}
              busyLabel="Starting…"
            >
              Yes, pause spending
            </BusyButton>
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => setIsConfirming(false)}
            >
              Cancel
            </button>
          </p>
        </div>
      ) : null}
      <ErrorText error={error} />
    </section>
  );
}
