// Micro-benchmark (issue 16): what a strict `.output()` schema costs a hot spend (gifts.send,
// tips.send), against the API's 0.60 ms of CPU per gift (issue 12's quiet run; target < 0.3 ms).
// Times zod's `parse` of a representative answer (what tRPC's output middleware calls), then one
// call through tRPC's `callProcedure` (what `http/hot-mutations.ts` does) of a procedure
// answering that object, without and with the schema: the difference is the whole cost on the
// hot path (the extra middleware included). Figures are this process's CPU time per call
// (`process.cpuUsage`, as the 0.60 ms is the API process's CPU), which other work on a shared
// machine inflates far less than wall time; the median of the repeats is the figure to read.
// Prints figures; asserts nothing.
//
//   pnpm bench:hot-outputs                       200,000 iterations, 7 measured repeats
//   BENCH_ITERATIONS=50000 BENCH_REPEATS=5 pnpm bench:hot-outputs
import { randomUUID } from "node:crypto";
import { callTRPCProcedure, initTRPC } from "@trpc/server";
import { z } from "zod";
import { sendGiftInputSchema } from "../src/routers/gifts.ts";
import { creatorPaymentSchema } from "../src/routers/output-schemas.ts";
import { describeMachine, finishMachine, printTable } from "./http/support/report.ts";

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
/** issue 12's quiet `pnpm bench:hot`, 64 senders: API CPU per gift. */
const API_CPU_NS_PER_GIFT = 600_000;

/** Distinct answers, as the service builds them, so no case sees one object over and over. */
const ANSWERS = Array.from({ length: 1_024 }, (_, i) => ({
  transferId: randomUUID(),
  replayed: i % 50 === 0,
  coinsSpent: 10 * (1 + (i % 7)),
  balance: 100_000 - i,
  creator: { handle: `creator_${i % 13}`, diamonds: 5 * (1 + (i % 7)) },
  rateCardVersion: "2026-12-01",
  paidAt: new Date(Date.UTC(2026, 11, 7, 20, 0, i % 60, i)).toISOString(),
}));

/** gifts.send inputs, for scale: every gift parses one already. */
const INPUTS = ANSWERS.map((answer, i) => ({
  idempotencyKey: answer.transferId,
  to: { handle: answer.creator.handle },
  giftId: "gg",
  count: 1 + (i % 3),
  message: i % 4 === 0 ? "gg" : null,
}));

const t = initTRPC.create();
/** The i-th answer (the context carries the loop's index; the pool is never empty). */
const answerFor = (ctx: object) => ANSWERS[(ctx as { i: number }).i & 1_023] as (typeof ANSWERS)[0];
const router = t.router({
  unchecked: t.procedure.mutation(({ ctx }) => answerFor(ctx)),
  /** One more middleware that does nothing: what tRPC's output middleware costs without zod. */
  passThrough: t.procedure.use(({ next }) => next()).mutation(({ ctx }) => answerFor(ctx)),
  checked: t.procedure.output(creatorPaymentSchema).mutation(({ ctx }) => answerFor(ctx)),
  /** The same check in the resolver: no extra middleware, but off tRPC's output convention. */
  parsedInResolver: t.procedure.mutation(({ ctx }) => creatorPaymentSchema.parse(answerFor(ctx))),
});
type Path = keyof typeof router._def.procedures;

function callOnce(path: Path, i: number): Promise<unknown> {
  return callTRPCProcedure({
    router,
    path,
    getRawInput: async () => undefined,
    ctx: { i },
    type: "mutation",
    signal: undefined,
    batchIndex: 0,
  });
}

/** The last answer of each loop, kept so the work cannot be optimised away. */
export let lastAnswer: unknown;

type Case = (i: number) => unknown;

/** This process's CPU time (user + system, every thread: GC included) in nanoseconds. */
function cpuNs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1_000;
}

/**
 * CPU nanoseconds per call of each case's measured repeats. Repeats interleave the cases (one
 * unmeasured round first), so a burst of load on the shared machine hits every case alike and
 * the k-th repeats of two cases can be compared as a pair.
 */
async function time(cases: readonly Case[]): Promise<number[][]> {
  const perCase: number[][] = cases.map(() => []);
  for (let repeat = 0; repeat <= REPEATS; repeat++) {
    for (const [k, body] of cases.entries()) {
      const started = cpuNs();
      for (let i = 0; i < ITERATIONS; i++) {
        const result = body(i);
        // Awaited only when it is a promise: a synchronous parse is timed without a microtask.
        lastAnswer = result instanceof Promise ? await result : result;
      }
      if (repeat > 0) perCase[k]?.push((cpuNs() - started) / ITERATIONS);
    }
  }
  return perCase;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function row(name: string, ns: readonly number[]): (string | number)[] {
  const mid = median(ns);
  return [
    name,
    Math.round(mid),
    Math.round(Math.min(...ns)),
    Math.round(Math.max(...ns)),
    `${((100 * mid) / API_CPU_NS_PER_GIFT).toFixed(3)}%`,
  ];
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const [parse = [], input = [], unchecked = [], passThrough = [], checked = [], inResolver = []] =
    await time([
      (i) => creatorPaymentSchema.parse(ANSWERS[i & 1_023]),
      (i) => sendGiftInputSchema.parse(INPUTS[i & 1_023]),
      (i) => callOnce("unchecked", i),
      (i) => callOnce("passThrough", i),
      (i) => callOnce("checked", i),
      (i) => callOnce("parsedInResolver", i),
    ]);
  const over = (ns: readonly number[]) =>
    ns.map((value, k) => value - (unchecked[k] ?? Number.NaN));
  finishMachine(machine);

  console.log(
    `\nA strict output schema on a hot spend: CPU ns per call, median of ${REPEATS} repeats of ${ITERATIONS.toLocaleString("en")}\n`,
  );
  printTable(
    ["case", "median ns", "min ns", "max ns", "median of 0.60 ms a gift"],
    [
      row("creatorPaymentSchema.parse (the gifts.send / tips.send answer)", parse),
      row("gifts.send's input schema parse (paid per gift already, for scale)", input),
      row("callProcedure: no output schema", unchecked),
      row("callProcedure: one pass-through middleware", passThrough),
      row("callProcedure: .output(creatorPaymentSchema)", checked),
      row("callProcedure: parse in the resolver", inResolver),
      row("added by a pass-through middleware (paired repeats)", over(passThrough)),
      row("added by .output(creatorPaymentSchema) (paired repeats)", over(checked)),
      row("added by a parse in the resolver (paired repeats)", over(inResolver)),
    ],
  );
  console.log(
    `\nmachine: ${machine.cores} cores (${machine.cpuModel}), Node ${machine.node}, zod ${z.core.version.major}.${z.core.version.minor}.${z.core.version.patch}, load average (1 min) ${machine.loadAtStart.toFixed(2)} at start, ${machine.loadAtEnd.toFixed(2)} at end`,
  );
}

await main();
