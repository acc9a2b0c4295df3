import type { HttpClient } from "@coinstream/test-harness";
import type { RouterInputs, RouterOutputs } from "../../src/index.ts";

/** What one call came back with: data, a typed tRPC error, another HTTP answer, or nothing. */
export type CallOutcome<T> =
  | { readonly kind: "ok"; readonly status: number; readonly data: T; readonly ms: number }
  | {
      readonly kind: "error";
      readonly status: number;
      /** tRPC's code (SERVICE_UNAVAILABLE, PRECONDITION_FAILED...). */
      readonly code: string;
      /** The rulebook's code (INSUFFICIENT_COINS, LIMIT_EXCEEDED...), when a rule refused. */
      readonly domainCode: string | null;
      readonly message: string;
      readonly ms: number;
    }
  /** Not a tRPC answer: the address limiter's 429, a framework 500, a proxy page. */
  | { readonly kind: "http"; readonly status: number; readonly text: string; readonly ms: number }
  /** Refused connection, reset, timeout. */
  | { readonly kind: "network"; readonly error: string; readonly ms: number };

interface TrpcBody {
  result?: { data: unknown };
  error?: { message: string; data?: { code?: string; domainCode?: string | null } };
}

type Output<
  R extends keyof RouterInputs,
  N extends keyof RouterInputs[R],
> = N extends keyof RouterOutputs[R] ? RouterOutputs[R][N] : never;

/** Calls `router.name` over HTTP (no batching, JSON as the API speaks it), never throwing. */
export async function callProcedure<R extends keyof RouterInputs, N extends keyof RouterInputs[R]>(
  client: HttpClient,
  router: R,
  name: N,
  input: RouterInputs[R][N],
  options: { kind: "query" | "mutation"; token?: string },
): Promise<CallOutcome<Output<R, N>>> {
  const procedure = `${String(router)}.${String(name)}`;
  const started = performance.now();
  const headers = options.token ? { authorization: `Bearer ${options.token}` } : undefined;
  try {
    const answer =
      options.kind === "mutation"
        ? await client.send("POST", `/trpc/${procedure}`, {
            body: JSON.stringify(input ?? null),
            ...(headers ? { headers } : {}),
          })
        : await client.send(
            "GET",
            `/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
            headers ? { headers } : {},
          );
    let body: TrpcBody | null = null;
    try {
      body = JSON.parse(answer.text) as TrpcBody;
    } catch {
      body = null;
    }
    if (answer.status === 200 && body?.result) {
      return { kind: "ok", status: 200, data: body.result.data as Output<R, N>, ms: answer.ms };
    }
    if (body?.error?.data?.code) {
      return {
        kind: "error",
        status: answer.status,
        code: body.error.data.code,
        domainCode: body.error.data.domainCode ?? null,
        message: body.error.message,
        ms: answer.ms,
      };
    }
    return { kind: "http", status: answer.status, text: answer.text.slice(0, 200), ms: answer.ms };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = code ?? (error instanceof Error ? error.message : String(error));
    return { kind: "network", error: message, ms: performance.now() - started };
  }
}

/** A short label for tallies: `200`, `503 SERVICE_UNAVAILABLE`, `network ECONNREFUSED`. */
export function describeOutcome(outcome: CallOutcome<unknown>): string {
  switch (outcome.kind) {
    case "ok":
      return "200 ok";
    case "error":
      return `${outcome.status} ${outcome.code}${outcome.domainCode ? `/${outcome.domainCode}` : ""}`;
    case "http":
      return `${outcome.status} (not tRPC)`;
    case "network":
      return `network ${outcome.error}`;
  }
}
