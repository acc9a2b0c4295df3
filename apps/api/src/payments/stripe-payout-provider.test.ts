import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PayoutRequest } from "./payout-provider.ts";
import { StripePayoutProvider } from "./stripe-payout-provider.ts";

/** What the stand-in for api.stripe.com received. */
interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage["headers"];
  readonly form: URLSearchParams;
}

type Reply = { status: number; body: unknown };

let server: Server;
let stripe: Stripe;
const seen: SeenRequest[] = [];
let reply: (request: SeenRequest) => Reply;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stripe.test");
      const request: SeenRequest = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        form: new URLSearchParams(body),
      };
      seen.push(request);
      const { status, body: json } = reply(request);
      res.writeHead(status, { "content-type": "application/json", "request-id": "req_test" });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  stripe = new Stripe("sk_test_coinstream_payouts", {
    host: "127.0.0.1",
    port,
    protocol: "http",
    maxNetworkRetries: 0,
    telemetry: false,
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

const transfer = (id: string, withdrawalId: string, overrides: Record<string, unknown> = {}) => ({
  id,
  object: "transfer",
  amount: 2_500,
  amount_reversed: 0,
  currency: "usd",
  destination: "acct_1Nv0FGQ9RKHgCVdK",
  metadata: { withdrawalId },
  reversed: false,
  transfer_group: withdrawalId,
  ...overrides,
});
const request = (overrides: Partial<PayoutRequest> = {}): PayoutRequest => ({
  withdrawalId: randomUUID(),
  amountUsdMinor: 2_500,
  method: "stripe",
  label: "Stripe",
  destination: "acct_1Nv0FGQ9RKHgCVdK",
  ...overrides,
});

describe("StripePayoutProvider.pay", () => {
  it("creates one transfer to the connected account, keyed by the withdrawal id", async () => {
    reply = ({ form }) => ({
      status: 200,
      body: transfer("tr_123", form.get("metadata[withdrawalId]") ?? ""),
    });
    const payout = request();
    const outcome = await new StripePayoutProvider(stripe).pay(payout);

    expect(outcome).toEqual({ ok: true, providerRef: "tr_123" });
    expect(seen).toHaveLength(1);
    const [sent] = seen;
    expect(sent).toMatchObject({ method: "POST", path: "/v1/transfers" });
    expect(sent?.headers["idempotency-key"]).toBe(payout.withdrawalId);
    expect(sent?.headers.authorization).toBe("Bearer sk_test_coinstream_payouts");
    expect(Object.fromEntries(sent?.form ?? [])).toEqual({
      amount: "2500",
      currency: "usd",
      destination: "acct_1Nv0FGQ9RKHgCVdK",
      transfer_group: payout.withdrawalId,
      "metadata[withdrawalId]": payout.withdrawalId,
    });
  });

  it("answers a refusal when Stripe declines the transfer (nothing was sent)", async () => {
    reply = () => ({
      status: 400,
      body: {
        error: {
          type: "invalid_request_error",
          code: "account_invalid",
          message: "The destination account is not enabled for transfers.",
        },
      },
    });
    expect(await new StripePayoutProvider(stripe).pay(request())).toEqual({
      ok: false,
      reason: "Stripe refused the payout: The destination account is not enabled for transfers.",
    });
  });

  it("throws when Stripe fails on its side, so the outcome is settled later by lookup", async () => {
    reply = () => ({
      status: 500,
      body: { error: { type: "api_error", message: "An unknown error occurred" } },
    });
    await expect(new StripePayoutProvider(stripe).pay(request())).rejects.toBeInstanceOf(
      Stripe.errors.StripeAPIError,
    );
  });

  it("refuses without calling Stripe when the method has no connected account", async () => {
    const outcome = await new StripePayoutProvider(stripe).pay(
      request({ method: "bank", destination: null }),
    );
    expect(outcome).toMatchObject({ ok: false, reason: expect.stringMatching(/Stripe payout/) });
    expect(seen).toHaveLength(0);
  });
});

describe("StripePayoutProvider.lookup", () => {
  it("finds a transfer by withdrawal (transfer group and metadata) when no reference was stored", async () => {
    const withdrawalId = randomUUID();
    reply = () => ({
      status: 200,
      body: {
        object: "list",
        url: "/v1/transfers",
        has_more: false,
        data: [transfer("tr_other", randomUUID()), transfer("tr_found", withdrawalId)],
      },
    });
    const found = await new StripePayoutProvider(stripe).lookup({
      withdrawalId,
      providerRef: null,
      destination: "acct_1Nv0FGQ9RKHgCVdK",
    });
    expect(found).toEqual({ state: "paid", providerRef: "tr_found" });
    expect(seen[0]).toMatchObject({ method: "GET", path: "/v1/transfers" });
    expect(seen[0]?.query.get("transfer_group")).toBe(withdrawalId);
    expect(seen[0]?.query.get("destination")).toBe("acct_1Nv0FGQ9RKHgCVdK");
  });

  it("answers not_found when Stripe has no transfer for the withdrawal", async () => {
    reply = () => ({
      status: 200,
      body: { object: "list", url: "/v1/transfers", has_more: false, data: [] },
    });
    expect(
      await new StripePayoutProvider(stripe).lookup({
        withdrawalId: randomUUID(),
        providerRef: null,
        destination: null,
      }),
    ).toEqual({ state: "not_found" });
  });

  it("retrieves by the stored reference, and reports a reversed transfer as failed", async () => {
    const withdrawalId = randomUUID();
    reply = () => ({
      status: 200,
      body: transfer("tr_rev", withdrawalId, { reversed: true, amount_reversed: 2_500 }),
    });
    const found = await new StripePayoutProvider(stripe).lookup({
      withdrawalId,
      providerRef: "tr_rev",
      destination: null,
    });
    expect(found).toMatchObject({ state: "failed", providerRef: "tr_rev" });
    expect(seen[0]).toMatchObject({ method: "GET", path: "/v1/transfers/tr_rev" });
  });
});
