import type { HttpClient } from "./http-client.ts";
import { forEachConcurrently } from "./processes.ts";

/** How a helper reaches Better Auth: `fetch`, a Hono app's `request`, or an `HttpClient`. */
export type AuthPoster = (
  path: string,
  body: unknown,
) => Promise<{ status: number; token: string | null; text: string }>;

type FetchLike = (url: string, init: RequestInit) => Response | Promise<Response>;

/** Posts JSON to `<baseUrl>/api/auth<path>` with `fetchImpl` (a Hono app's `request` works), from `baseUrl`'s origin. */
export function authOverFetch(baseUrl: string, fetchImpl: FetchLike = fetch): AuthPoster {
  return async (path, body) => {
    const response = await fetchImpl(`${baseUrl}/api/auth${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: new URL(baseUrl).origin },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      token: response.headers.get("set-auth-token"),
      text: await response.text(),
    };
  };
}

/** Posts JSON to Better Auth through `client` (its own keep-alive sockets and client address). */
export function authOverClient(client: HttpClient): AuthPoster {
  return async (path, body) => {
    const answer = await client.send("POST", `/api/auth${path}`, {
      body: JSON.stringify(body),
      headers: { origin: new URL(client.baseUrl).origin },
    });
    const token = answer.headers["set-auth-token"];
    return {
      status: answer.status,
      token: typeof token === "string" ? token : null,
      text: answer.text,
    };
  };
}

export interface SignUp {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  /** An adult by default. */
  readonly dateOfBirth?: string;
  readonly region?: string;
}

/** Signs a person up with email and password; throws unless Better Auth answers 200. */
export async function signUp(post: AuthPoster, person: SignUp): Promise<void> {
  const answer = await post("/sign-up/email", {
    dateOfBirth: "1990-01-01",
    region: "US",
    ...person,
  });
  if (answer.status !== 200) {
    throw new Error(`sign-up of ${person.email} failed (${answer.status}): ${answer.text}`);
  }
}

/** Signs in like the extension does and answers the signed bearer token (`set-auth-token`). */
export async function signIn(post: AuthPoster, email: string, password: string): Promise<string> {
  const answer = await post("/sign-in/email", { email, password });
  if (answer.status !== 200 || !answer.token) {
    throw new Error(`sign-in of ${email} failed (${answer.status}): ${answer.text}`);
  }
  return answer.token;
}

/** Bearer tokens for everyone, `concurrency` sign-ins at a time (each is one scrypt check). */
export async function signInAll(
  post: AuthPoster,
  emails: readonly string[],
  password: string,
  concurrency = 4,
): Promise<string[]> {
  const tokens: string[] = new Array(emails.length);
  await forEachConcurrently(emails, concurrency, async (email, index) => {
    tokens[index] = await signIn(post, email, password);
  });
  return tokens;
}
