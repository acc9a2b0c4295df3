// Load generator (a process of its own): gifts at a fixed rate (open loop: each is sent on
// schedule whether or not earlier ones were answered), each carrying its sequence number in the
// message so subscribers can tell which gift they received. Started by the fan-out benchmark.
import { randomUUID } from "node:crypto";
import { describeFailure, HttpClient } from "@coinstream/test-harness";
import { serveWorker } from "../support/worker.ts";
import { monotonicMs } from "./monotonic-clock.ts";

export interface PacedGiftsTarget {
  /** Gifts go to these API processes in turn. */
  readonly baseUrls: readonly string[];
  readonly to: { readonly handle: string };
  readonly giftId: string;
  /** Viewers' bearer tokens, used in turn (each stays under the spends-a-minute cap). */
  readonly tokens: readonly string[];
}

export interface PacedGiftsResult {
  /** Per sequence number: when its acknowledgement arrived (monotonic ms), NaN if it failed. */
  readonly acknowledgedAt: Float64Array;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** The most any gift was sent behind schedule (ms): the generator kept up if small. */
  readonly scheduleLagMs: number;
  readonly sendLatencies: Float64Array;
}

/** A gift not acknowledged this long after it was sent counts as failed. */
export const ACK_TIMEOUT_MS = 15_000;

let clients: HttpClient[] = [];
let turn = 0;

function clientsFor(target: PacedGiftsTarget): HttpClient[] {
  // Open loop: as many sockets as gifts in flight; a gift not acknowledged in time has failed.
  if (clients.length === 0) {
    clients = target.baseUrls.map(
      (url) => new HttpClient(url, { maxSockets: 4_096, timeoutMs: ACK_TIMEOUT_MS }),
    );
  }
  return clients;
}

/** Sends one gift whose message is `message`; resolves with its acknowledgement time or an error. */
async function sendOne(target: PacedGiftsTarget, message: string) {
  const all = clientsFor(target);
  const n = turn++;
  const client = all[n % all.length] as HttpClient;
  const token = target.tokens[n % target.tokens.length] ?? null;
  const input = {
    idempotencyKey: randomUUID(),
    to: target.to,
    giftId: target.giftId,
    count: 1,
    message,
  };
  const started = monotonicMs();
  try {
    const answer = await client.mutate("gifts.send", input, token);
    const at = monotonicMs();
    return answer.status === 200
      ? { ok: true as const, at, ms: at - started }
      : { ok: false as const, error: describeFailure(answer) };
  } catch (error) {
    return { ok: false as const, error: String(error) };
  }
}

/** One gift whose message is `message` (warm-up probes): true when acknowledged. */
async function probe(argument: { target: PacedGiftsTarget; message: string }): Promise<boolean> {
  return (await sendOne(argument.target, argument.message)).ok;
}

/** `count` gifts at `perSecond`, messages `<tag> seq 0` .. `<tag> seq count-1`. */
async function run(argument: {
  target: PacedGiftsTarget;
  tag: string;
  perSecond: number;
  count: number;
}): Promise<PacedGiftsResult> {
  const { target, tag, perSecond, count } = argument;
  const acknowledgedAt = new Float64Array(count).fill(Number.NaN);
  const sendLatencies: number[] = [];
  const errorSamples = new Set<string>();
  let errors = 0;
  let scheduleLagMs = 0;
  const inFlight: Promise<void>[] = [];
  const started = monotonicMs();
  for (let seq = 0; seq < count; seq++) {
    const due = started + (seq * 1000) / perSecond;
    const wait = due - monotonicMs();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    scheduleLagMs = Math.max(scheduleLagMs, monotonicMs() - due);
    inFlight.push(
      sendOne(target, `${tag} seq ${seq}`).then((result) => {
        if (result.ok) {
          acknowledgedAt[seq] = result.at;
          sendLatencies.push(result.ms);
        } else {
          errors++;
          if (errorSamples.size < 5) errorSamples.add(result.error);
        }
      }),
    );
  }
  await Promise.all(inFlight);
  return {
    acknowledgedAt,
    errors,
    errorSamples: [...errorSamples],
    scheduleLagMs,
    sendLatencies: Float64Array.from(sendLatencies),
  };
}

/** Forgets the API processes (the next phase may have more). */
function reset(): void {
  for (const client of clients) client.close();
  clients = [];
  turn = 0;
}

export const pacedGifts = { probe, run, reset };

serveWorker(pacedGifts);
