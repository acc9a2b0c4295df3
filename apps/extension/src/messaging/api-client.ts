import type {
  ApiError,
  ApiResult,
  InputOf,
  Messages,
  OutputOf,
  ProcedurePath,
} from "./contract.ts";

/** Sends one message to the background and waits for its answer (@plasmohq/messaging in the extension). */
export type SendMessage = <N extends keyof Messages>(
  name: N,
  body: Messages[N]["req"],
) => Promise<Messages[N]["res"]>;

/** An error a page can show: thrown by `call` when the API (or the network) refused. */
export class ApiCallError extends Error {
  override readonly name = "ApiCallError";
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/**
 * Typed API calls for pages, through the background: `api.query("wallet.get", undefined)`,
 * `api.mutation("gifts.send", {...})`. Results come back as the API typed them.
 */
export function createApiClient(send: SendMessage) {
  async function call<P extends ProcedurePath>(
    kind: "query" | "mutation",
    path: P,
    input: InputOf<P>,
  ): Promise<OutputOf<P>> {
    const result = (await send("api", { path, kind, input })) as ApiResult<OutputOf<P>>;
    if (!result.ok) throw new ApiCallError(result.error);
    return result.data;
  }
  return {
    query: <P extends ProcedurePath>(path: P, input: InputOf<P>) => call("query", path, input),
    mutation: <P extends ProcedurePath>(path: P, input: InputOf<P>) =>
      call("mutation", path, input),
    auth: (body: Messages["auth"]["req"]) => send("auth", body),
    openTab: (url: string) => send("open-tab", { url }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
