import { createElement, Fragment, type ReactNode } from "react";

/**
 * `**bold**` runs as <strong>, everything else as text (React escapes it; no HTML is parsed).
 * Elements go in as separate children, so the static text needs no keys.
 */
function inline(text: string): ReactNode {
  const parts = text
    .split("**")
    .map((part, at) => (at % 2 === 1 ? createElement("strong", null, part) : part));
  return createElement(Fragment, null, ...parts);
}

/**
 * The guidelines' markdown as the few shapes they use: `#` headings, `-` list items and
 * paragraphs with bold runs. Anything else shows as plain text.
 */
export function GuidelinesMarkdown({ body }: { readonly body: string }) {
  const blocks: ReactNode[] = [];
  let items: ReactNode[] = [];
  const flush = () => {
    if (items.length > 0) blocks.push(createElement("ul", null, ...items));
    items = [];
  };
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("- ")) {
      items.push(createElement("li", null, inline(line.slice(2))));
      continue;
    }
    flush();
    if (line === "") continue;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    blocks.push(
      createElement(heading ? "h3" : "p", null, inline(heading ? (heading[1] ?? "") : line)),
    );
  }
  flush();
  return createElement(Fragment, null, ...blocks);
}
