import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_PAGE_FETCH_OPTIONS,
  fetchPublicPage,
  type PageFetchOptions,
} from "./fetch-public-page.ts";
import {
  endlessPage,
  hangingPage,
  type StandInSite,
  startStandInSite,
} from "./testing/stand-in-site.ts";

let site: StandInSite;
let other: StandInSite;
let options: PageFetchOptions;

beforeAll(async () => {
  site = await startStandInSite();
  other = await startStandInSite();
  options = {
    ...DEFAULT_PAGE_FETCH_OPTIONS,
    timeoutMs: 5_000,
    maxBytes: 8 * 1024,
    trustedOrigins: [site.origin],
  };
});
afterAll(async () => {
  await site.close();
  await other.close();
});

const redirect = (location: string) => ({ status: 302, headers: { location } });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("fetchPublicPage", () => {
  it("reads a trusted origin's page, following up to three redirects", async () => {
    site.pages.set("/r1", redirect("/r2"));
    site.pages.set("/r2", redirect(`${site.origin}/r3`));
    site.pages.set("/r3", redirect("/final?x=1"));
    site.pages.set("/final", { body: "<p>héllo</p>" });
    expect(await fetchPublicPage(`${site.origin}/r1`, options)).toEqual({
      url: `${site.origin}/final?x=1`,
      text: "<p>héllo</p>",
    });
  });

  it("refuses a fourth redirect", async () => {
    site.pages.set("/loop", redirect("/loop"));
    expect(await failureOf(fetchPublicPage(`${site.origin}/loop`, options))).toMatchObject({
      reason: "too_many_redirects",
    });
  });

  it("refuses a redirect without a location or to a non-web scheme", async () => {
    site.pages.set("/nowhere", { status: 301 });
    site.pages.set("/script", redirect("javascript:alert(1)"));
    expect(await failureOf(fetchPublicPage(`${site.origin}/nowhere`, options))).toMatchObject({
      reason: "bad_redirect",
    });
    expect(await failureOf(fetchPublicPage(`${site.origin}/script`, options))).toMatchObject({
      reason: "bad_redirect",
    });
  });

  it("refuses a local address that is not a trusted origin, without connecting", async () => {
    other.pages.set("/secret", { body: "internal" });
    const before = other.requests.length;
    for (const url of [
      `${other.origin}/secret`,
      `${other.origin.replace("127.0.0.1", "[::ffff:127.0.0.1]")}/secret`,
      `https://${other.origin.slice("http://".length)}/secret`,
    ]) {
      expect(await failureOf(fetchPublicPage(url, options))).toMatchObject({
        reason: "private_address",
      });
    }
    expect(other.requests.length).toBe(before);
  });

  it("refuses a redirect from a trusted origin to another private address", async () => {
    other.pages.set("/admin", { body: "internal" });
    site.pages.set("/to-other", redirect(`${other.origin}/admin`));
    site.pages.set(
      "/to-localhost",
      redirect(`${other.origin.replace("127.0.0.1", "localhost")}/admin`),
    );
    site.pages.set("/to-metadata", redirect("http://169.254.169.254/latest/meta-data/"));
    const before = other.requests.length;
    for (const path of ["/to-other", "/to-localhost", "/to-metadata"]) {
      const failure = await failureOf(fetchPublicPage(`${site.origin}${path}`, options));
      expect(failure).toMatchObject({ reason: "private_address" });
      expect((failure as Error).message).toMatch(/redirects to .*private or local network/);
    }
    expect(other.requests.length).toBe(before);
  });

  it("refuses a host name when any address it resolves to is private", async () => {
    const resolving = (addresses: string[]) => ({
      ...options,
      resolveHost: async () => addresses,
    });
    for (const addresses of [
      ["10.0.0.5"],
      ["93.184.216.34", "192.168.1.1"],
      ["fd00::1"],
      ["::1"],
    ]) {
      expect(
        await failureOf(fetchPublicPage("https://internal.example/", resolving(addresses))),
      ).toMatchObject({ reason: "private_address" });
    }
  });

  it("refuses plain http on a public address, and hosts that do not resolve", async () => {
    const publicHost = { ...options, resolveHost: async () => ["93.184.216.34"] };
    expect(await failureOf(fetchPublicPage("http://example.com/", publicHost))).toMatchObject({
      reason: "not_https",
    });
    const unknownHost = { ...options, resolveHost: async () => [] };
    expect(await failureOf(fetchPublicPage("https://nope.example/", unknownHost))).toMatchObject({
      reason: "unresolvable",
    });
    expect(await failureOf(fetchPublicPage("ftp://example.com/", options))).toMatchObject({
      reason: "invalid_url",
    });
  });

  it("refuses a page larger than the limit, whether announced or streamed", async () => {
    site.pages.set("/announced", { body: "x".repeat(9 * 1024) });
    site.pages.set("/streamed", endlessPage(10 * 1024 * 1024));
    for (const path of ["/announced", "/streamed"]) {
      expect(await failureOf(fetchPublicPage(`${site.origin}${path}`, options))).toMatchObject({
        reason: "too_big",
      });
    }
  });

  it("decompresses a gzipped page and counts the limit after decompression", async () => {
    site.pages.set("/small.gz", {
      body: gzipSync("<p>code-123</p>"),
      headers: { "content-encoding": "gzip" },
    });
    site.pages.set("/bomb.gz", {
      body: gzipSync(Buffer.alloc(5 * 1024 * 1024, "a")),
      headers: { "content-encoding": "gzip" },
    });
    expect((await fetchPublicPage(`${site.origin}/small.gz`, options)).text).toBe(
      "<p>code-123</p>",
    );
    expect(await failureOf(fetchPublicPage(`${site.origin}/bomb.gz`, options))).toMatchObject({
      reason: "too_big",
    });
  });

  it("gives up on a page that does not finish within the timeout", async () => {
    site.pages.set("/hang", hangingPage());
    site.pages.set("/silent", () => {});
    for (const path of ["/hang", "/silent"]) {
      const failure = await failureOf(
        fetchPublicPage(`${site.origin}${path}`, { ...options, timeoutMs: 300 }),
      );
      expect(failure).toMatchObject({ reason: "timeout" });
      expect((failure as Error).message).toContain("took longer than 0.3 s");
    }
  });

  it("refuses an error status", async () => {
    expect(await failureOf(fetchPublicPage(`${site.origin}/missing`, options))).toMatchObject({
      reason: "http_status",
      message: expect.stringContaining("HTTP 404"),
    });
  });
});
