import type { AppDependencies } from "../app.ts";
import type { PaymentProvider } from "../payments/payment-provider.ts";
import { StreamEventHub } from "../realtime/stream-event-hub.ts";
import {
  type ChannelVerifierConfig,
  DEFAULT_CHANNEL_VERIFIER_CONFIG,
} from "../services/channels/channel-verifier-config.ts";
import type { ServiceContext, UserRole, Viewer } from "../services/service-context.ts";

// Re-exported: the services layer owns these types; older imports keep compiling.
export type { UserRole, Viewer };

// A type alias, not an interface: the Hono adapter wants an indexable record.
/** Every part a procedure may need, always present: a half-built context cannot be made. */
export type Context = ServiceContext & {
  readonly payments: PaymentProvider;
  readonly events: StreamEventHub;
  /** The API's public origin (PUBLIC_URL), for links it hands out; null when not configured. */
  readonly publicUrl: string | null;
  /** Where channel pages are read for verification (the real platforms unless configured). */
  readonly channelVerifier: ChannelVerifierConfig;
  /** Null when the request is anonymous. */
  readonly viewer: Viewer | null;
};

/** What a context is built from: the app's own dependencies (payments: the provider only). */
export type ContextDependencies = Pick<
  AppDependencies,
  "sql" | "ledger" | "events" | "publicUrl" | "channelVerifier"
> & { readonly payments: { readonly provider: PaymentProvider } };

export function createContext(deps: ContextDependencies, viewer?: Viewer | null): Context;
/**
 * @deprecated Only for the gift-path tests (services/gifts, services/spending) until they move to
 * test-support's `createTestContext`: payments refuse and the stream-event hub never starts.
 */
export function createContext(
  deps: Pick<ContextDependencies, "sql" | "ledger">,
  viewer?: Viewer | null,
): Context;
export function createContext(
  deps: Pick<ContextDependencies, "sql" | "ledger"> & Partial<ContextDependencies>,
  viewer: Viewer | null = null,
): Context {
  return {
    sql: deps.sql,
    ledger: deps.ledger,
    payments: deps.payments?.provider ?? PAYMENTS_REFUSED,
    events: deps.events ?? new StreamEventHub(deps.sql),
    publicUrl: deps.publicUrl ?? null,
    channelVerifier: deps.channelVerifier ?? DEFAULT_CHANNEL_VERIFIER_CONFIG,
    viewer,
    now: new Date(),
  };
}

/** The deprecated overload's payments: the gift path never pays, so any use is a test's mistake. */
const PAYMENTS_REFUSED: PaymentProvider = {
  name: "sandbox",
  createCheckout: () => Promise.reject(new Error("This test context has no payment provider.")),
  startAgeCheck: () => Promise.reject(new Error("This test context has no payment provider.")),
};
