import { RATE_CARD } from "@coinstream/core";
import { TRPCClientError } from "@trpc/client";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestLedger } from "../test-support/test-ledger.ts";
import type { AppRouter } from "../trpc/root.ts";
import { createInProcessClient } from "../trpc/test-client.ts";

const env = useTestLedger();
let caller: ReturnType<typeof env.callerFor>;
let client: ReturnType<typeof createInProcessClient>;
beforeAll(() => {
  caller = env.callerFor(null);
  client = createInProcessClient(env.appWith());
});

/** The message and typed error data (our error formatter's shape) of a call that must fail. */
async function failureOf(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const clientError = error as TRPCClientError<AppRouter>;
  return { message: clientError.message, ...clientError.data };
}

describe("store.packs", () => {
  it("lists the region's packs in its own currency when asked for Germany", async () => {
    const { region, offers } = await caller.store.packs({ region: "de" });
    expect(region).toBe("DE");
    expect(offers.map((o) => [o.packId, o.quote.currency, o.quote.priceMinor])[1]).toEqual([
      "coins-500",
      "EUR",
      899,
    ]);
  });

  it("answers over HTTP with the same typed shape when called through @trpc/client", async () => {
    const { offers } = await client.store.packs.query({ region: "JP" });
    expect(offers[0]?.quote.priceLabel).toBe("¥300");
  });

  it("refuses a malformed region with BAD_REQUEST and the field named when given one", async () => {
    const failure = await failureOf(client.store.packs.query({ region: "Germany" }));
    expect(failure.code).toBe("BAD_REQUEST");
    expect(failure.fieldErrors?.region?.[0]).toMatch(/two-letter ISO 3166-1 code/);
  });
});

describe("gifts", () => {
  it("publishes the catalog under the current rate card when asked", async () => {
    const { rateCardVersion, gifts } = await client.gifts.catalog.query();
    expect(rateCardVersion).toBe(RATE_CARD.version);
    expect(gifts.map((g) => g.id)).toContain("lion");
  });

  it("previews what the creator receives when a viewer picks 3 crowns", async () => {
    expect((await caller.gifts.preview({ giftId: "crown", count: 3 })).label).toBe(
      "Creator receives 448.5 diamonds, about $4.48 (448 now; fractions add up over their gifts)",
    );
  });

  it("maps an unknown gift to NOT_FOUND with the rulebook's code when one is asked for", async () => {
    const failure = await failureOf(client.gifts.preview.query({ giftId: "dragon", count: 1 }));
    expect([failure.code, failure.domainCode]).toEqual(["NOT_FOUND", "UNKNOWN_GIFT"]);
    expect(failure.message).toMatch(/dragon/);
  });

  it.each([0, 1000, 1.5])("refuses a count of %s with BAD_REQUEST", async (count) => {
    const failure = await failureOf(client.gifts.preview.query({ giftId: "rose", count }));
    expect(failure.code).toBe("BAD_REQUEST");
  });

  it("says what is wrong in a sentence and keeps the field errors when an input is malformed", async () => {
    const failure = await failureOf(client.gifts.preview.query({ giftId: "rose", count: 0 }));
    expect(failure.message).toBe("count must be at least 1.");
    expect(failure.fieldErrors?.count?.length).toBe(1);
  });

  it("says which fields are missing or of the wrong type", async () => {
    const failure = await failureOf(
      client.gifts.preview.query({ count: "three" } as unknown as {
        giftId: string;
        count: number;
      }),
    );
    expect(failure.message).toBe("giftId is required; count must be a number.");
  });

  it("refuses a target that gives both a url and a handle instead of picking one", async () => {
    const failure = await failureOf(
      client.gifts.preview.query({
        giftId: "rose",
        count: 1,
        to: { url: "https://www.twitch.tv/somebody", handle: "someone-else" },
      }),
    );
    expect(failure.code).toBe("BAD_REQUEST");
    expect(failure.message).toBe(
      "to: give either the stream page's url or the creator's handle, not both.",
    );
  });
});
