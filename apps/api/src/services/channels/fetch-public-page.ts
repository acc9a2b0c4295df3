import { lookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { classifyAddress } from "./classify-address.ts";

export interface PageFetchOptions {
  /** For the whole fetch: lookups, redirects and the body. */
  readonly timeoutMs: number;
  /** Bodies past this many bytes (after decompression) are abandoned. */
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /**
   * Origins fetched without the public-address check and allowed over http (local stand-ins
   * for the platforms in tests and development). Exactly these origins: a redirect elsewhere is
   * checked as usual.
   */
  readonly trustedOrigins: readonly string[];
  /** Every address a host name resolves to; DNS by default. */
  readonly resolveHost?: (hostname: string) => Promise<readonly string[]>;
}

export const DEFAULT_PAGE_FETCH_OPTIONS: PageFetchOptions = {
  timeoutMs: 5_000,
  maxBytes: 512 * 1024,
  maxRedirects: 3,
  trustedOrigins: [],
};

export type PageFetchFailure =
  | "invalid_url"
  | "not_https"
  | "private_address"
  | "unresolvable"
  | "unreachable"
  | "timeout"
  | "too_big"
  | "too_many_redirects"
  | "bad_redirect"
  | "http_status";

/** Why a page could not be read, in words a creator can act on. */
export class PageFetchError extends Error {
  override readonly name = "PageFetchError";
  constructor(
    readonly reason: PageFetchFailure,
    message: string,
    readonly url: string,
  ) {
    super(message);
  }
}

export interface FetchedPage {
  /** Where the page was finally read, after redirects. */
  readonly url: string;
  readonly text: string;
}

const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/**
 * Reads a public web page on a creator's behalf without letting them aim the server at itself
 * or its network: only http(s), https unless trusted, every address the host resolves to must
 * be public (and the connection goes to the address that was checked, so DNS cannot change its
 * answer in between), redirects are followed by hand and checked the same way, and the time and
 * size are bounded. Throws `PageFetchError`.
 */
export async function fetchPublicPage(
  url: string,
  options: PageFetchOptions,
): Promise<FetchedPage> {
  const trusted = new Set(options.trustedOrigins.map(originOf));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let current = parseUrl(url);
  try {
    for (let redirects = 0; ; redirects += 1) {
      const address = await admit(current, trusted, options, controller.signal, redirects > 0);
      const response = await get(current, address, controller.signal);
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.destroy();
        if (redirects >= options.maxRedirects) {
          throw new PageFetchError(
            "too_many_redirects",
            `${current.href} redirects more than ${options.maxRedirects} times.`,
            current.href,
          );
        }
        current = nextLocation(current, response.headers.location);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new PageFetchError(
          "http_status",
          `${current.href} answered HTTP ${status}; it must be publicly readable.`,
          current.href,
        );
      }
      return { url: current.href, text: await readBody(response, current.href, options.maxBytes) };
    }
  } catch (error) {
    if (controller.signal.aborted) {
      throw new PageFetchError(
        "timeout",
        `${current.href} took longer than ${options.timeoutMs / 1000} s to answer.`,
        current.href,
      );
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PageFetchError("invalid_url", `${text} is not a web address.`, text);
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) {
    throw new PageFetchError("invalid_url", `${text} is not an http(s) page address.`, text);
  }
  url.hash = "";
  return url;
}

function originOf(text: string): string {
  return new URL(text).origin;
}

function nextLocation(from: URL, location: string | undefined): URL {
  if (!location) {
    throw new PageFetchError("bad_redirect", `${from.href} redirects nowhere.`, from.href);
  }
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new PageFetchError(
      "bad_redirect",
      `${from.href} redirects to an invalid address.`,
      from.href,
    );
  }
  if ((next.protocol !== "http:" && next.protocol !== "https:") || next.username || next.password) {
    throw new PageFetchError(
      "bad_redirect",
      `${from.href} redirects to ${next.protocol} which is not a web page.`,
      from.href,
    );
  }
  next.hash = "";
  return next;
}

/**
 * The address to connect to, after the checks; null for a trusted origin (connect by name).
 * Checks the address before the scheme so a redirect into the network says so.
 */
async function admit(
  url: URL,
  trusted: ReadonlySet<string>,
  options: PageFetchOptions,
  signal: AbortSignal,
  isRedirect: boolean,
): Promise<string | null> {
  if (trusted.has(url.origin)) return null;
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(hostname) ? [hostname] : await resolve(hostname, url, options, signal);
  const refused = addresses.find((address) => classifyAddress(address) !== "public");
  if (refused !== undefined) {
    throw new PageFetchError(
      "private_address",
      `${isRedirect ? "The page redirects to " : ""}${url.host} points to a private or local network address (${refused}); only public pages can be checked.`,
      url.href,
    );
  }
  if (url.protocol !== "https:") {
    throw new PageFetchError(
      "not_https",
      `${isRedirect ? "The page redirects to " : ""}${url.href} is not https; only https pages can be checked.`,
      url.href,
    );
  }
  return addresses[0] as string;
}

async function resolve(
  hostname: string,
  url: URL,
  options: PageFetchOptions,
  signal: AbortSignal,
): Promise<readonly string[]> {
  const lookupAll =
    options.resolveHost ??
    (async (name: string) =>
      (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address));
  let addresses: readonly string[];
  try {
    addresses = await Promise.race([lookupAll(hostname), whenAborted(signal)]);
  } catch (error) {
    if (signal.aborted) throw error;
    addresses = [];
  }
  if (addresses.length === 0) {
    throw new PageFetchError("unresolvable", `${url.host} could not be found (DNS).`, url.href);
  }
  return addresses;
}

function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) =>
    signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true }),
  );
}

/** One GET, to the checked `address` when given (the URL's host still names the site for TLS). */
function get(url: URL, address: string | null, signal: AbortSignal): Promise<IncomingMessage> {
  const client = url.protocol === "https:" ? https : http;
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  return new Promise((resolvePromise, reject) => {
    const request = client.request(
      {
        method: "GET",
        protocol: url.protocol,
        host: address ?? hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        servername: isIP(hostname) ? undefined : hostname,
        headers: {
          host: url.host,
          accept: "text/html,application/json;q=0.9,*/*;q=0.5",
          "accept-encoding": "gzip, deflate, br",
          "user-agent": "CoinstreamVerifier/1 (+https://coinstream.app)",
        },
        agent: false,
        signal,
      },
      resolvePromise,
    );
    request.on("error", (error) =>
      reject(
        signal.aborted
          ? error
          : new PageFetchError("unreachable", `${url.href} could not be reached.`, url.href),
      ),
    );
    request.end();
  });
}

async function readBody(response: IncomingMessage, url: string, maxBytes: number) {
  const tooBig = () =>
    new PageFetchError(
      "too_big",
      `${url} is larger than ${Math.floor(maxBytes / 1024)} KiB; put the code on a smaller page.`,
      url,
    );
  if (Number(response.headers["content-length"] ?? 0) > maxBytes) {
    response.destroy();
    throw tooBig();
  }
  const body = decoded(response);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooBig();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof PageFetchError) throw error;
    throw new PageFetchError("unreachable", `${url} stopped answering mid-page.`, url);
  } finally {
    response.destroy();
    if (body !== response) body.destroy();
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The body as the page's text, decompressed when sent compressed (the limit counts the output). */
function decoded(response: IncomingMessage): Readable {
  const encoding = String(response.headers["content-encoding"] ?? "")
    .trim()
    .toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : null;
  if (!decoder) return response;
  response.on("error", (error) => decoder.destroy(error));
  return response.pipe(decoder);
}
