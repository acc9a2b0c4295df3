import { within } from "@testing-library/react";

/**
 * The value a list of figures (`<dl>`) gives for `term`, as a person reads it: the term, then the
 * value under it ("Coins given" → "30,059").
 */
export function figureValue(term: string, container: HTMLElement = document.body): string {
  const value = within(container).getByText(term, { selector: "dt" }).nextElementSibling;
  return value?.textContent ?? "";
}
