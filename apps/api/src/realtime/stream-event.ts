/** A public event on a creator's stream, as subscribers receive it. */
export interface StreamEvent {
  readonly id: string;
  readonly kind: "gift" | "tip";
  readonly creatorHandle: string;
  readonly viewerName: string;
  readonly coins: number;
  readonly giftId: string | null;
  readonly count: number;
  /** The combo streak this gift continues (x2, x3...): gifts so far in the streak. */
  readonly comboCount: number;
  readonly comboId: string | null;
  readonly message: string | null;
  readonly at: string;
}

export const STREAM_EVENTS_CHANNEL = "coinstream_stream_events";

export interface StreamEventRow {
  id: bigint;
  kind: "gift" | "tip";
  payload: Omit<StreamEvent, "id" | "kind">;
}

export function toStreamEvent(row: StreamEventRow): StreamEvent {
  return { ...row.payload, id: row.id.toString(), kind: row.kind };
}
