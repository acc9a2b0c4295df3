import { randomUUID } from "node:crypto";
import type { Sql } from "@coinstream/db";
import type { Hono } from "hono";
import { CALLS_PER_MINUTE_PER_PERSON } from "../trpc/init.ts";

export const BASE_URL = "http://coinstream.test";

export type ProcedureType = "query" | "mutation" | "subscription";

/** One request to `/trpc/<path>`: its input as JSON text, or a transport-level oddity. */
export interface FuzzRequest {
  /** JSON text of the input; undefined sends none. */
  readonly text: string | undefined;
  /** The other method than the procedure's (GET for a mutation, POST for a query). */
  readonly wrongMethod?: boolean;
  readonly contentType?: string;
}

/** What came back: the status (an SSE stream's from its first event), the body, how it was told. */
export interface FuzzResponse {
  readonly status: number;
  readonly body: string;
  readonly via: "json" | "sse" | "text";
}

/** How long a subscription may stay silent before it counts as open (a valid stream with no news). */
const SSE_QUIET_MS = 2_000;

/** Calls a procedure over HTTP as tRPC's links do: GET with `?input=` or POST with a JSON body. */
export async function callOverHttp(
  app: Hono,
  path: string,
  type: ProcedureType,
  request: FuzzRequest,
  headers: Readonly<Record<string, string>>,
): Promise<FuzzResponse> {
  const isPost = (type === "mutation") !== Boolean(request.wrongMethod);
  const query =
    !isPost && request.text !== undefined ? `?input=${encodeURIComponent(request.text)}` : "";
  const abort = new AbortController();
  const response = await app.request(`${BASE_URL}/trpc/${path}${query}`, {
    method: isPost ? "POST" : "GET",
    headers: {
      ...headers,
      ...(isPost ? { "content-type": request.contentType ?? "application/json" } : {}),
    },
    ...(isPost && request.text !== undefined ? { body: request.text } : {}),
    signal: abort.signal,
  });
  try {
    if (response.headers.get("content-type")?.includes("text/event-stream")) {
      return await readFirstEvent(response, response.status);
    }
    const body = await response.text();
    const via = response.headers.get("content-type")?.includes("json") ? "json" : "text";
    return { status: response.status, body, via };
  } finally {
    abort.abort();
  }
}

/**
 * A subscription answers 200 and opens an SSE stream; a refusal arrives as its first event after
 * `connected` (`serialized-error`, carrying the HTTP status it stands for).
 */
async function readFirstEvent(response: Response, status: number): Promise<FuzzResponse> {
  const reader = response.body?.getReader();
  if (!reader) return { status, body: "", via: "sse" };
  const decoder = new TextDecoder();
  const deadline = Date.now() + SSE_QUIET_MS;
  let text = "";
  try {
    while (Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now())),
      ]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
      const events = text.split("\n\n").slice(0, -1);
      const news = events.find((event) => !/^event: (connected|ping)$/m.test(event));
      if (!news) continue;
      const data = /^data: (.*)$/m.exec(news)?.[1] ?? "";
      if (/^event: serialized-error$/m.test(news)) {
        const error = JSON.parse(data) as { data?: { httpStatus?: number } };
        return { status: error.data?.httpStatus ?? 500, body: data, via: "sse" };
      }
      return { status, body: data, via: "sse" };
    }
    return { status, body: text, via: "sse" };
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** A person the fuzz signs in as, with the role the procedures will see. */
export type FuzzIdentity = "anonymous" | "viewer" | "creator" | "admin";

/**
 * Signed-in accounts of one kind, made through Better Auth over HTTP. Each serves fewer calls
 * than the per-person rate limit allows in a minute, then a fresh one takes over, so every
 * fuzzed request reaches the procedure's input instead of the limiter.
 */
export class FuzzAccounts {
  static readonly CALLS_PER_ACCOUNT = Math.floor(CALLS_PER_MINUTE_PER_PERSON * 0.8);
  private current: Promise<{ userId: string; token: string }> | null = null;
  private calls = 0;
  readonly userIds: string[] = [];

  constructor(
    private readonly app: Hono,
    private readonly sql: Sql,
    readonly identity: Exclude<FuzzIdentity, "anonymous">,
  ) {}

  async headers(): Promise<Record<string, string>> {
    if (!this.current || this.calls >= FuzzAccounts.CALLS_PER_ACCOUNT) {
      this.current = this.signUp();
      this.calls = 0;
    }
    this.calls += 1;
    const { token } = await this.current;
    return { authorization: `Bearer ${token}` };
  }

  private async signUp() {
    const email = `fuzz-${this.identity}-${randomUUID()}@example.com`;
    const password = "correct horse battery staple";
    const post = (route: string, body: unknown) =>
      this.app.request(`${BASE_URL}/api/auth${route}`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: BASE_URL },
        body: JSON.stringify(body),
      });
    const signUp = await post("/sign-up/email", {
      name: `Fuzz ${this.identity}`,
      email,
      password,
      dateOfBirth: "1990-01-01",
      region: "US",
      // The version the migration seeds: the fuzzed API runs on a fresh database.
      acceptedGuidelinesVersion: 1,
    });
    if (signUp.status !== 200) throw new Error(`sign-up failed: ${await signUp.text()}`);
    // The emailed link is tested elsewhere; here the address is simply marked verified.
    const [user] = await this.sql<{ id: string }[]>`
      update users set email_verified = true, created_at = now() - interval '30 days'
      where email = ${email} returning id`;
    const userId = user?.id ?? "";
    if (this.identity === "admin") {
      await this.sql`update users set role = 'admin' where id = ${userId}`;
    }
    if (this.identity === "creator") {
      const handle = `f${randomUUID().replaceAll("-", "").slice(0, 12)}`;
      await this.sql`insert into creators (user_id, handle) values (${userId}, ${handle})`;
      await this.sql`
        insert into creator_channels (creator_user_id, platform, channel, followers, followers_verified, verified_at, verification_method)
        values (${userId}, 'twitch', ${handle}, 500, true, now(), 'seed')`;
    }
    const signIn = await post("/sign-in/email", { email, password });
    const token = signIn.headers.get("set-auth-token");
    if (signIn.status !== 200 || !token) throw new Error(`sign-in failed: ${await signIn.text()}`);
    this.userIds.push(userId);
    return { userId, token };
  }
}
