// Load generator (a process of its own): many SSE subscribers of one stream's events, each a raw
// `GET /streams/<handle>/events` over its own socket (what the extension and the OBS overlay
// open), noting when each gift first reached each subscriber on the machine-wide monotonic clock.
// A combo's gifts read in one tick arrive as one event naming the others in `merged`: every
// message in a block counts.
import { type ClientRequest, get } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { type LatencySummary, summarize } from "../support/stats.ts";
import { serveWorker } from "../support/worker.ts";
import { monotonicMs } from "./monotonic-clock.ts";

interface Subscriber {
  request: ClientRequest | null;
  connected: boolean;
  ended: boolean;
  buffer: string;
  /** The highest warm-up probe number received. */
  probe: number;
  /** Measured gifts received, each counted once. */
  received: number;
}

const CONNECT_WAVE = 100;
const CONNECT_TIMEOUT_MS = 60_000;
/** Messages are `<tag> seq <n>` and `<tag> probe <n>`; the tag keeps runs apart. */
const MESSAGE = /"message":"(\w+) (seq|probe) (\d+)"/g;

let subscribers: Subscriber[] = [];
/** receipts[subscriber * expected + seq]: first receipt time (monotonic ms), NaN before. */
let receipts = new Float64Array(0);
let expected = 0;
let duplicates = 0;
/** This run's tag: gifts of an earlier run still in flight are not counted. */
let runTag = "";
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

/** Complete SSE blocks (any number, one frame or several): sequence numbers, not parsed JSON. */
function onBlocks(subscriber: Subscriber, index: number, blocks: string, at: number) {
  if (!subscriber.connected && /^event: connected$/m.test(blocks)) subscriber.connected = true;
  for (const match of blocks.matchAll(MESSAGE)) {
    if (match[1] !== runTag) continue;
    const n = Number(match[3]);
    if (match[2] === "probe") {
      subscriber.probe = Math.max(subscriber.probe, n);
      continue;
    }
    if (n >= expected) continue;
    const slot = index * expected + n;
    if (Number.isNaN(receipts[slot])) {
      receipts[slot] = at;
      subscriber.received++;
    } else {
      duplicates++;
    }
  }
}

function open(url: string, index: number): Subscriber {
  const subscriber: Subscriber = {
    request: null,
    connected: false,
    ended: false,
    buffer: "",
    probe: -1,
    received: 0,
  };
  const request = get(url, { agent: false, headers: { accept: "text/event-stream" } }, (res) => {
    if (res.statusCode !== 200) {
      subscriber.ended = true;
      res.resume();
      return;
    }
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      const at = monotonicMs();
      const text = subscriber.buffer + chunk;
      const end = text.lastIndexOf("\n\n");
      if (end === -1) {
        subscriber.buffer = text;
        return;
      }
      onBlocks(subscriber, index, text.slice(0, end), at);
      subscriber.buffer = text.slice(end + 2);
    });
    res.on("end", () => {
      subscriber.ended = true;
    });
  });
  request.on("error", () => {
    subscriber.ended = true;
  });
  subscriber.request = request;
  return subscriber;
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Opens `count` subscriptions to the stream of `handle`, spread evenly over `baseUrls`, in
 * waves; resolves once each has its `connected` event (or ended).
 */
async function connect(argument: {
  baseUrls: readonly string[];
  handle: string;
  count: number;
  expected: number;
  tag: string;
}): Promise<{ connected: number; failed: number }> {
  expected = argument.expected;
  runTag = argument.tag;
  receipts = new Float64Array(argument.count * expected).fill(Number.NaN);
  duplicates = 0;
  for (let first = 0; first < argument.count; first += CONNECT_WAVE) {
    const wave: Subscriber[] = [];
    for (let i = first; i < Math.min(argument.count, first + CONNECT_WAVE); i++) {
      const baseUrl = argument.baseUrls[i % argument.baseUrls.length];
      wave.push(open(`${baseUrl}/streams/${encodeURIComponent(argument.handle)}/events`, i));
    }
    subscribers.push(...wave);
    await waitUntil(() => wave.every((s) => s.connected || s.ended), CONNECT_TIMEOUT_MS);
  }
  loopDelay.reset();
  loopDelay.enable();
  const connected = subscribers.filter((s) => s.connected && !s.ended).length;
  return { connected, failed: subscribers.length - connected };
}

/** How many subscribers have received warm-up probe `n` (or a later one). */
function probeSeen(n: number): number {
  return subscribers.filter((s) => s.probe >= n).length;
}

export interface FanOutReceipts {
  readonly latency: LatencySummary;
  /** Acknowledged gifts a subscriber never got although it got a later one. */
  readonly missed: number;
  /** Acknowledged gifts still not received when the wait ended (nothing later arrived either). */
  readonly undelivered: number;
  readonly subscribersMissingEvents: number;
  readonly duplicates: number;
  /** Gifts received that the sender saw fail (an error reply for a gift that went through). */
  readonly receivedUnacknowledged: number;
  readonly endedEarly: number;
  readonly waitedMs: number;
  /** This generator's own event-loop delay while receiving: large values mean it was the limit. */
  readonly generatorLoopDelayP99Ms: number;
}

/**
 * Waits (at most `waitMs`) for every subscriber to hold every acknowledged gift, then compares
 * each receipt with the gift's acknowledgement time.
 */
async function collect(argument: {
  acknowledgedAt: Float64Array;
  waitMs: number;
}): Promise<FanOutReceipts> {
  const { acknowledgedAt } = argument;
  const acknowledged = acknowledgedAt.reduce((n, at) => (Number.isNaN(at) ? n : n + 1), 0);
  let lastAcknowledged = -1;
  acknowledgedAt.forEach((at, seq) => {
    if (!Number.isNaN(at)) lastAcknowledged = seq;
  });
  const started = Date.now();
  // Events arrive in order, so once a subscriber has the last gift, whatever it lacks is lost;
  // a second's grace lets out-of-order stragglers in before counting.
  const hasLast = (index: number) =>
    lastAcknowledged < 0 || !Number.isNaN(receipts[index * expected + lastAcknowledged]);
  const settled = await waitUntil(
    () => subscribers.every((s, index) => s.received >= acknowledged || hasLast(index)),
    argument.waitMs,
  );
  if (settled && subscribers.some((s) => s.received < acknowledged)) {
    await waitUntil(() => subscribers.every((s) => s.received >= acknowledged), 1_000);
  }
  const waitedMs = Date.now() - started;
  loopDelay.disable();

  const latencies = new Float64Array(subscribers.length * acknowledged);
  let filled = 0;
  let missed = 0;
  let undelivered = 0;
  let receivedUnacknowledged = 0;
  let subscribersMissingEvents = 0;
  for (let index = 0; index < subscribers.length; index++) {
    let lastReceived = -1;
    for (let seq = expected - 1; seq >= 0 && lastReceived < 0; seq--) {
      if (!Number.isNaN(receipts[index * expected + seq])) lastReceived = seq;
    }
    let missing = 0;
    for (let seq = 0; seq < expected; seq++) {
      const receivedAt = receipts[index * expected + seq] as number;
      const ackAt = acknowledgedAt[seq] as number;
      if (Number.isNaN(ackAt)) {
        if (!Number.isNaN(receivedAt)) receivedUnacknowledged++;
      } else if (Number.isNaN(receivedAt)) {
        missing++;
        if (seq < lastReceived) missed++;
        else undelivered++;
      } else {
        latencies[filled++] = receivedAt - ackAt;
      }
    }
    if (missing > 0) subscribersMissingEvents++;
  }
  return {
    latency: summarize(latencies.subarray(0, filled)),
    missed,
    undelivered,
    subscribersMissingEvents,
    duplicates,
    receivedUnacknowledged,
    endedEarly: subscribers.filter((s) => s.ended).length,
    waitedMs,
    generatorLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
}

/** Closes every subscription. */
function close(): void {
  for (const subscriber of subscribers) subscriber.request?.destroy();
  subscribers = [];
  receipts = new Float64Array(0);
}

export const streamSubscribers = { connect, probeSeen, collect, close };

serveWorker(streamSubscribers);
