// Prints the authorization matrix as Markdown; with --write, refreshes docs/AUTHORIZATION.md.
import { writeFileSync } from "node:fs";
import { AUTHORIZATION_DOC_PATH, renderAuthorizationMarkdown } from "./authorization-matrix.ts";

const markdown = renderAuthorizationMarkdown();
if (process.argv.includes("--write")) {
  writeFileSync(AUTHORIZATION_DOC_PATH, markdown);
  console.log(`Updated ${AUTHORIZATION_DOC_PATH}`);
} else {
  process.stdout.write(markdown);
}
