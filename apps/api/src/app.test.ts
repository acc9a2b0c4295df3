import { RATE_CARD } from "@coinstream/core";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { loadEnv } from "./env.ts";

const app = createApp();

describe("createApp", () => {
  it("answers health checks when running", async () => {
    const response = await app.request("/health");
    expect(await response.json()).toEqual({ ok: true });
  });

  it("serves the region's packs in its own currency when asked for Germany", async () => {
    const response = await app.request("/v1/store?region=de");
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      region: string;
      offers: { packId: string; quote: { currency: string; priceMinor: number } }[];
    };
    expect(body.region).toBe("DE");
    expect(
      body.offers.map((offer) => [offer.packId, offer.quote.currency, offer.quote.priceMinor])[1],
    ).toEqual(["coins-500", "EUR", 899]);
  });

  it("refuses a malformed region with a clear 400 when given one", async () => {
    const response = await app.request("/v1/store?region=Germany");
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "INVALID_INPUT",
      message: "region must be a two-letter ISO 3166-1 code such as US or DE",
    });
  });

  it("publishes the rate card with its version when asked", async () => {
    const body = (await (await app.request("/v1/rate-card")).json()) as { version: string };
    expect(body.version).toBe(RATE_CARD.version);
  });
});

describe("loadEnv", () => {
  it("defaults to 127.0.0.1:3000 when nothing is set", () => {
    expect(loadEnv({})).toEqual({ HOST: "127.0.0.1", PORT: 3000 });
  });

  it("refuses a DATABASE_URL that is not a postgres URL when given one", () => {
    expect(() => loadEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it("names the variable when a value is wrong", () => {
    expect(() => loadEnv({ PORT: "eighty" })).toThrow(/PORT/);
  });
});
