import { fireEvent, within } from "@testing-library/react";

/**
 * What a person does for an action that cannot be undone: press `button`, then, in the question
 * that takes its place, the button that confirms (`confirm`, the same words unless given).
 */
export function pressConfirmed(
  container: HTMLElement,
  { button, question, confirm = button }: { button: string; question: string; confirm?: string },
) {
  fireEvent.click(within(container).getByRole("button", { name: button }));
  const asking = within(container).getByRole("group", { name: question });
  fireEvent.click(within(asking).getByRole("button", { name: confirm }));
}
