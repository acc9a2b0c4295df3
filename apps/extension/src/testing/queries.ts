import { within } from "@testing-library/react";

/**
 * The value a list of figures (`<dl>`) gives for `term`, as a person reads it: the term, then the
 * value under it ("Coins given" → "30,059").
 */
export function figureValue(term: string, container: HTMLElement = document.body): string {
  const value = within(container).getByText(term, { selector: "dt" }).nextElementSibling;
  return value?.textContent ?? "";
}

/**
 * What a screen reader reads after a control's name: the hint and error its aria-describedby
 * points at (for controls a role query cannot reach, like a password input).
 */
export function descriptionOf(element: HTMLElement): string {
  return (element.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => (id ? (document.getElementById(id)?.textContent ?? "") : ""))
    .filter(Boolean)
    .join(" ");
}
