import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useReload, useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
import { formatCoins, formatDate, parseWholeNumber } from "../../lib/format.ts";
import type { InputOf, OutputOf } from "../../messaging/contract.ts";
import { useApi } from "../api-context.tsx";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { QueryView } from "../components/query-view.tsx";
import { Panel, Section } from "../components/section.tsx";
import { Field, TextField, WholeNumberField } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";
import type { SectionProps } from "../types.ts";

type Tier = OutputOf<"perks.tiers">[number];
type TierFields = InputOf<"perks.define">;

interface Draft {
  name: string;
  minCoins: string;
  badge: string;
  perkText: string;
  perkUrl: string;
}

const EMPTY_DRAFT: Draft = { name: "", minCoins: "", badge: "", perkText: "", perkUrl: "" };

function draftOf(tier: Tier): Draft {
  return {
    name: tier.name,
    minCoins: String(tier.minCoins),
    badge: tier.badge ?? "",
    perkText: tier.perkText ?? "",
    perkUrl: tier.perkUrl ?? "",
  };
}

/** Blank optional fields are sent as null (cleared), not as empty text. */
function fieldsOf(draft: Draft): TierFields | null {
  const minCoins = parseWholeNumber(draft.minCoins);
  if (minCoins === null) return null;
  const optional = (text: string) => (text.trim() === "" ? null : text.trim());
  return {
    name: draft.name.trim(),
    minCoins,
    badge: optional(draft.badge),
    perkText: optional(draft.perkText),
    perkUrl: optional(draft.perkUrl),
  };
}

function TierForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  submitLabel: string;
  onSubmit: (fields: TierFields) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const save = useAction(onSubmit);
  const set = (key: keyof Draft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  const fields = fieldsOf(draft);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!fields) return;
    if ((await save.run(fields)) !== undefined && !onCancel) setDraft(EMPTY_DRAFT);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="grid two tight">
        <TextField
          label="Name"
          hint="What supporters see, like “Rose club”."
          maxLength={200}
          value={draft.name}
          onChange={set("name")}
          error={fieldError(save.error, "name")}
        />
        <WholeNumberField
          label="Unlocks at (coins)"
          hint="Coins a supporter has given you in total."
          value={draft.minCoins}
          onChange={set("minCoins")}
          notANumber="Enter a whole number of coins."
          error={fieldError(save.error, "minCoins")}
        />
        <TextField
          label="Badge (optional)"
          hint="A short mark next to their name, like an emoji."
          maxLength={100}
          value={draft.badge}
          onChange={set("badge")}
          error={fieldError(save.error, "badge")}
        />
        <TextField
          label="Perk link (optional)"
          hint="A link only supporters at this tier see, like a Discord invite."
          type="url"
          value={draft.perkUrl}
          onChange={set("perkUrl")}
          error={fieldError(save.error, "perkUrl")}
        />
      </div>
      <Field label="Perk text (optional)" hint="Shown only to supporters who unlocked this tier.">
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={2_000}
            value={draft.perkText}
            onChange={set("perkText")}
          />
        )}
      </Field>
      <ErrorNote error={save.error} />
      <div className="row">
        <BusyButton
          className="button primary"
          busy={save.pending}
          busyLabel="Saving…"
          disabled={!fields || fields.name.length === 0}
        >
          {submitLabel}
        </BusyButton>
        {onCancel && (
          <button type="button" className="button secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function TierCard({ tier, onChanged }: { tier: Tier; onChanged: () => void }) {
  const api = useApi();
  const [editing, setEditing] = useState(false);
  const titleId = useId();
  const archive = useAction(() => api.perks.archive.mutate({ id: tier.id }));
  const archived = tier.archivedAt !== null;
  return (
    <li
      className={`card ${archived ? "archived" : ""}`}
      aria-labelledby={editing ? undefined : titleId}
    >
      {editing ? (
        <TierForm
          initial={draftOf(tier)}
          submitLabel="Save tier"
          onCancel={() => setEditing(false)}
          onSubmit={async (fields) => {
            const updated = await api.perks.update.mutate({ id: tier.id, ...fields });
            setEditing(false);
            onChanged();
            return updated;
          }}
        />
      ) : (
        <>
          <div className="card-head">
            <p className="card-title">
              {tier.badge && <span className="tier-badge">{tier.badge}</span>}{" "}
              <span id={titleId}>{tier.name}</span>
            </p>
            <span className="badge neutral">
              {archived
                ? `Archived ${formatDate(tier.archivedAt ?? "")}`
                : `From ${formatCoins(tier.minCoins)}`}
            </span>
          </div>
          {tier.perkText && <p className="perk-text">{tier.perkText}</p>}
          {tier.perkUrl && (
            <p className="small">
              <a href={tier.perkUrl} target="_blank" rel="noreferrer">
                {tier.perkUrl}
              </a>
            </p>
          )}
          {!archived && (
            <div className="card-foot">
              <button type="button" className="button secondary" onClick={() => setEditing(true)}>
                Edit
              </button>
              <ConfirmButton
                question={`Archive “${tier.name}”? Supporters stop seeing it; its history stays.`}
                confirmLabel="Archive"
                pending={archive.pending}
                onConfirm={async () => {
                  if (await archive.run()) onChanged();
                }}
              >
                Archive
              </ConfirmButton>
              <ErrorNote error={archive.error} />
            </div>
          )}
        </>
      )}
    </li>
  );
}

/** Perks: supporter tiers unlocked by coins given in total, with a badge and a private perk. */
export function PerksSection({ focusOnMount }: SectionProps) {
  const api = useApi();
  const [includeArchived, setIncludeArchived] = useState(false);
  const trpc = useTRPC();
  const tiers = useQuery(trpc.perks.tiers.queryOptions({ includeArchived }));
  const reloadTiers = useReload(trpc.perks.tiers.queryKey({ includeArchived }));
  return (
    <Section
      id="perks"
      title="Perks"
      focusOnMount={focusOnMount}
      intro="Reward your supporters: a tier unlocks once someone has given you that many coins in total. Up to 10 active tiers."
    >
      <Panel title="Add a tier">
        <TierForm
          initial={EMPTY_DRAFT}
          submitLabel="Add tier"
          onSubmit={async (fields) => {
            const tier = await api.perks.define.mutate(fields);
            void reloadTiers();
            return tier;
          }}
        />
      </Panel>
      <Panel title="Your tiers">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeArchived}
            onChange={(event) => setIncludeArchived(event.target.checked)}
          />
          <span>Show archived tiers</span>
        </label>
        <QueryView query={tiers} what="your tiers" empty="No tiers yet. Add your first one above.">
          {(list) => (
            <ul className="cards">
              {list.map((tier) => (
                <TierCard key={tier.id} tier={tier} onChanged={() => void reloadTiers()} />
              ))}
            </ul>
          )}
        </QueryView>
      </Panel>
    </Section>
  );
}
