import type { ApiResult, OpenTabRequest } from "../messaging/contract.ts";

export type CreateTab = (properties: { url: string; active: boolean }) => Promise<unknown>;

/**
 * The `open-tab` message: opens a page the API handed out (a checkout page) in a new tab. Only
 * http(s) addresses: never a javascript:, data: or extension page a message could smuggle in.
 */
export async function handleOpenTab(
  request: OpenTabRequest,
  createTab: CreateTab,
): Promise<ApiResult<null>> {
  let url: URL;
  try {
    url = new URL(request?.url ?? "");
  } catch {
    return invalid();
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return invalid();
  try {
    await createTab({ url: url.href, active: true });
    return { ok: true, data: null };
  } catch {
    return {
      ok: false,
      error: {
        code: "INTERNAL_SERVER_ERROR",
        domainCode: null,
        message: "The browser could not open a new tab.",
        details: {},
        fieldErrors: {},
      },
    };
  }
}

function invalid(): ApiResult<null> {
  return {
    ok: false,
    error: {
      code: "BAD_REQUEST",
      domainCode: null,
      message: "That address can't be opened.",
      details: {},
      fieldErrors: {},
    },
  };
}
