import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderRateCardMarkdown } from "../src/rate-card/render-rate-card-markdown.ts";
import { README_PATH, readRateCardSection } from "./readme-rate-card.ts";

describe("README rate card", () => {
  it("matches the rate card in code when read (run `pnpm rate-card --write` after changing rates)", () => {
    expect(readRateCardSection(readFileSync(README_PATH, "utf8"))).toBe(renderRateCardMarkdown());
  });
});
