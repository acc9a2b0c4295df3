import { normalizeCreatorHandle } from "./normalize-creator-handle.ts";

const CREATOR_META_NAME = "coinstream:creator";

// Elements whose content the HTML parser reads as text: a "<meta" inside is not a tag.
const TEXT_ONLY_ELEMENTS: ReadonlySet<string> = new Set([
  "iframe",
  "noembed",
  "noframes",
  "script",
  "style",
  "textarea",
  "title",
  "xmp",
]);

interface StartTag {
  readonly name: string;
  /** Attribute names ASCII-lower-cased; the first of duplicate attributes wins, as in HTML. */
  readonly attributes: ReadonlyMap<string, string>;
  /** Index just past the closing ">". */
  readonly end: number;
}

/** The document ends inside a tag or comment, so nothing after that point is markup. */
const END_OF_INPUT = "end-of-input";

/**
 * Finds the creator's handle in a page's HTML, from
 * `<meta name="coinstream:creator" content="@handle">`, normalised by `normalizeCreatorHandle`.
 * Null when there is no such tag or its handle is invalid. Never throws.
 *
 * It tokenizes tags the way a browser does, so attributes may come in any order, with double,
 * single or no quotes, in any letter case and with extra attributes and whitespace. Like
 * `document.querySelector`, the first matching tag decides, even when its handle is invalid;
 * tags inside comments, `<script>`, `<style>`, `<textarea>`, `<title>` and the like do not count,
 * because a browser would not see them as tags either. Character references (`&#64;`) are not
 * decoded, so a handle written with them is invalid.
 *
 * @example
 * parseCreatorMetaTag(`<head><META content='@Alice' NAME="coinstream:creator"></head>`)
 * // "alice"
 */
export function parseCreatorMetaTag(html: string): string | null {
  if (typeof html !== "string") return null;
  let cursor = 0;
  while (cursor < html.length) {
    const open = html.indexOf("<", cursor);
    if (open === -1) return null;
    const next = skipNonStartTag(html, open);
    if (next === END_OF_INPUT) return null;
    if (next !== open) {
      cursor = next;
      continue;
    }

    const tag = readTag(html, open + 1);
    if (tag === END_OF_INPUT) return null;
    if (tag === null) {
      cursor = open + 1;
      continue;
    }
    if (
      tag.name === "meta" &&
      toAsciiLowerCase(tag.attributes.get("name") ?? "") === CREATOR_META_NAME
    ) {
      return normalizeCreatorHandle(tag.attributes.get("content") ?? "");
    }
    if (tag.name === "plaintext") return null;
    if (!TEXT_ONLY_ELEMENTS.has(tag.name)) {
      cursor = tag.end;
      continue;
    }
    const close = findEndTag(html, tag.name, tag.end);
    if (close === -1) return null;
    cursor = close;
  }
  return null;
}

/**
 * At a "<" that opens a comment, doctype, processing instruction or end tag, returns the index
 * just past it; at anything else returns `open` unchanged.
 */
function skipNonStartTag(html: string, open: number): number | typeof END_OF_INPUT {
  if (html.startsWith("<!--", open)) {
    // "<!-->" and "<!--->" are complete (empty) comments.
    if (html.startsWith(">", open + 4)) return open + 5;
    if (html.startsWith("->", open + 4)) return open + 6;
    const close = html.indexOf("-->", open + 4);
    return close === -1 ? END_OF_INPUT : close + 3;
  }
  const second = html.charAt(open + 1);
  if (second === "/") {
    if (isAsciiLetter(html.charAt(open + 2))) {
      // End tags may carry (ignored) attributes whose quoted values contain ">".
      const tag = readTag(html, open + 2);
      return tag === END_OF_INPUT || tag === null ? END_OF_INPUT : tag.end;
    }
    return skipPastGreaterThan(html, open + 2);
  }
  if (second === "!" || second === "?") return skipPastGreaterThan(html, open + 2);
  return open;
}

function skipPastGreaterThan(html: string, from: number): number | typeof END_OF_INPUT {
  const close = html.indexOf(">", from);
  return close === -1 ? END_OF_INPUT : close + 1;
}

/** Reads a tag's name and attributes starting at its name; null when no letter starts it. */
function readTag(html: string, nameStart: number): StartTag | null | typeof END_OF_INPUT {
  if (!isAsciiLetter(html.charAt(nameStart))) return null;
  let index = nameStart;
  while (index < html.length && !endsName(html.charAt(index), false)) index += 1;
  const name = toAsciiLowerCase(html.slice(nameStart, index));
  const attributes = new Map<string, string>();

  for (;;) {
    while (isHtmlSpace(html.charAt(index)) || html.charAt(index) === "/") index += 1;
    if (index >= html.length) return END_OF_INPUT;
    if (html.charAt(index) === ">") return { name, attributes, end: index + 1 };

    // The first character always belongs to the name, even "=", as in the HTML tokenizer.
    const attributeStart = index;
    index += 1;
    while (index < html.length && !endsName(html.charAt(index), true)) index += 1;
    const attributeName = toAsciiLowerCase(html.slice(attributeStart, index));

    while (isHtmlSpace(html.charAt(index))) index += 1;
    let value = "";
    if (html.charAt(index) === "=") {
      index += 1;
      while (isHtmlSpace(html.charAt(index))) index += 1;
      const quote = html.charAt(index);
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, index + 1);
        if (close === -1) return END_OF_INPUT;
        value = html.slice(index + 1, close);
        index = close + 1;
      } else {
        const valueStart = index;
        while (
          index < html.length &&
          !isHtmlSpace(html.charAt(index)) &&
          html.charAt(index) !== ">"
        ) {
          index += 1;
        }
        value = html.slice(valueStart, index);
      }
    }
    if (!attributes.has(attributeName)) attributes.set(attributeName, value);
  }
}

/** Index of the "</name" that closes a text-only element, or -1. */
function findEndTag(html: string, name: string, from: number): number {
  let index = html.indexOf("</", from);
  while (index !== -1) {
    const candidate = html.slice(index + 2, index + 2 + name.length);
    const after = html.charAt(index + 2 + name.length);
    if (toAsciiLowerCase(candidate) === name && (after === "" || endsName(after, false))) {
      return index;
    }
    index = html.indexOf("</", index + 2);
  }
  return -1;
}

function endsName(char: string, isAttribute: boolean): boolean {
  return isHtmlSpace(char) || char === "/" || char === ">" || (isAttribute && char === "=");
}

function isHtmlSpace(char: string): boolean {
  return char === " " || char === "\t" || char === "\n" || char === "\f" || char === "\r";
}

function isAsciiLetter(char: string): boolean {
  return (char >= "a" && char <= "z") || (char >= "A" && char <= "Z");
}

// String#toLowerCase maps a few non-ASCII letters to ASCII ones; HTML names fold ASCII only.
function toAsciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}
