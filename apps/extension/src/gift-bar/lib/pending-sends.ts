import type { KeyValueArea } from "../../background/session-store.ts";
import type { PendingSends } from "../hooks/use-sender.ts";
import type { SendAttempt } from "./send-to-stream.ts";

function isAttempt(value: unknown): value is SendAttempt {
  if (typeof value !== "object" || value === null) return false;
  const attempt = value as Partial<SendAttempt>;
  return (
    typeof attempt.idempotencyKey === "string" &&
    typeof attempt.request === "object" &&
    attempt.request !== null &&
    typeof attempt.to === "object" &&
    attempt.to !== null
  );
}

/**
 * The panel's unanswered send for one stream target, under `key` in `area` (the panel uses
 * chrome.storage.session: extension pages only, gone when the browser closes).
 */
export function createPendingSends(area: KeyValueArea, key: string): PendingSends {
  return {
    async load() {
      const value = await area.get(key);
      return isAttempt(value) ? value : null;
    },
    save: (attempt) => area.set(key, attempt),
    async clear(idempotencyKey) {
      const value = await area.get(key);
      if (isAttempt(value) && value.idempotencyKey === idempotencyKey) await area.remove(key);
    },
  };
}
