/**
 * Milliseconds on CLOCK_MONOTONIC, which every process on the machine shares (unlike
 * `performance.now()`, whose origin is each process's start): a sender's acknowledgement time
 * and a subscriber's receipt time compare exactly even in different processes.
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
