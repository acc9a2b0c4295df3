// Fault: abuse of the running API's /webhooks/stripe over HTTP, concurrently: forged, tampered
// and unsigned events, stale ones (over 300 s), the same event delivered many times at once,
// the same payment in many events, replays, a refund before the payment's success, a refund
// racing it, many refunds of a partly spent purchase at once, and events for purchases that do
// not exist. Proves nothing is minted twice or falsely, every answer is 400 (signature) or 200
// (handled, or acknowledged and ignored), and checkLedger() is clean.
//
//   pnpm --filter @coinstream/api fault:webhooks [--short]
import { randomBytes, randomUUID } from "node:crypto";
import { checkLedger, getBalances, type Sql, transferIdFor } from "@coinstream/db";
import { HttpClient, loopbackAddress } from "@coinstream/test-harness";
import { formatTally } from "./support/findings.ts";
import type { Person } from "./support/people.ts";
import { PurchaseFacts } from "./support/purchase-facts.ts";
import { isShort, runScenario, step } from "./support/scenario.ts";
import { CREATOR_HANDLE, openStage } from "./support/stage.ts";
import {
  completedEvent,
  type Delivery,
  deliver,
  disputedEvent,
  type PurchaseRef,
  refundedEvent,
  signEvent,
} from "./support/stripe-events.ts";
import { callProcedure, describeOutcome } from "./support/trpc-call.ts";

const PLAN = isShort ? { rounds: 1, copies: 50 } : { rounds: 5, copies: 200 };
const CASES = 8;
/** Stripe delivers from several addresses; so do these senders (the API limits per address). */
const SENDERS = 16;
const SECRET = `whsec_${randomBytes(24).toString("hex")}`;

await runScenario("Webhook abuse against the running API", async (findings, cleanup) => {
  const stage = await openStage(cleanup, {
    people: PLAN.rounds * CASES,
    coins: 0n,
    apiEnv: { SANDBOX_WEBHOOK_SECRET: SECRET },
  });
  const senders = Array.from(
    { length: SENDERS },
    (_, i) => new HttpClient(stage.api.baseUrl, { localAddress: loopbackAddress(1_000 + i) }),
  );
  cleanup.add(async () => {
    for (const sender of senders) sender.close();
  });
  const answers = new Map<string, number>();
  let sent = 0;
  /** Delivers every payload at once (each with its own signature), from the senders in turn. */
  const burst = async (payloads: readonly { payload: string; signature: string | null }[]) => {
    const deliveries = await Promise.all(
      payloads.map(({ payload, signature }) =>
        deliver(senders[sent++ % SENDERS] as HttpClient, payload, signature),
      ),
    );
    for (const d of deliveries) {
      const label = `${d.status} ${d.body.error ?? (d.body.duplicate ? "duplicate" : (d.body.outcome ?? ""))}`;
      answers.set(label, (answers.get(label) ?? 0) + 1);
    }
    return deliveries;
  };
  const signed = (payload: string) => ({ payload, signature: signEvent(payload, SECRET) });
  const copies = (payload: string, n = PLAN.copies) =>
    Array.from({ length: n }, () => signed(payload));
  const all = (deliveries: readonly Delivery[], status: number) =>
    deliveries.every((d) => d.status === status);

  const ledger = new PurchaseFacts(stage.sql);
  const checks = {
    forged: 0,
    stale: 0,
    duplicates: 0,
    refundsFirst: 0,
    races: 0,
    spentRefunds: 0,
    unknown: 0,
  };
  for (let round = 0; round < PLAN.rounds; round++) {
    const people = stage.people.slice(round * CASES, (round + 1) * CASES);
    const [forger, stale, duplicate, twoEvents, refundFirst, race, spender, unknown] =
      people as Person[] & { length: typeof CASES };
    if (
      !unknown ||
      !spender ||
      !race ||
      !refundFirst ||
      !twoEvents ||
      !duplicate ||
      !stale ||
      !forger
    ) {
      throw new Error("not enough people for the cases");
    }

    // Forged, tampered, unsigned and unparsable: 400, nothing minted.
    {
      const purchase = await startPurchase(forger, "coins-500");
      const payload = completedEvent(purchase);
      const deliveries = await burst([
        ...Array.from({ length: PLAN.copies / 2 }, () => ({
          payload,
          signature: signEvent(payload, `whsec_${randomBytes(24).toString("hex")}`),
        })),
        { payload, signature: null },
        {
          payload: completedEvent(purchase, { amountMinor: 1 }),
          signature: signEvent(payload, SECRET),
        },
        { payload: "{not json", signature: signEvent("{not json", SECRET) },
      ]);
      findings.check(
        all(deliveries, 400),
        `forged or tampered events answered ${statuses(deliveries)}`,
      );
      findings.check(
        (await ledger.minted(purchase.purchaseId)) === 0n &&
          (await walletOf(stage.sql, forger)) === 0n,
        `a forged event minted coins for ${purchase.purchaseId}`,
      );
      checks.forged += deliveries.length;
    }

    // Stale: signed over 300 s ago (just over, and an hour).
    {
      const purchase = await startPurchase(stale, "coins-500");
      const payload = completedEvent(purchase);
      const now = Math.floor(Date.now() / 1000);
      const deliveries = await burst(
        [now - 301, now - 3_600].flatMap((timestamp) =>
          Array.from({ length: PLAN.copies / 4 }, () => ({
            payload,
            signature: signEvent(payload, SECRET, timestamp),
          })),
        ),
      );
      findings.check(all(deliveries, 400), `stale events answered ${statuses(deliveries)}`);
      findings.check(
        (await ledger.minted(purchase.purchaseId)) === 0n,
        "a stale event minted coins",
      );
      checks.stale += deliveries.length;
    }

    // The same event many times at once, then replayed: minted once.
    {
      const purchase = await startPurchase(duplicate, "coins-500");
      const payload = completedEvent(purchase);
      const deliveries = await burst(copies(payload));
      const replays = await burst(copies(payload, 5));
      findings.check(
        all(deliveries, 200) && all(replays, 200),
        `duplicates answered ${statuses(deliveries)}`,
      );
      findings.check(
        replays.every((d) => d.body.duplicate),
        "a replayed event was handled again",
      );
      await expectMintedOnce(purchase, duplicate, "the same event delivered at once");
      checks.duplicates += deliveries.length + replays.length;
    }

    // The same payment in many different events at once: minted once.
    {
      const purchase = await startPurchase(twoEvents, "coins-1000");
      const deliveries = await burst(
        Array.from({ length: PLAN.copies }, () => signed(completedEvent(purchase))),
      );
      findings.check(
        all(deliveries, 200),
        `one payment in many events answered ${statuses(deliveries)}`,
      );
      await expectMintedOnce(purchase, twoEvents, "one payment in many events");
      checks.duplicates += deliveries.length;
    }

    // A refund delivered before the payment's success: nothing is ever minted.
    {
      const purchase = await startPurchase(refundFirst, "coins-500");
      const refunds = await burst(copies(refundedEvent(purchase), PLAN.copies / 2));
      const successes = await burst(
        Array.from({ length: PLAN.copies / 2 }, () => signed(completedEvent(purchase))),
      );
      findings.check(
        all(refunds, 200) && all(successes, 200),
        `refund-first answered ${statuses([...refunds, ...successes])}`,
      );
      findings.check(
        (await ledger.minted(purchase.purchaseId)) === 0n &&
          (await walletOf(stage.sql, refundFirst)) === 0n,
        `a payment refunded before its success was minted (${await ledger.minted(purchase.purchaseId)} coins)`,
      );
      findings.check(
        (await ledger.status(purchase.purchaseId)) === "refunded",
        `a purchase refunded before its success is ${await ledger.status(purchase.purchaseId)}`,
      );
      checks.refundsFirst += refunds.length + successes.length;
    }

    // Refunds racing the success, all at once: whatever the order, the buyer ends with nothing.
    {
      const purchase = await startPurchase(race, "coins-500");
      const payloads = shuffle([
        ...Array.from({ length: PLAN.copies / 2 }, () => signed(completedEvent(purchase))),
        ...copies(refundedEvent(purchase), PLAN.copies / 2),
      ]);
      const deliveries = await burst(payloads);
      findings.check(
        all(deliveries, 200),
        `a refund racing its success answered ${statuses(deliveries)}`,
      );
      const minted = await ledger.minted(purchase.purchaseId);
      const takenBack = await ledger.takenBack(purchase.purchaseId);
      findings.check(
        (await walletOf(stage.sql, race)) === 0n &&
          minted === takenBack &&
          minted <= (await ledger.quoted(purchase.purchaseId)),
        `a refund racing its success left ${await walletOf(stage.sql, race)} coins (minted ${minted}, taken back ${takenBack})`,
      );
      findings.check(
        (await ledger.status(purchase.purchaseId)) === "refunded",
        "a raced refund did not mark the purchase refunded",
      );
      checks.races += deliveries.length;
    }

    // Paid, partly spent on gifts, then refunded many times at once: coins back once, the spent
    // part a debt once, the creator's held diamonds from those gifts reversed once.
    {
      const purchase = await startPurchase(spender, "coins-500");
      await burst([signed(completedEvent(purchase))]);
      const gifts = await sendGifts(spender, 6); // 6 coffees: 300 coins, 150 diamonds
      const deliveries = await burst(
        shuffle([
          ...copies(refundedEvent(purchase), PLAN.copies / 2),
          ...copies(disputedEvent(purchase), PLAN.copies / 2),
        ]),
      );
      findings.check(
        all(deliveries, 200),
        `refunds of a spent purchase answered ${statuses(deliveries)}`,
      );
      const quoted = await ledger.quoted(purchase.purchaseId);
      const debts = await ledger.debts(purchase.purchaseId);
      const reversed = await ledger.reversedDiamonds(gifts.map((g) => g.diamondLegId));
      findings.check(
        (await walletOf(stage.sql, spender)) === 0n &&
          (await ledger.takenBack(purchase.purchaseId)) === quoted - 300n &&
          debts.length === 1 &&
          debts[0] === 300n,
        `a spent purchase refunded at once: wallet ${await walletOf(stage.sql, spender)}, taken back ${await ledger.takenBack(purchase.purchaseId)} of ${quoted - 300n}, debts ${debts.join("+")} (want one of 300)`,
      );
      findings.check(
        reversed.count === gifts.length && reversed.diamonds === 150n,
        `gift reversals: ${reversed.count} transfers, ${reversed.diamonds} diamonds (want 6, 150)`,
      );
      checks.spentRefunds += deliveries.length;
    }

    // Events for purchases that do not exist or do not match: acknowledged, nothing minted.
    {
      const purchase = await startPurchase(unknown, "coins-500");
      const stranger: PurchaseRef = {
        ...purchase,
        purchaseId: randomUUID(),
        paymentIntent: `pi_faults_${randomUUID()}`,
      };
      const payloads = [
        completedEvent(stranger),
        completedEvent(purchase, { purchaseId: "not-a-purchase-id" }),
        completedEvent(purchase, { sessionId: "cs_someone_elses" }),
        completedEvent(purchase, { amountMinor: purchase.priceMinor - 1 }),
        completedEvent(purchase, { currency: purchase.currency === "USD" ? "EUR" : "USD" }),
        refundedEvent(stranger),
        disputedEvent(stranger),
      ].flatMap((payload) => copies(payload, Math.max(2, PLAN.copies / 10)));
      const deliveries = await burst(payloads);
      findings.check(
        all(deliveries, 200),
        `events for unknown purchases answered ${statuses(deliveries)}`,
      );
      findings.check(
        (await ledger.minted(purchase.purchaseId)) === 0n &&
          (await ledger.status(purchase.purchaseId)) === "pending",
        "an event that does not match its purchase minted coins or changed it",
      );
      checks.unknown += deliveries.length;
    }
    step(`round ${round + 1}/${PLAN.rounds}: ${sent} deliveries so far`);
  }

  // Over 256 KiB: refused unread.
  const huge = await deliver(senders[0] as HttpClient, "x".repeat(300 * 1024), "t=1,v1=0");
  findings.check(huge.status === 413, `an oversized body answered ${huge.status} (want 413)`);

  findings.fact("deliveries in all", sent + 1);
  findings.fact("forged, tampered, unsigned, unparsable (400)", checks.forged);
  findings.fact("stale, signed 301 s and 1 h ago (400)", checks.stale);
  findings.fact("duplicates at once and replays (minted once)", checks.duplicates);
  findings.fact("refund before success, then successes (nothing minted)", checks.refundsFirst);
  findings.fact("refunds racing successes (buyer ends with 0)", checks.races);
  findings.fact("refunds and disputes of a spent purchase at once", checks.spentRefunds);
  findings.fact("events for unknown or mismatched purchases (200, ignored)", checks.unknown);
  findings.fact("answers", formatTally(answers));
  const twice = await ledger.mintedTwice();
  findings.fact("purchase legs minted twice", twice);
  findings.check(twice === 0, `${twice} purchase leg(s) minted more than once`);
  const violations = await checkLedger(stage.sql);
  findings.fact("checkLedger() violations", violations.length);
  findings.check(
    violations.length === 0,
    `checkLedger(): ${violations.map((v) => v.kind).join(", ")}`,
  );
  findings.check((await stage.api.health()).status === 200, "the API stopped answering /health");

  async function startPurchase(buyer: Person, packId: string): Promise<PurchaseRef> {
    const outcome = await callProcedure(
      buyer.client,
      "store",
      "checkout",
      { idempotencyKey: randomUUID(), item: { packId } },
      { kind: "mutation", token: buyer.token },
    );
    if (outcome.kind !== "ok") throw new Error(`checkout failed: ${describeOutcome(outcome)}`);
    const { purchaseId, checkoutUrl, quote } = outcome.data;
    return {
      purchaseId,
      sessionId: checkoutUrl.split("/").at(-1) ?? "",
      priceMinor: quote.priceMinor,
      currency: quote.currency,
      paymentIntent: `pi_faults_${purchaseId.replaceAll("-", "")}`,
    };
  }

  async function expectMintedOnce(purchase: PurchaseRef, buyer: Person, what: string) {
    const quoted = await ledger.quoted(purchase.purchaseId);
    const minted = await ledger.minted(purchase.purchaseId);
    findings.check(
      minted === quoted && (await walletOf(stage.sql, buyer)) === quoted,
      `${what}: minted ${minted} coins, wallet ${await walletOf(stage.sql, buyer)}, quoted ${quoted}`,
    );
  }

  async function sendGifts(sender: Person, count: number) {
    const gifts: { diamondLegId: string }[] = [];
    for (let i = 0; i < count; i++) {
      const key = randomUUID();
      const sent = await callProcedure(
        sender.client,
        "gifts",
        "send",
        { idempotencyKey: key, to: { handle: CREATOR_HANDLE }, giftId: "coffee", count: 1 },
        { kind: "mutation", token: sender.token },
      );
      if (sent.kind !== "ok") throw new Error(`a gift failed: ${describeOutcome(sent)}`);
      gifts.push({ diamondLegId: transferIdFor(`${sender.userId}:${key}`, "diamonds") });
    }
    return gifts;
  }
});

async function walletOf(sql: Sql, person: Person): Promise<bigint> {
  return (await getBalances(sql, [person.wallet])).get(person.wallet)?.available ?? 0n;
}

function statuses(deliveries: readonly Delivery[]): string {
  const tally = new Map<string, number>();
  for (const d of deliveries) {
    const label = `${d.status}${d.body.error ? ` ${d.body.error}` : ""}`;
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }
  return formatTally(tally);
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
