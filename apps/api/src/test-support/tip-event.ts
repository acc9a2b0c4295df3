import { randomUUID } from "node:crypto";
import type { PaidStreamEvent } from "../realtime/record-stream-event.ts";

/** A 5-coin tip's public event (2 diamonds) with `message`, as a real tip records it. */
export function tipEvent(
  message: string,
  who: Pick<PaidStreamEvent, "creatorUserId" | "creatorHandle" | "viewerId" | "viewerName">,
): PaidStreamEvent {
  return {
    transferId: randomUUID(),
    kind: "tip",
    ...who,
    coins: 5,
    diamonds: 2,
    giftId: null,
    count: 1,
    message,
    at: new Date(),
  };
}
