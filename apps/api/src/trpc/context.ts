import type { AppDependencies } from "../app.ts";
import type { PaymentProvider } from "../payments/payment-provider.ts";
import type { StreamEventHub } from "../realtime/stream-event-hub.ts";
import {
  type ChannelVerifierConfig,
  DEFAULT_CHANNEL_VERIFIER_CONFIG,
} from "../services/channels/channel-verifier-config.ts";
import type { ServiceContext, Viewer } from "../services/service-context.ts";

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

/** The request's context: the app's dependencies, the caller (null: anonymous) and one "now". */
export function createContext(deps: ContextDependencies, viewer: Viewer | null = null): Context {
  return {
    sql: deps.sql,
    ledger: deps.ledger,
    payments: deps.payments.provider,
    events: deps.events,
    publicUrl: deps.publicUrl ?? null,
    channelVerifier: deps.channelVerifier ?? DEFAULT_CHANNEL_VERIFIER_CONFIG,
    viewer,
    now: new Date(),
  };
}
