// How another TypeScript project calls Coinstream: import the AppRouter *type* and let
// @trpc/client do the rest. Run against a started API:
//   pnpm --filter @coinstream/api example:client            (COINSTREAM_API_URL, default http://127.0.0.1:3000)
import type { AppRouter } from "@coinstream/api";
import { createTRPCClient, httpBatchLink } from "@trpc/client";

const baseUrl = process.env.COINSTREAM_API_URL ?? "http://127.0.0.1:3000";
const coinstream = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: `${baseUrl}/trpc` })],
});

const { region, offers } = await coinstream.store.packs.query({ region: "DE" });
console.log(`Coin packs for ${region}:`);
for (const offer of offers) {
  console.log(`  ${offer.coins} coins  ${offer.quote.priceLabel}  (${offer.per100CoinsLabel})`);
}

const { gifts } = await coinstream.gifts.catalog.query();
const lion = gifts.find((gift) => gift.id === "lion");
const preview = await coinstream.gifts.preview.query({ giftId: "lion", count: 1 });
console.log(`${lion?.name} costs ${lion?.coins} coins. ${preview.label}.`);
