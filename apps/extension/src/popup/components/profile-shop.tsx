import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { chromeWalletSignal } from "../../gift-bar/lib/wallet-signal.ts";
import { useTRPC } from "../../lib/api-query.tsx";
import { entranceMark } from "../../lib/entrance-marks.ts";
import { formatCoins } from "../../lib/format.ts";
import { apiErrorOf } from "../../messaging/api-error.ts";
import type { OutputOf } from "../../messaging/contract.ts";
import { useCall } from "../hooks/use-call.ts";
import { usePopup } from "../popup-context.tsx";
import { ErrorText } from "./error-text.tsx";
import { Section } from "./section.tsx";

type Item = OutputOf<"profile.catalog">["items"][number];
type Kind = Item["kind"];
type Slot = keyof OutputOf<"profile.get">["wearing"];

/** The shop's sections, in order, and the slot each kind is worn in (stickers go with tips). */
const SECTIONS: readonly { kind: Kind; title: string; slot: Slot | null }[] = [
  { kind: "entrance", title: "Entrance effects", slot: "entrance" },
  { kind: "sticker", title: "Stickers", slot: null },
  { kind: "badge_frame", title: "Badge frames", slot: "badgeFrame" },
  { kind: "name_color", title: "Name colours", slot: "nameColor" },
];

const HINTS: Partial<Record<Kind, string>> = {
  entrance: "Plays with your name on your first gift of each live stream.",
  sticker: "Send one with a tip: it shows on the stream.",
};

/**
 * The profile shop: every cosmetic with its price; buy with coins (the same confirmation as
 * any spend above your threshold), wear one per slot or take it off. Stickers are owned, not
 * worn: the tip form offers them.
 */
export function ProfileShop() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { api } = usePopup();
  const catalog = useQuery(trpc.profile.catalog.queryOptions());
  const profile = useQuery(trpc.profile.get.queryOptions());
  const { error, isBusy, run } = useCall();
  /** A purchase waiting for the person's confirmation, under the key it was first tried with. */
  const [confirming, setConfirming] = useState<{ item: Item; key: string; text: string } | null>(
    null,
  );
  const owned = new Set(profile.data?.owned.map((item) => item.itemId));

  const buy = (item: Item, key: string = crypto.randomUUID(), confirm = false) =>
    run(async () => {
      try {
        await api.profile.buy.mutate({
          idempotencyKey: key,
          itemId: item.id,
          expectedCoins: item.coins,
          confirm,
        });
      } catch (caught) {
        const refused = apiErrorOf(caught);
        if (refused.domainCode !== "CONFIRMATION_REQUIRED") throw caught;
        setConfirming({ item, key, text: refused.message });
        return;
      }
      setConfirming(null);
      await profile.refetch();
      void queryClient.invalidateQueries({ queryKey: trpc.wallet.get.queryKey() });
      // Every open gift panel shows the new balance and the new sticker.
      chromeWalletSignal().bump();
    });

  const wear = (slot: Slot, itemId: string | null) =>
    run(async () => {
      await api.profile.wear.mutate({ [slot]: itemId });
      await profile.refetch();
    });

  return (
    <Section id="shop" title="Profile">
      {catalog.isLoading || profile.isLoading ? <p className="muted small">Loading…</p> : null}
      <ErrorText error={catalog.error ?? profile.error} />
      <ErrorText error={error} />
      {confirming ? (
        <div className="notice notice--warn" role="alertdialog" aria-label="Confirm purchase">
          <p className="small">{confirming.text}</p>
          <button
            type="button"
            className="button button--small"
            disabled={isBusy}
            onClick={() => void buy(confirming.item, confirming.key, true)}
          >
            Buy the {confirming.item.name} for {formatCoins(confirming.item.coins)}
          </button>{" "}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => setConfirming(null)}
          >
            Cancel
          </button>
        </div>
      ) : null}
      {catalog.data && profile.data
        ? SECTIONS.map(({ kind, title, slot }) => {
            const items = catalog.data.items.filter((item) => item.kind === kind);
            if (items.length === 0) return null;
            const worn = slot ? profile.data.wearing[slot] : null;
            return (
              <div key={kind} className="shop-group">
                <h3 className="small" id={`shop-${kind}`}>
                  {title}
                </h3>
                {HINTS[kind] ? <p className="muted small">{HINTS[kind]}</p> : null}
                <ul className="shop-items" aria-labelledby={`shop-${kind}`}>
                  {items.map((item) => (
                    <li
                      key={item.id}
                      className="shop-item"
                      aria-labelledby={`shop-item-${item.id}`}
                    >
                      <Preview item={item} />
                      <span className="shop-item__name" id={`shop-item-${item.id}`}>
                        {item.name}
                      </span>
                      {!owned.has(item.id) ? (
                        <button
                          type="button"
                          className="button button--small"
                          disabled={isBusy}
                          data-testid={`shop-buy-${item.id}`}
                          onClick={() => void buy(item)}
                        >
                          Buy · {formatCoins(item.coins)}
                        </button>
                      ) : slot === null ? (
                        <span className="muted small" data-testid={`shop-owned-${item.id}`}>
                          Owned
                        </span>
                      ) : worn === item.id ? (
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          aria-pressed="true"
                          disabled={isBusy}
                          onClick={() => void wear(slot, null)}
                        >
                          Wearing · take off
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          disabled={isBusy}
                          onClick={() => void wear(slot, item.id)}
                        >
                          Wear
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })
        : null}
    </Section>
  );
}

/** What the item looks like: a colour swatch, the sticker itself, an effect's or frame's mark. */
function Preview({ item }: { readonly item: Item }) {
  if (item.kind === "name_color") {
    return (
      <span className="shop-preview" style={{ color: item.style }} aria-hidden="true">
        Aa
      </span>
    );
  }
  const text =
    item.kind === "sticker"
      ? item.style
      : item.kind === "entrance"
        ? entranceMark(item.style)
        : "🏅";
  return (
    <span className="shop-preview" data-style={item.style} aria-hidden="true">
      {text}
    </span>
  );
}
