/**
 * The demo logins an API started with `SEED_DEMO=1` (ApiProcess's default) creates, as
 * apps/api/src/demo/seed-demo.ts seeds them; its test checks these agree.
 */
export const DEMO_PASSWORD = "coinstream-demo";

/** The demo viewer: 5,000 coins. */
export const DEMO_VIEWER = {
  email: "viewer@demo.coinstream.local",
  password: DEMO_PASSWORD,
  coins: 5_000,
} as const;

/**
 * @nova: live on /demo/stream/nova, owner of the Twitch channel nova_live, joined a month ago
 * with 2,500 diamonds available.
 */
export const DEMO_CREATOR = {
  email: "nova@demo.coinstream.local",
  password: DEMO_PASSWORD,
  handle: "nova",
  twitchChannel: "nova_live",
  availableDiamonds: 2_500,
} as const;
