import type { ReactNode } from "react";

/** `**bold**` runs as <strong>, everything else as text (React escapes it; no HTML is parsed). */
function inline(text: string): ReactNode[] {
  return text
    .split("**")
    .map((part, index) => (index % 2 === 1 ? <strong key={`b${index}`}>{part}</strong> : part));
}

/**
 * The guidelines' markdown as the few shapes they use: `#` headings, `-` list items and
 * paragraphs with bold runs. Anything else shows as plain text.
 */
export function GuidelinesMarkdown({ body }: { readonly body: string }) {
  const blocks: ReactNode[] = [];
  let items: ReactNode[] = [];
  const flush = () => {
    if (items.length > 0) blocks.push(<ul key={`l${blocks.length}`}>{items}</ul>);
    items = [];
  };
  for (const [index, raw] of body.split("\n").entries()) {
    const line = raw.trim();
    if (line.startsWith("- ")) {
      items.push(<li key={index}>{inline(line.slice(2))}</li>);
      continue;
    }
    flush();
    if (line === "") continue;
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    blocks.push(
      heading ? <h3 key={index}>{inline(heading[1] ?? "")}</h3> : <p key={index}>{inline(line)}</p>,
    );
  }
  flush();
  return <>{blocks}</>;
}
