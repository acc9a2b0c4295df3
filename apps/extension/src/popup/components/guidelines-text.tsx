import { GuidelinesMarkdown } from "../../lib/guidelines-markdown.tsx";

/** The guidelines' text (headings, lists, bold; never parsed as HTML) in a small scrolling box. */
export function GuidelinesText({ body }: { readonly body: string }) {
  return (
    <div className="guidelines__text">
      <GuidelinesMarkdown body={body} />
    </div>
  );
}
