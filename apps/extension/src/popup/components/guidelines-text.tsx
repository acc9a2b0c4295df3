import { GuidelinesMarkdown } from "../../lib/guidelines-markdown.tsx";

/** The guidelines' text (headings, lists, bold; never parsed as HTML) in a small scrolling box. */
export function GuidelinesText({
  body,
  testId,
}: {
  readonly body: string;
  readonly testId: string;
}) {
  return (
    <div className="guidelines__text" data-testid={testId}>
      <GuidelinesMarkdown body={body} />
    </div>
  );
}
