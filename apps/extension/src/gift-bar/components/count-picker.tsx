import { useEffect, useId, useState } from "react";

export const COUNT_PRESETS = [1, 5, 10, 99] as const;
export const MAX_COUNT = 999;

/** How many of the gift to send at once: a preset or any count up to 999. */
export function CountPicker({
  count,
  onChange,
}: {
  readonly count: number;
  readonly onChange: (count: number) => void;
}) {
  const inputId = useId();
  // What the viewer is typing: an empty field while they type is fine, the count stays valid.
  const [draft, setDraft] = useState(String(count));
  useEffect(() => setDraft(String(count)), [count]);
  return (
    <fieldset className="cs-fieldset cs-counts">
      <legend className="cs-label cs-legend">Count</legend>
      {COUNT_PRESETS.map((preset) => (
        <button
          key={preset}
          type="button"
          className="cs-chip"
          aria-pressed={count === preset}
          onClick={() => onChange(preset)}
        >
          {preset}
        </button>
      ))}
      <label className="cs-visually-hidden" htmlFor={inputId}>
        Any count from 1 to {MAX_COUNT}
      </label>
      <input
        id={inputId}
        className="cs-input cs-count-input"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_COUNT}
        value={draft}
        onChange={(event) => {
          const text = event.currentTarget.value;
          setDraft(text);
          const typed = Number(text);
          if (text.trim() !== "" && Number.isFinite(typed)) onChange(clampCount(typed));
        }}
        onBlur={() => setDraft(String(count))}
      />
    </fieldset>
  );
}

/** Any typed number as a count the API accepts (1-999, whole). */
export function clampCount(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(MAX_COUNT, Math.max(1, Math.trunc(value)));
}
