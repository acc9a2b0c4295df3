/*
 * The contract between the extension's pages (popup, options, content scripts) and its background
 * worker, the only part that talks to the API and holds the session. Pages send messages with
 * @plasmohq/messaging; the background's handlers (src/background/messages/<name>.ts and
 * src/background/ports/<name>.ts) answer with these shapes.
 */
import type { ProcedurePath, StreamEvent } from "@coinstream/api";

/** Every procedure as "router.procedure" (e.g. "gifts.send"), with its input and output types. */
export type { InputOf, OutputOf, ProcedurePath } from "@coinstream/api";

/** An API error as a page shows it: the rulebook's code and a sentence a person can act on. */
export interface ApiError {
  /** tRPC's code (BAD_REQUEST, UNAUTHORIZED, ...) or NETWORK when the API could not be reached. */
  readonly code: string;
  /** The rulebook's code (INSUFFICIENT_COINS, CONFIRMATION_REQUIRED, ...) when there is one. */
  readonly domainCode: string | null;
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
  /** Per-field messages for invalid input (zod), keyed by field name. */
  readonly fieldErrors: Readonly<Record<string, readonly string[]>>;
}

export type ApiResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: ApiError };

/** One tRPC operation as the background relays it (the background's own handlers use it too). */
export interface ApiRequest {
  readonly path: ProcedurePath;
  readonly kind: "query" | "mutation";
  readonly input?: unknown;
}

/**
 * Port `trpc`: a page's tRPC client (messaging/port-link.ts) posts each query or mutation with an
 * id; the background runs it with its own client (which holds the token), if the page's context
 * may call it, and posts back the data or the error in tRPC's error shape.
 */
export interface TrpcPortRequest {
  readonly id: number;
  readonly type: "query" | "mutation";
  readonly path: string;
  readonly input?: unknown;
}

/** The error as tRPC shapes it (the API's error formatter), so pages get a typed TRPCClientError. */
export interface TrpcErrorShape {
  readonly message: string;
  /** JSON-RPC code, as tRPC sends it. */
  readonly code: number;
  readonly data: {
    /** tRPC's code (BAD_REQUEST, UNAUTHORIZED, ...) or NETWORK when the API could not be reached. */
    readonly code: string;
    readonly httpStatus: number;
    readonly path?: string;
    readonly domainCode: string | null;
    readonly details: Readonly<Record<string, unknown>> | null;
    readonly fieldErrors: Readonly<Record<string, readonly string[]>> | null;
  };
}

export type TrpcPortResponse =
  | { readonly id: number; readonly result: { readonly data: unknown } }
  | { readonly id: number; readonly error: TrpcErrorShape };

export interface SignedInUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/** Message `auth`: sign up, sign in, sign out and who is signed in. */
export type AuthRequest =
  | {
      readonly action: "signUp";
      readonly email: string;
      readonly password: string;
      readonly name: string;
      /** YYYY-MM-DD */
      readonly dateOfBirth: string;
      /** ISO 3166-1 alpha-2 */
      readonly region: string;
      /** The community guidelines version the person read and accepted (`guidelines.current`). */
      readonly acceptedGuidelinesVersion: number;
    }
  | { readonly action: "signIn"; readonly email: string; readonly password: string }
  | { readonly action: "signOut" }
  | { readonly action: "status" };

export type AuthResult = ApiResult<{
  readonly user: SignedInUser | null;
  /** After sign-up: the API sent a verification email; sign-in works once it is verified. */
  readonly verificationSent?: boolean;
}>;

/** Message `open-tab`: opens a page the API returned (a checkout page) in a new tab. */
export interface OpenTabRequest {
  readonly url: string;
}

/**
 * Port `stream`: a page posts `{ type: "follow", handle }` (or `{ type: "unfollow" }`); the
 * background follows that creator's public stream events (resuming after reconnects from the last
 * event id, with backoff) and posts each event and connection changes back.
 */
export type StreamPortRequest =
  | { readonly type: "follow"; readonly handle: string }
  | { readonly type: "unfollow" };

export type StreamEventMessage = StreamEvent;

export type StreamPortMessage =
  | { readonly type: "event"; readonly event: StreamEventMessage }
  | { readonly type: "status"; readonly connected: boolean; readonly retryInMs?: number };

/**
 * Message `spend-confirmation`: the confirmation window (tabs/confirm.html, in the popup window
 * the background opened for one spend) reads what it confirms and answers. Only that window's
 * page is heard.
 */
export interface SpendConfirmationRequest {
  readonly id: string;
  readonly action: "get" | "approve" | "cancel";
}

export type SpendConfirmationResult =
  | {
      readonly ok: true;
      readonly summary: {
        readonly coins: number;
        readonly what: string;
        readonly to: string;
        readonly site: string;
      };
    }
  | { readonly ok: false };

/**
 * Message `show-launcher`: the detector (contents/detector.ts, on every web page) found a creator
 * meta tag; the background injects the launcher into that tab. Only a tab's top frame is heard.
 */
export interface ShowLauncherRequest {
  readonly declaredHandle: string;
}

export type ShowLauncherResult = { readonly ok: boolean };

/** Message names and their request/response types, for typed senders. */
export interface Messages {
  readonly auth: { readonly req: AuthRequest; readonly res: AuthResult };
  readonly "open-tab": { readonly req: OpenTabRequest; readonly res: ApiResult<null> };
  readonly "show-launcher": { readonly req: ShowLauncherRequest; readonly res: ShowLauncherResult };
  readonly "spend-confirmation": {
    readonly req: SpendConfirmationRequest;
    readonly res: SpendConfirmationResult;
  };
}
