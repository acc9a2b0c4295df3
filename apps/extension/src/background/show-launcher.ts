import { normalizeCreatorHandle } from "@coinstream/core";
import type { ShowLauncherRequest, ShowLauncherResult } from "../messaging/contract.ts";
import type { Caller } from "./access.ts";

/** The launcher content script's files, as the built manifest lists them (names carry a hash). */
export function launcherFiles(manifest: chrome.runtime.Manifest): string[] {
  for (const script of manifest.content_scripts ?? []) {
    const files = script.js ?? [];
    if (files.some((file) => /(^|\/)launcher\.[^/]*js$/.test(file))) return files;
  }
  return [];
}

export interface ShowLauncherDeps {
  /** chrome.scripting.executeScript with files, in one tab's top frame. */
  readonly inject: (tabId: number, files: string[]) => Promise<unknown>;
  readonly files: () => string[];
}

/**
 * Injects the launcher into the tab whose top-frame content script (the detector) found a
 * creator meta tag. Nothing for any other context, nor for a declaration that names no creator.
 * The launcher mounts once per page however often this runs; it then asks the API whether the
 * page's origin is that creator's verified website before it shows anything but a dim coin.
 */
export async function showLauncher(
  caller: Caller,
  request: ShowLauncherRequest | undefined,
  deps: ShowLauncherDeps,
): Promise<ShowLauncherResult> {
  if (caller.kind !== "content") return { ok: false };
  if (typeof request?.declaredHandle !== "string") return { ok: false };
  if (normalizeCreatorHandle(request.declaredHandle) === null) return { ok: false };
  const files = deps.files();
  if (files.length === 0) return { ok: false };
  try {
    await deps.inject(caller.tabId, files);
    return { ok: true };
  } catch {
    // The tab navigated or closed meanwhile, or the browser refused (a page it protects).
    return { ok: false };
  }
}
