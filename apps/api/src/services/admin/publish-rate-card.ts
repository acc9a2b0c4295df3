import { DomainError, DomainErrorCode, RATE_CARDS } from "@coinstream/core";
import { forgetActiveRateCards } from "../rate-card/get-active-rate-card.ts";
import type { AdminContext } from "../service-context.ts";
import { recordAdminAction } from "./record-admin-action.ts";

/** How far in the past `activeFrom` may be: a "now" sent by an admin's browser arrives late. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Schedules a rate card version (written and reviewed in core's `RATE_CARDS`) to take effect at
 * `activeFrom`: store prices and checkout use it from then on (`getActiveRateCard`). Unknown
 * versions and times in the past are refused; history is never rewritten.
 */
export async function publishRateCard(
  { sql, admin, now }: Pick<AdminContext, "sql" | "admin" | "now">,
  input: { readonly version: string; readonly activeFrom: Date },
) {
  const adminUserId = admin.userId;
  if (!Object.hasOwn(RATE_CARDS, input.version)) {
    const known = Object.keys(RATE_CARDS).join(", ");
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `No rate card has version "${input.version}"; published versions are: ${known}.`,
      { version: input.version, known: Object.keys(RATE_CARDS) },
    );
  }
  if (input.activeFrom.getTime() < now.getTime() - CLOCK_SKEW_MS) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      "activeFrom is in the past; a rate card can only take effect now or later.",
      { activeFrom: input.activeFrom.toISOString(), now: now.toISOString() },
    );
  }
  const published = await sql.begin(async (tx) => {
    const [row] = await tx<{ id: string; published_at: Date }[]>`
      insert into rate_card_activations (version, active_from, published_by)
      values (${input.version}, ${input.activeFrom}, ${adminUserId})
      returning id, published_at`;
    if (!row) throw new Error("the activation insert returned no row");
    await recordAdminAction(tx, {
      adminUserId,
      action: "publish_rate_card",
      targetType: "rate_card",
      targetId: input.version,
      details: { activationId: row.id, activeFrom: input.activeFrom.toISOString() },
    });
    return {
      activationId: row.id,
      version: input.version,
      activeFrom: input.activeFrom.toISOString(),
      publishedAt: row.published_at.toISOString(),
    };
  });
  // This process sees it at once; the others within RATE_CARD_CACHE_MS.
  forgetActiveRateCards(sql);
  return published;
}
