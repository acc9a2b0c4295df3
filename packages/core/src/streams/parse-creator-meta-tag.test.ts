import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCreatorMetaTag } from "./parse-creator-meta-tag.ts";

const page = (head: string, body = "<p>Hello</p>"): string =>
  `<!doctype html><html><head><title>Stream</title>${head}</head><body>${body}</body></html>`;

describe("parseCreatorMetaTag", () => {
  it.each([
    ["double quotes", `<meta name="coinstream:creator" content="alice">`],
    ["single quotes", `<meta name='coinstream:creator' content='alice'>`],
    ["no quotes", `<meta name=coinstream:creator content=alice>`],
    ["content first", `<meta content="alice" name="coinstream:creator">`],
    ["a leading @", `<meta name="coinstream:creator" content="@alice">`],
    ["an upper-case handle", `<meta name="coinstream:creator" content="@ALICE">`],
    ["spaces around the handle", `<meta name="coinstream:creator" content="  alice  ">`],
    ["an upper-case tag", `<META NAME="coinstream:creator" CONTENT="alice">`],
    ["mixed-case names", `<MeTa NaMe="coinstream:creator" CoNtEnT="alice">`],
    ["an upper-case name value", `<meta name="Coinstream:Creator" content="alice">`],
    ["a self-closing slash", `<meta name="coinstream:creator" content="alice" />`],
    ["a slash with no space", `<meta name="coinstream:creator" content="alice"/>`],
    ["extra attributes", `<meta data-x="1" name="coinstream:creator" id=m content="alice" hidden>`],
    ["newlines and tabs", `<meta\n\tname = "coinstream:creator"\n\tcontent =\n'alice'\n>`],
    [
      "a > inside another attribute",
      `<meta data-x="a>b" name="coinstream:creator" content="alice">`,
    ],
    [
      "other meta tags first",
      `<meta charset="utf-8"><meta name="description" content="x"><meta name="coinstream:creator" content="alice">`,
    ],
    [
      "a commented-out tag first",
      `<!-- <meta name="coinstream:creator" content="mallory"> --><meta name="coinstream:creator" content="alice">`,
    ],
    [
      "a tag in a script first",
      `<script>var s = '<meta name="coinstream:creator" content="mallory">';</script><meta name="coinstream:creator" content="alice">`,
    ],
    ["an empty comment first", `<!--><meta name="coinstream:creator" content="alice">`],
    [
      "an end tag with a quoted >",
      `</div title=">"><meta name="coinstream:creator" content="alice">`,
    ],
  ])("returns the normalised handle when the tag has %s", (_case, head) => {
    expect(parseCreatorMetaTag(page(head))).toBe("alice");
  });

  it("returns the handle when the tag is in the body", () => {
    expect(parseCreatorMetaTag(page("", `<meta name="coinstream:creator" content="bob">`))).toBe(
      "bob",
    );
  });

  it("returns the first tag's handle when the page has two", () => {
    const html = page(
      `<meta name="coinstream:creator" content="alice"><meta name="coinstream:creator" content="bob">`,
    );
    expect(parseCreatorMetaTag(html)).toBe("alice");
  });

  it("uses the first of duplicate attributes when a tag repeats one", () => {
    const html = page(`<meta name="coinstream:creator" content="alice" content="bob">`);
    expect(parseCreatorMetaTag(html)).toBe("alice");
  });

  it.each([
    ["an empty document", ""],
    ["a page without the tag", page(`<meta name="description" content="alice">`)],
    ["another name", page(`<meta name="coinstream:creators" content="alice">`)],
    ["a property instead of a name", page(`<meta property="coinstream:creator" content="alice">`)],
    ["no content", page(`<meta name="coinstream:creator">`)],
    ["an empty content", page(`<meta name="coinstream:creator" content="">`)],
    ["an invalid handle", page(`<meta name="coinstream:creator" content="al ice">`)],
    ["a too-short handle", page(`<meta name="coinstream:creator" content="a">`)],
    ["an encoded @", page(`<meta name="coinstream:creator" content="&#64;alice">`)],
    [
      "an invalid first tag and a valid second one",
      page(
        `<meta name="coinstream:creator" content="-"><meta name="coinstream:creator" content="bob">`,
      ),
    ],
    ["a tag only in a comment", page(`<!-- <meta name="coinstream:creator" content="alice"> -->`)],
    [
      "a tag only in a script",
      page(
        "",
        `<script>document.write('<meta name="coinstream:creator" content="alice">')</script>`,
      ),
    ],
    [
      "a tag only in a style",
      page(`<style>/* <meta name="coinstream:creator" content="alice"> */</style>`),
    ],
    [
      "a tag only in a textarea",
      page("", `<textarea><meta name="coinstream:creator" content="alice"></textarea>`),
    ],
    ["a tag only in the title", `<title><meta name="coinstream:creator" content="alice"></title>`],
    [
      "a tag only in an unclosed script",
      `<script><meta name="coinstream:creator" content="alice">`,
    ],
    ["a tag only in an unclosed comment", `<!-- <meta name="coinstream:creator" content="alice">`],
    [
      "a tag only inside an attribute value",
      page("", `<div title='<meta name="coinstream:creator" content="alice">'></div>`),
    ],
    [
      "a tag only inside an unclosed attribute value",
      `<div title="x <meta name='coinstream:creator' content='alice'>`,
    ],
    ["a tag only after plaintext", `<plaintext><meta name="coinstream:creator" content="alice">`],
    ["an unterminated tag", `<meta name="coinstream:creator" content="alice"`],
    ["an escaped tag", page("", `&lt;meta name="coinstream:creator" content="alice"&gt;`)],
    ["a different element", page("", `<metadata name="coinstream:creator" content="alice">`)],
    ["a space after the <", page("", `< meta name="coinstream:creator" content="alice">`)],
  ])("returns null when given %s", (_case, html) => {
    expect(parseCreatorMetaTag(html)).toBeNull();
  });

  it("finds the tag when an earlier script end tag is in capitals", () => {
    const html = `<SCRIPT>x = "<"</SCRIPT ><meta name="coinstream:creator" content="alice">`;
    expect(parseCreatorMetaTag(html)).toBe("alice");
  });

  it("does not end a script at a longer tag name when one starts alike", () => {
    const html = `<script></scripts><meta name="coinstream:creator" content="mallory"></script>`;
    expect(parseCreatorMetaTag(html)).toBeNull();
  });

  it("returns null when called from JavaScript with a non-string", () => {
    expect(parseCreatorMetaTag(undefined as unknown as string)).toBeNull();
  });
});

const handle = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,29}$/);
const space = fc.constantFrom(" ", "  ", "\n", "\t", "\r\n ");
const quote = fc.constantFrom('"', "'");
const caseOf = (text: string, upper: readonly boolean[]): string =>
  [...text]
    .map((char, index) => (upper[index % Math.max(upper.length, 1)] ? char.toUpperCase() : char))
    .join("");

const htmlFragment = fc.constantFrom(
  "<",
  ">",
  "</",
  "/>",
  "<!--",
  "-->",
  "<!",
  "<?",
  "<meta",
  "<META ",
  "<script>",
  "</script>",
  "<title>",
  "<plaintext>",
  " name=",
  " content=",
  "coinstream:creator",
  '"',
  "'",
  "=",
  "@alice",
  " ",
  "\n",
  "&#64;",
);

describe("parseCreatorMetaTag properties", () => {
  it("never throws when given any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (html) => {
        const result = parseCreatorMetaTag(html);
        expect(result === null || typeof result === "string").toBe(true);
      }),
    );
  });

  it("never throws and returns only valid handles when given HTML-ish fragments", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(htmlFragment, fc.string()), { maxLength: 20 }), (parts) => {
        const result = parseCreatorMetaTag(parts.join(""));
        if (result !== null) expect(result).toMatch(/^[a-z0-9][a-z0-9_.-]{1,29}$/);
      }),
      { numRuns: 500 },
    );
  });

  it("returns the lower-cased handle when given any valid tag in any spelling", () => {
    fc.assert(
      fc.property(
        handle,
        fc.boolean(),
        fc.boolean(),
        quote,
        quote,
        space,
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        fc.string().filter((text) => !/[<>"']/.test(text)),
        (name, at, contentFirst, nameQuote, contentQuote, gap, upper, extra) => {
          const nameAttribute = `${caseOf("name", upper)}=${nameQuote}coinstream:creator${nameQuote}`;
          const contentAttribute = `${caseOf("content", upper)}=${contentQuote}${at ? "@" : ""}${name}${contentQuote}`;
          const attributes = contentFirst
            ? [contentAttribute, `data-x="${extra}"`, nameAttribute]
            : [nameAttribute, `data-x="${extra}"`, contentAttribute];
          const tag = `<${caseOf("meta", upper)}${gap}${attributes.join(gap)}${gap}>`;
          expect(parseCreatorMetaTag(page(tag))).toBe(name.toLowerCase());
        },
      ),
    );
  });

  it("returns null when the only valid tag sits inside a comment or script", () => {
    fc.assert(
      fc.property(
        handle,
        fc.constantFrom(["<!--", "-->"], ["<script>", "</script>"], ["<style>", "</style>"]),
        (name, [open, close]) => {
          const tag = `<meta name="coinstream:creator" content="${name}">`;
          expect(parseCreatorMetaTag(page(`${open}${tag}${close}`))).toBeNull();
        },
      ),
    );
  });
});
