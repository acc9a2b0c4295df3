import { randomUUID } from "node:crypto";
import type { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import {
  TEST_EXTENSION_ORIGIN as EXTENSION,
  signedInAccount,
  useTestAuth,
} from "../test-support/http-accounts.ts";
import { createInProcessClient } from "../trpc/test-client.ts";

const BASE = "http://coinstream.test";
const ATTACKER = "https://attacker.example";
const accounts = useTestAuth({ baseURL: BASE, trustedOrigins: [EXTENSION] });
let app: Hono;

beforeAll(() => {
  app = accounts.appWith();
});

/** A signed-in person: their session cookie (a browser's) and bearer token (the extension's). */
async function signedIn() {
  const email = `tess-${randomUUID()}@example.com`;
  const { cookie, token } = await signedInAccount(app, BASE, accounts.mailer, email);
  const bearer = createInProcessClient(app, {
    authorization: `Bearer ${token}`,
    origin: EXTENSION,
  });
  await bearer.creator.register.mutate({ handle: `tess${randomUUID().slice(0, 8)}` });
  return { cookie, bearer, overlayUrl: async () => (await bearer.overlay.get.query()).url };
}

function rotate(headers: Record<string, string>, body: FormData | string) {
  return app.request(`${BASE}/trpc/overlay.rotate`, { method: "POST", headers, body });
}

describe("cross-site requests to /trpc mutations", () => {
  it("refuses a cross-site form POST carrying the session cookie (415), and the overlay key stays", async () => {
    const person = await signedIn();
    const before = await person.overlayUrl();
    const form = new FormData();
    form.set("x", "1");
    const multipart = await rotate({ cookie: person.cookie, origin: ATTACKER }, form);
    expect(multipart.status).toBe(415);
    const urlencoded = await rotate(
      {
        cookie: person.cookie,
        origin: ATTACKER,
        "content-type": "application/x-www-form-urlencoded",
      },
      "x=1",
    );
    expect(urlencoded.status).toBe(415);
    expect(await person.overlayUrl()).toBe(before);
  });

  it("refuses a cookie-authenticated JSON mutation from a foreign origin with 403, and the key stays", async () => {
    const person = await signedIn();
    const before = await person.overlayUrl();
    const response = await rotate(
      { cookie: person.cookie, origin: ATTACKER, "content-type": "application/json" },
      "{}",
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { data: { code: string } } }).error.data.code).toBe(
      "FORBIDDEN",
    );
    expect(await person.overlayUrl()).toBe(before);
  });

  it("accepts the cookie from the API's own origin and the bearer token from the extension", async () => {
    const person = await signedIn();
    const first = await person.overlayUrl();
    const sameOrigin = await rotate(
      { cookie: person.cookie, origin: BASE, "content-type": "application/json" },
      "{}",
    );
    expect(sameOrigin.status).toBe(200);
    const second = await person.overlayUrl();
    expect(second).not.toBe(first);
    await person.bearer.overlay.rotate.mutate();
    expect(await person.overlayUrl()).not.toBe(second);
  });
});
