// Load generator (a process of its own): N concurrent senders, each a closed loop of
// `gifts.send` calls over keep-alive HTTP with a fresh idempotency key per gift and the bearer
// token of the simulated viewer it is playing. Started by the hot-creator benchmark.
import { randomUUID } from "node:crypto";
import { describeFailure, HttpClient } from "@coinstream/test-harness";
import { serveWorker } from "../support/worker.ts";

export interface GiftSendersJob {
  readonly baseUrl: string;
  readonly to: { readonly handle: string };
  readonly giftId: string;
  /** One list of bearer tokens per sender: the viewers it plays, one after another. */
  readonly senders: readonly (readonly string[])[];
  /** Gifts a viewer sends before its sender moves on (below the platform's spends a minute). */
  readonly giftsPerViewer: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface GiftSendersResult {
  /** Milliseconds per measured call (acknowledged or not), in completion order. */
  readonly latencies: Float64Array;
  readonly measuredMs: number;
  /** Gifts acknowledged (HTTP 200), warm-up included: each must be in the ledger exactly once. */
  readonly acknowledged: number;
  readonly measuredAcknowledged: number;
  /** Calls answered with an error or not answered, warm-up included. */
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** Senders that ran out of viewers before the time was up (more viewers must be seeded). */
  readonly sendersOutOfViewers: number;
}

async function run(job: GiftSendersJob): Promise<GiftSendersResult> {
  const client = new HttpClient(job.baseUrl, { maxSockets: job.senders.length, timeoutMs: 30_000 });
  const sent = job.senders.map(() => 0);
  const latencies: number[] = [];
  const errorSamples = new Set<string>();
  let acknowledged = 0;
  let measuredAcknowledged = 0;
  let errors = 0;
  let sendersOutOfViewers = 0;

  /** One gift from `sender`'s current viewer; false when it has no viewer left. */
  const sendOne = async (sender: number, measured: boolean): Promise<boolean> => {
    const viewers = job.senders[sender] ?? [];
    const token = viewers[Math.floor((sent[sender] ?? 0) / job.giftsPerViewer)];
    if (!token) return false;
    sent[sender] = (sent[sender] ?? 0) + 1;
    const input = { idempotencyKey: randomUUID(), to: job.to, giftId: job.giftId, count: 1 };
    const started = performance.now();
    let ok = false;
    try {
      const answer = await client.mutate("gifts.send", input, token);
      ok = answer.status === 200;
      if (!ok && errorSamples.size < 5) errorSamples.add(describeFailure(answer));
    } catch (error) {
      if (errorSamples.size < 5) errorSamples.add(String(error));
    }
    if (ok) acknowledged++;
    else errors++;
    if (measured) {
      latencies.push(performance.now() - started);
      if (ok) measuredAcknowledged++;
    }
    return true;
  };

  const loop = async (sender: number, until: number, measured: boolean) => {
    while (performance.now() < until) {
      if (!(await sendOne(sender, measured))) {
        if (measured) sendersOutOfViewers++;
        return;
      }
    }
  };

  const warmupEnds = performance.now() + job.warmupMs;
  await Promise.all(job.senders.map((_, sender) => loop(sender, warmupEnds, false)));
  const started = performance.now();
  await Promise.all(job.senders.map((_, sender) => loop(sender, started + job.durationMs, true)));
  const measuredMs = performance.now() - started;
  client.close();
  return {
    latencies: Float64Array.from(latencies),
    measuredMs,
    acknowledged,
    measuredAcknowledged,
    errors,
    errorSamples: [...errorSamples],
    sendersOutOfViewers,
  };
}

export const giftSenders = { run };

serveWorker(giftSenders);
