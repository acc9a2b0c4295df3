import { ensure } from "../errors.ts";
import { RATE_CARD } from "../rate-card/current.ts";
import type { RateCard } from "../rate-card/rate-card.ts";
import { type StreamActivity, scoreStream } from "./score-stream.ts";

/** A live stream as discovery ranks it; any other fields are carried through untouched. */
export interface StreamToRank extends StreamActivity {
  readonly streamId: string;
}

/** A ranked stream: the input stream with its discovery `score`. */
export type RankedStream<T extends StreamToRank> = T & { readonly score: number };

/**
 * Orders live streams for discovery: highest `scoreStream` first, ties broken by `streamId`
 * ascending (compared by UTF-16 code units, not locale, so every runtime agrees). Returns new
 * objects; the input is not changed.
 *
 * @throws DomainError `INVALID_INPUT` when a `streamId` appears twice, or for anything
 * `scoreStream` refuses.
 */
export function rankStreams<T extends StreamToRank>(
  streams: readonly T[],
  now: Date,
  rateCard: RateCard = RATE_CARD,
): RankedStream<T>[] {
  const seen = new Set<string>();
  for (const { streamId } of streams) {
    ensure(!seen.has(streamId), `Stream "${streamId}" appears twice; rank each stream once.`, {
      streamId,
    });
    seen.add(streamId);
  }

  return streams
    .map((stream) => ({ ...stream, score: scoreStream(stream, now, rateCard) }))
    .sort(
      (a, b) =>
        b.score - a.score || (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0),
    );
}
