// Prints the rate card as Markdown; with --write, refreshes the README's rate card section.
import { readFileSync, writeFileSync } from "node:fs";
import { renderRateCardMarkdown } from "../src/rate-card/render-rate-card-markdown.ts";
import { README_PATH, replaceRateCardSection } from "./readme-rate-card.ts";

const markdown = renderRateCardMarkdown();
if (process.argv.includes("--write")) {
  writeFileSync(README_PATH, replaceRateCardSection(readFileSync(README_PATH, "utf8"), markdown));
  console.log(`Updated ${README_PATH}`);
} else {
  console.log(markdown);
}
