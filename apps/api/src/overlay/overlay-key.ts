import { randomBytes } from "node:crypto";
import type { Sql } from "@coinstream/db";
import type { CreatorContext } from "../services/service-context.ts";

/** A creator's call that hands out overlay links (PUBLIC_URL, when configured). */
type OverlayContext = Pick<CreatorContext, "sql" | "creator"> & {
  readonly publicUrl: string | null;
};

/** 24 random bytes (192 bits), base64url: 32 URL-safe characters. */
const KEY_BYTES = 24;
const KEY_PATTERN = /^[A-Za-z0-9_-]{32}$/;

function newOverlayKey(): string {
  return randomBytes(KEY_BYTES).toString("base64url");
}

/** The overlay's address for OBS; without a configured PUBLIC_URL, the path alone. */
function overlayUrl(publicUrl: string | null, key: string) {
  const path = `/overlay/${key}`;
  return { url: `${(publicUrl ?? "").replace(/\/+$/, "")}${path}`, path };
}

/** A creator's overlay key, created on first use. */
export async function ensureOverlayKey(sql: Sql, creatorUserId: string): Promise<string> {
  const [row] = await sql<{ overlay_key: string }[]>`
    update creators set overlay_key = coalesce(overlay_key, ${newOverlayKey()})
    where user_id = ${creatorUserId} returning overlay_key`;
  return row?.overlay_key ?? "";
}

/** The caller's overlay URL, creating its secret key on first use. */
export async function getOverlayUrl({ sql, creator, publicUrl }: OverlayContext) {
  return overlayUrl(publicUrl, await ensureOverlayKey(sql, creator.userId));
}

/** Replaces the caller's overlay key: the old URL stops working at once. */
export async function rotateOverlayKey({ sql, creator, publicUrl }: OverlayContext) {
  const [row] = await sql<{ overlay_key: string }[]>`
    update creators set overlay_key = ${newOverlayKey()}
    where user_id = ${creator.userId} returning overlay_key`;
  return overlayUrl(publicUrl, row?.overlay_key ?? "");
}

/** The creator an overlay key belongs to, or null (malformed keys never reach the database). */
export async function findCreatorByOverlayKey(
  sql: Sql,
  key: string,
): Promise<{ readonly userId: string; readonly handle: string } | null> {
  if (!KEY_PATTERN.test(key)) return null;
  const [row] = await sql<{ user_id: string; handle: string }[]>`
    select user_id, handle from creators where overlay_key = ${key}`;
  return row ? { userId: row.user_id, handle: row.handle } : null;
}
