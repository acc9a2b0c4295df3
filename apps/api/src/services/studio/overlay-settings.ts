import type { Sql } from "@coinstream/db";
import { z } from "zod";
import { publishOverlaySignal } from "../../overlay/overlay-signals.ts";
import type { CreatorContext } from "../service-context.ts";

export const GIFT_TIERS = ["basic", "premium", "deluxe", "legendary"] as const;
/** What a test alert can play: each gift tier, a tip, a paid message. */
export const ALERT_TIERS = [...GIFT_TIERS, "tip", "message"] as const;
export type AlertTier = (typeof ALERT_TIERS)[number];

/** `#rgb`, `#rrggbb` or `#rrggbbaa`: nothing else reaches the overlay's CSS. */
const hexColourSchema = z
  .string()
  .regex(
    /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/,
    "a colour is #rgb, #rrggbb or #rrggbbaa",
  )
  .transform((colour) => colour.toLowerCase());

/** Every setting the overlay reads, with its bounds; stored whole after validation. */
export const overlaySettingsSchema = z.object({
  /** Events below this many coins play no alert (they still count toward goal and gifters). */
  minAlertCoins: z.number().int().min(0).max(1_000_000),
  /** How long an alert stays on screen, in seconds (a paid message stays twice as long). */
  alertSeconds: z.number().int().min(2).max(30),
  sound: z.object({ enabled: z.boolean(), volumePercent: z.number().int().min(0).max(100) }),
  /** Gift tiers whose alerts take over the whole frame; the others stack at the top. */
  fullScreenTiers: z
    .array(z.enum(GIFT_TIERS))
    .max(GIFT_TIERS.length)
    .transform((tiers) => [...new Set(tiers)]),
  showGoalBar: z.boolean(),
  showTopGifters: z.boolean(),
  colours: z.object({
    /** Names and highlights. */
    highlight: hexColourSchema,
    /** Frames of premium alerts, the goal bar. */
    accent: hexColourSchema,
    text: hexColourSchema,
    /** The cards' background (an alpha channel keeps the stream visible through it). */
    panel: hexColourSchema,
  }),
});

export type OverlaySettings = z.infer<typeof overlaySettingsSchema>;

export const DEFAULT_OVERLAY_SETTINGS: OverlaySettings = {
  minAlertCoins: 0,
  alertSeconds: 6,
  sound: { enabled: true, volumePercent: 60 },
  fullScreenTiers: ["legendary"],
  showGoalBar: true,
  showTopGifters: true,
  colours: { highlight: "#f7c948", accent: "#9b5cff", text: "#ffffff", panel: "#0e0e16d1" },
};

/** A creator's overlay settings: what they stored over the defaults (keys added later default). */
export async function readOverlaySettings(
  sql: Sql,
  creatorUserId: string,
): Promise<OverlaySettings> {
  const [row] = await sql<{ settings: Partial<OverlaySettings> }[]>`
    select settings from overlay_settings where creator_user_id = ${creatorUserId}`;
  if (!row) return DEFAULT_OVERLAY_SETTINGS;
  const merged = {
    ...DEFAULT_OVERLAY_SETTINGS,
    ...row.settings,
    sound: { ...DEFAULT_OVERLAY_SETTINGS.sound, ...row.settings.sound },
    colours: { ...DEFAULT_OVERLAY_SETTINGS.colours, ...row.settings.colours },
  };
  const parsed = overlaySettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_OVERLAY_SETTINGS;
}

/** The caller's overlay settings. */
export function getOverlaySettings({
  sql,
  creator,
}: Pick<CreatorContext, "sql" | "creator">): Promise<OverlaySettings> {
  return readOverlaySettings(sql, creator.userId);
}

/**
 * Stores the caller's overlay settings (validated by the router's schema) and tells their open
 * overlays, which apply them without a reload.
 */
export async function setOverlaySettings(
  { sql, creator: { userId } }: Pick<CreatorContext, "sql" | "creator">,
  settings: OverlaySettings,
): Promise<OverlaySettings> {
  await sql`
    insert into overlay_settings (creator_user_id, settings, updated_at)
    values (${userId}, ${JSON.stringify(settings)}::text::jsonb, now())
    on conflict (creator_user_id) do update set settings = excluded.settings, updated_at = now()`;
  await publishOverlaySignal(sql, userId, { type: "settings", settings });
  return settings;
}
