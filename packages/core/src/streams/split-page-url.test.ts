import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitPageUrl } from "./split-page-url.ts";

describe("splitPageUrl", () => {
  it.each([
    ["https://example.com/a/b", "example.com", ["a", "b"]],
    ["https://example.com/a/b/", "example.com", ["a", "b"]],
    ["https://example.com/", "example.com", []],
    ["https://example.com", "example.com", []],
    ["example.com/a", "example.com", ["a"]],
    ["//example.com/a", "example.com", ["a"]],
    ["http://EXAMPLE.com/A", "example.com", ["A"]],
    ["https://example.com:443/a", "example.com", ["a"]],
    ["http://example.com:80/a", "example.com", ["a"]],
    ["https://example.com/a/../b", "example.com", ["b"]],
    ["https://example.com\\a", "example.com", ["a"]],
    [" \t https://exam\nple.com/a \n", "example.com", ["a"]],
    ["https://example.com/a?b=c/d#e/f", "example.com", ["a"]],
  ])("returns the host and path segments when given %j", (input, hostname, segments) => {
    expect(splitPageUrl(input)).toMatchObject({ hostname, segments });
  });

  it("exposes the query string when the URL has one", () => {
    expect(splitPageUrl("https://example.com/watch?v=abc&t=1")?.searchParams.get("v")).toBe("abc");
  });

  it.each([
    ["an empty string", ""],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a javascript: URL behind whitespace", "  javascript:alert(1)"],
    ["a javascript: URL split by a tab", "java\tscript:alert(1)"],
    ["an ftp: URL", "ftp://example.com/a"],
    ["a ws: URL", "ws://example.com/a"],
    ["a mailto: URL", "mailto:someone@example.com"],
    ["a username", "https://user@example.com/a"],
    ["a password", "https://:pw@example.com/a"],
    ["a non-default port", "https://example.com:8443/a"],
    ["an empty path segment", "https://example.com//a"],
    ["two trailing slashes", "https://example.com/a//"],
    ["an invalid host", "https://exa mple.com/a"],
    ["an invalid port", "https://example.com:99999/a"],
  ])("returns null when given %s", (_case, input) => {
    expect(splitPageUrl(input)).toBeNull();
  });

  it("never throws and never returns empty segments when given any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (input) => {
        const parts = splitPageUrl(input);
        if (parts !== null) expect(parts.segments).not.toContain("");
      }),
    );
  });

  it("returns the host and segments when given a URL built from them", () => {
    fc.assert(
      fc.property(
        fc.domain(),
        fc.array(fc.stringMatching(/^[A-Za-z0-9_.~-]*[A-Za-z0-9_~-]$/), { maxLength: 4 }),
        fc.constantFrom("https://", "http://", ""),
        (domain, segments, scheme) => {
          expect(splitPageUrl(`${scheme}${domain}/${segments.join("/")}`)).toMatchObject({
            hostname: domain.toLowerCase(),
            segments,
          });
        },
      ),
    );
  });
});
