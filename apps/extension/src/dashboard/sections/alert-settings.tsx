import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { parseWholeNumber } from "../../lib/format.ts";
import type { InputOf, OutputOf } from "../../messaging/contract.ts";
import { useApi } from "../api-context.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { QueryView } from "../components/query-view.tsx";
import { TextField } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";

type Settings = OutputOf<"creator.overlaySettings">;
type GiftTier = Settings["fullScreenTiers"][number];
type Colour = keyof Settings["colours"];
type AlertTier = InputOf<"creator.sendTestAlert">["tier"];

const GIFT_TIERS: readonly { readonly tier: GiftTier; readonly label: string }[] = [
  { tier: "basic", label: "Basic gifts" },
  { tier: "premium", label: "Premium gifts" },
  { tier: "deluxe", label: "Deluxe gifts" },
  { tier: "legendary", label: "Legendary gifts" },
];

const COLOURS: readonly { readonly key: Colour; readonly label: string; readonly hint: string }[] =
  [
    { key: "highlight", label: "Highlight", hint: "Names and highlights." },
    { key: "accent", label: "Accent", hint: "Premium frames and the goal bar." },
    { key: "text", label: "Text", hint: "The alerts' text." },
    { key: "panel", label: "Card background", hint: "Add two digits of alpha to see through it." },
  ];

/** What the overlay shows besides alerts. */
const SHOW_TOGGLES = [
  { key: "showGoalBar", label: "Goal bar" },
  { key: "showTopGifters", label: "Top gifters" },
] as const;

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

/** `#rgb` → `#rrggbb` for the colour picker, which takes nothing else (alpha is kept aside). */
function pickerValue(colour: string): string {
  if (!HEX_COLOUR.test(colour)) return "#000000";
  if (colour.length === 4) return `#${[...colour.slice(1)].map((c) => c + c).join("")}`;
  return colour.slice(0, 7);
}

interface Draft {
  minAlertCoins: string;
  alertSeconds: string;
  soundEnabled: boolean;
  volumePercent: number;
  fullScreenTiers: GiftTier[];
  showGoalBar: boolean;
  showTopGifters: boolean;
  colours: Record<Colour, string>;
}

function toDraft(settings: Settings): Draft {
  return {
    minAlertCoins: String(settings.minAlertCoins),
    alertSeconds: String(settings.alertSeconds),
    soundEnabled: settings.sound.enabled,
    volumePercent: settings.sound.volumePercent,
    fullScreenTiers: [...settings.fullScreenTiers],
    showGoalBar: settings.showGoalBar,
    showTopGifters: settings.showTopGifters,
    colours: { ...settings.colours },
  };
}

/** Problems the page can see before asking the API (the API checks the ranges again). */
function checkDraft(draft: Draft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (parseWholeNumber(draft.minAlertCoins) === null) {
    errors.minAlertCoins = "Enter a whole number of coins, like 100 (0 plays every alert).";
  }
  if (parseWholeNumber(draft.alertSeconds) === null) {
    errors.alertSeconds = "Enter a whole number of seconds from 2 to 30.";
  }
  for (const { key } of COLOURS) {
    if (!HEX_COLOUR.test(draft.colours[key])) {
      errors[`colours.${key}`] = "Write a colour as #rgb, #rrggbb or #rrggbbaa.";
    }
  }
  return errors;
}

function SettingsForm({ settings }: { settings: Settings }) {
  const api = useApi();
  const [draft, setDraft] = useState(() => toDraft(settings));
  const [checked, setChecked] = useState<Record<string, string>>({});
  const save = useAction((input: InputOf<"creator.setOverlaySettings">) =>
    api.creator.setOverlaySettings.mutate(input),
  );
  const id = useId();
  const update = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    save.reset();
  };
  const errorOf = (field: string) => checked[field] ?? fieldError(save.error, field);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = checkDraft(draft);
    setChecked(problems);
    if (Object.keys(problems).length > 0) return;
    await save.run({
      minAlertCoins: parseWholeNumber(draft.minAlertCoins) ?? 0,
      alertSeconds: parseWholeNumber(draft.alertSeconds) ?? 0,
      sound: { enabled: draft.soundEnabled, volumePercent: draft.volumePercent },
      fullScreenTiers: draft.fullScreenTiers,
      showGoalBar: draft.showGoalBar,
      showTopGifters: draft.showTopGifters,
      colours: draft.colours,
    });
  }

  const soundError = fieldError(save.error, "sound");
  const tiersError = fieldError(save.error, "fullScreenTiers");
  const coloursError = fieldError(save.error, "colours");
  return (
    <form className="stack-lg" onSubmit={submit} noValidate>
      <div className="grid two tight">
        <TextField
          label="Minimum coins for an alert"
          hint="Smaller gifts still count toward your goal and top gifters."
          inputMode="numeric"
          value={draft.minAlertCoins}
          onChange={(event) => update({ minAlertCoins: event.target.value })}
          error={errorOf("minAlertCoins")}
        />
        <TextField
          label="Alert duration (seconds)"
          hint="2 to 30 seconds; paid messages stay twice as long."
          inputMode="numeric"
          value={draft.alertSeconds}
          onChange={(event) => update({ alertSeconds: event.target.value })}
          error={errorOf("alertSeconds")}
          testId="alert-seconds"
        />
      </div>
      <fieldset className="stack" aria-describedby={soundError ? `${id}-sound-error` : undefined}>
        <legend>Sound</legend>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.soundEnabled}
            onChange={(event) => update({ soundEnabled: event.target.checked })}
          />
          Play a sound with each alert
        </label>
        <div className="field volume">
          <label htmlFor={`${id}-volume`}>Volume: {draft.volumePercent}%</label>
          <input
            id={`${id}-volume`}
            type="range"
            min={0}
            max={100}
            step={5}
            value={draft.volumePercent}
            disabled={!draft.soundEnabled}
            onChange={(event) => update({ volumePercent: Number(event.target.value) })}
          />
        </div>
        {soundError && (
          <p className="field-error" id={`${id}-sound-error`}>
            {soundError}
          </p>
        )}
      </fieldset>
      <fieldset className="stack">
        <legend>Full-screen alerts</legend>
        <p className="field-hint">
          The tiers you tick take over the whole frame; others stack at the top.
        </p>
        <div className="checks">
          {GIFT_TIERS.map(({ tier, label }) => (
            <label className="checkbox" key={tier}>
              <input
                type="checkbox"
                checked={draft.fullScreenTiers.includes(tier)}
                onChange={(event) =>
                  update({
                    fullScreenTiers: event.target.checked
                      ? [...draft.fullScreenTiers, tier]
                      : draft.fullScreenTiers.filter((t) => t !== tier),
                  })
                }
              />
              {label}
            </label>
          ))}
        </div>
        {tiersError && <p className="field-error">{tiersError}</p>}
      </fieldset>
      <fieldset className="stack">
        <legend>On the overlay</legend>
        <div className="checks">
          {SHOW_TOGGLES.map(({ key, label }) => (
            <label className="checkbox" key={key}>
              <input
                type="checkbox"
                checked={draft[key]}
                onChange={(event) => update({ [key]: event.target.checked })}
              />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset
        className="stack"
        aria-describedby={coloursError ? `${id}-colours-error` : undefined}
      >
        <legend>Colours</legend>
        <div className="colours">
          {COLOURS.map(({ key, label, hint }) => (
            <div className="colour-field" key={key}>
              <input
                type="color"
                className="swatch"
                aria-label={`Pick the ${label.toLowerCase()} colour`}
                value={pickerValue(draft.colours[key])}
                onChange={(event) =>
                  update({
                    colours: {
                      ...draft.colours,
                      // The picker has no alpha: an 8-digit colour keeps its own.
                      [key]:
                        event.target.value +
                        (draft.colours[key].length === 9 ? draft.colours[key].slice(7) : ""),
                    },
                  })
                }
              />
              <TextField
                label={label}
                hint={hint}
                spellCheck={false}
                value={draft.colours[key]}
                maxLength={9}
                onChange={(event) =>
                  update({ colours: { ...draft.colours, [key]: event.target.value.trim() } })
                }
                error={checked[`colours.${key}`] ?? null}
              />
            </div>
          ))}
        </div>
        {coloursError && (
          <p className="field-error" id={`${id}-colours-error`}>
            {coloursError}
          </p>
        )}
      </fieldset>
      <ErrorNote error={save.error} />
      {save.result && (
        <p className="success-note" role="status" data-testid="alert-settings-saved">
          Saved. Your open overlays use the new settings now.
        </p>
      )}
      <div>
        <BusyButton
          className="button primary"
          busy={save.pending}
          busyLabel="Saving…"
          data-testid="alert-settings-submit"
        >
          Save alert settings
        </BusyButton>
      </div>
    </form>
  );
}

/** The alert settings the overlay applies live: loaded from the API, saved whole. */
export function AlertSettings() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.creator.overlaySettings.queryOptions());
  return (
    <QueryView query={settings} what="your alert settings">
      {(data) => <SettingsForm settings={data} />}
    </QueryView>
  );
}

const TEST_TIERS: readonly { readonly tier: AlertTier; readonly label: string }[] = [
  { tier: "basic", label: "Basic gift" },
  { tier: "premium", label: "Premium gift" },
  { tier: "deluxe", label: "Deluxe gift" },
  { tier: "legendary", label: "Legendary gift" },
  { tier: "tip", label: "Tip" },
  { tier: "message", label: "Paid message" },
];

/**
 * One button per tier: plays it on the creator's open overlays, moving no coins. The panel around
 * it names the group ("Send a test alert").
 */
export function TestAlerts() {
  const api = useApi();
  const send = useAction((tier: AlertTier) => api.creator.sendTestAlert.mutate({ tier }));
  const sent = send.result ? TEST_TIERS.find((t) => t.tier === send.result?.tier) : null;
  return (
    <div className="stack">
      <p className="muted small">
        Plays on every overlay you have open (OBS, or the preview tab). No coins move and nothing is
        counted.
      </p>
      <div className="row">
        {TEST_TIERS.map(({ tier, label }) => (
          <button
            key={tier}
            type="button"
            className="button secondary small"
            disabled={send.pending}
            onClick={() => void send.run(tier)}
            data-testid={`test-alert-${tier}`}
          >
            {label}
          </button>
        ))}
      </div>
      {sent && (
        <p
          className="success-note"
          role="status"
          data-testid="test-alert-sent"
          data-tier={sent.tier}
        >
          Test alert sent: {sent.label.toLowerCase()}.
        </p>
      )}
      <ErrorNote error={send.error} />
    </div>
  );
}
