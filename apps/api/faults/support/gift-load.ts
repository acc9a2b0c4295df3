import { randomUUID } from "node:crypto";
import { sleep } from "@coinstream/test-harness";
import type { Person } from "./people.ts";
import { type CallOutcome, callProcedure, describeOutcome } from "./trpc-call.ts";

/** The gifts the load sends (cheap ones, so caps never bite), with their prices in coins. */
export const LOAD_GIFTS = { rose: 1, heart: 5, gg: 10, "ice-cream": 20 } as const;
type LoadGift = keyof typeof LOAD_GIFTS;

/** One gift a person meant to send, and how it ended: acknowledged, refused, or still open. */
export interface GiftRecord {
  readonly key: string;
  readonly person: Person;
  readonly giftId: LoadGift;
  readonly count: number;
  readonly coins: number;
  attempts: number;
  ack: { transferId: string; replayed: boolean; diamonds: number } | null;
  /** The answer that refused it (a rule said no: not worth retrying). */
  refusal: string | null;
}

/** Answers after which a client tries the same key again: nothing definite was said. */
function isWorthRetrying(outcome: CallOutcome<unknown>): boolean {
  switch (outcome.kind) {
    case "ok":
      return false;
    case "network":
    case "http":
      return true;
    case "error":
      // A rule's refusal is final; an unavailable server, a crash or a rate limit is not.
      return outcome.status >= 500 || (outcome.code === "TOO_MANY_REQUESTS" && !outcome.domainCode);
  }
}

export interface GiftLoadOptions {
  readonly handle: string;
  /** Gifts each person starts per second at most (the spend cap is 120 a minute). */
  readonly giftsPerPersonPerSecond: number;
  /**
   * Everyone sends at the same ticks (a spike each interval) rather than spread out, so a fault
   * timed on a spike meets many requests in flight.
   */
  readonly inBursts?: boolean;
  /** Called with every answer, for scenario-specific checks (e.g. what an outage looked like). */
  readonly onAnswer?: (outcome: CallOutcome<unknown>, record: GiftRecord) => void;
}

/**
 * Simulated viewers sending gifts to one creator, each one gift at a time like a real client,
 * retrying every unanswered or failed attempt with the same idempotency key until the API
 * acknowledges or refuses it.
 */
export class GiftLoad {
  readonly records: GiftRecord[] = [];
  /** Every answer seen, by `describeOutcome` label. */
  readonly answers = new Map<string, number>();
  /** Requests sent and not yet answered. */
  inFlight = 0;
  private running = false;
  private abandoned = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly people: readonly Person[],
    private readonly options: GiftLoadOptions,
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.people.map((person, index) => this.personLoop(person, index));
  }

  /**
   * Resolves inside the next spike once part of it is answered: the rest are mid-request, some
   * with their ledger write committed and the answer not yet sent. A fault timed here meets them.
   */
  async midSpike(): Promise<void> {
    const people = this.people.length;
    await this.until(() => this.inFlight >= Math.ceil(people * 0.8));
    const left = Math.floor(people * (0.1 + 0.6 * Math.random()));
    await this.until(() => this.inFlight <= left);
  }

  private async until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Stops starting new gifts and waits (up to `deadlineMs`) until every started one is settled. */
  async stop(deadlineMs = 90_000): Promise<{ unsettled: number }> {
    this.running = false;
    await Promise.race([Promise.all(this.loops), sleep(deadlineMs)]);
    this.abandoned = true;
    return { unsettled: this.records.filter((r) => !r.ack && !r.refusal).length };
  }

  private async personLoop(person: Person, index: number): Promise<void> {
    const intervalMs = 1_000 / this.options.giftsPerPersonPerSecond;
    // Spread the first gifts over one interval, unless the load comes in spikes.
    if (!this.options.inBursts) await sleep((index * intervalMs) / this.people.length);
    const gifts = Object.keys(LOAD_GIFTS) as LoadGift[];
    while (this.running) {
      const started = performance.now();
      const giftId = gifts[Math.floor(Math.random() * gifts.length)] as LoadGift;
      const count = 1 + Math.floor(Math.random() * 3);
      const record: GiftRecord = {
        key: `fault-${randomUUID()}`,
        person,
        giftId,
        count,
        coins: LOAD_GIFTS[giftId] * count,
        attempts: 0,
        ack: null,
        refusal: null,
      };
      this.records.push(record);
      await this.settle(record);
      const now = performance.now();
      await sleep(
        this.options.inBursts
          ? intervalMs - (now % intervalMs)
          : Math.max(0, intervalMs - (now - started)),
      );
    }
  }

  private async settle(record: GiftRecord): Promise<void> {
    for (let backoffMs = 100; !this.abandoned; backoffMs = Math.min(1_000, backoffMs * 1.5)) {
      record.attempts++;
      this.inFlight++;
      const outcome = await callProcedure(
        record.person.client,
        "gifts",
        "send",
        {
          idempotencyKey: record.key,
          to: { handle: this.options.handle },
          giftId: record.giftId,
          count: record.count,
        },
        { kind: "mutation", token: record.person.token },
      );
      this.inFlight--;
      const label = describeOutcome(outcome);
      this.answers.set(label, (this.answers.get(label) ?? 0) + 1);
      this.options.onAnswer?.(outcome, record);
      if (outcome.kind === "ok") {
        record.ack = {
          transferId: outcome.data.transferId,
          replayed: outcome.data.replayed,
          diamonds: outcome.data.creator.diamonds,
        };
        return;
      }
      if (!isWorthRetrying(outcome)) {
        record.refusal = label;
        return;
      }
      await sleep(backoffMs * (0.5 + Math.random()));
    }
  }
}
