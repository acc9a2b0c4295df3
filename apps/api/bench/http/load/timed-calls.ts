// Load generator (a process of its own): times tRPC queries one at a time over keep-alive HTTP,
// the cases interleaved round by round so a noisy machine slows all of them alike.

import { describeFailure, HttpClient } from "@coinstream/test-harness";
import { serveWorker } from "../support/worker.ts";

export interface TimedCase {
  readonly name: string;
  readonly procedure: string;
  readonly input: unknown;
  readonly token: string;
}

export interface TimedCaseResult {
  readonly name: string;
  readonly latencies: Float64Array;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** The last successful answer's `result.data`, for the benchmark's correctness checks. */
  readonly lastAnswer: unknown;
}

async function run(argument: {
  baseUrl: string;
  cases: readonly TimedCase[];
  warmupRounds: number;
  rounds: number;
}): Promise<TimedCaseResult[]> {
  const client = new HttpClient(argument.baseUrl, { maxSockets: 1, timeoutMs: 30_000 });
  const results = argument.cases.map((c) => ({
    name: c.name,
    latencies: [] as number[],
    errors: 0,
    errorSamples: new Set<string>(),
    lastAnswer: null as unknown,
  }));
  for (let round = 0; round < argument.warmupRounds + argument.rounds; round++) {
    for (const [i, c] of argument.cases.entries()) {
      const result = results[i];
      if (!result) continue;
      const started = performance.now();
      const answer = await client.query(c.procedure, c.input, c.token);
      if (round >= argument.warmupRounds) result.latencies.push(answer.endedAt - started);
      if (answer.status === 200) {
        result.lastAnswer = (
          JSON.parse(answer.text) as { result?: { data?: unknown } }
        ).result?.data;
      } else {
        result.errors++;
        if (result.errorSamples.size < 3) result.errorSamples.add(describeFailure(answer));
      }
    }
  }
  client.close();
  return results.map((r) => ({
    name: r.name,
    latencies: Float64Array.from(r.latencies),
    errors: r.errors,
    errorSamples: [...r.errorSamples],
    lastAnswer: r.lastAnswer,
  }));
}

export const timedCalls = { run };

serveWorker(timedCalls);
