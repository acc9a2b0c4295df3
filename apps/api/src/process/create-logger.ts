import pino, { type Logger } from "pino";

/**
 * The API's structured log on stdout, written without blocking: pino's default synchronous
 * write cost a `write(2)` per request line, 5% of a gift's CPU in the hot-creator profile
 * (docs/BENCHMARKS.md). Lines logged while a write is in flight go out together in the next one,
 * so a quiet process still logs at once; pino flushes what is pending when the process exits.
 */
export function createLogger(): Logger {
  return pino({ name: "coinstream-api" }, pino.destination({ dest: 1, sync: false }));
}
