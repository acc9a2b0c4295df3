import { TRPCError } from "@trpc/server";
import type { Context } from "hono";

/**
 * Refuses a `/trpc` mutation (a POST) that a page on another site could have made a browser
 * send with the person's session cookie. Anything but a JSON body is refused (415): browsers send
 * forms (urlencoded, multipart, text/plain) cross-site without asking the API first, and tRPC
 * would read a multipart body as input. A cookie-authenticated call (a Cookie header and no
 * Authorization header) from a browser origin other than `allowedOrigins` is refused (403).
 * Bearer calls (the extension) and clients that send no Origin (servers, scripts) pass: a page
 * cannot set Authorization cross-site without a preflight, which CORS refuses.
 */
export function refuseCrossSiteMutation(c: Context, allowedOrigins: ReadonlySet<string>): void {
  if (c.req.method !== "POST") return;
  const contentType = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (contentType !== "application/json") {
    throw new TRPCError({
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "Procedure calls take a JSON body (Content-Type: application/json).",
    });
  }
  const origin = c.req.header("origin");
  const cookieAuthenticated = !c.req.header("authorization") && Boolean(c.req.header("cookie"));
  if (cookieAuthenticated && origin !== undefined && !allowedOrigins.has(origin)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `Calls signed in with a cookie are accepted from this API's own pages and trusted origins only, not from ${origin}.`,
    });
  }
}
