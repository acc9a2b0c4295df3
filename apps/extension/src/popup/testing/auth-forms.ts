/*
 * The popup's sign-in and sign-up forms filled in the way a person fills them: found by their
 * labels and buttons. The popup and the welcome page show the same forms.
 */
import { fireEvent, screen } from "@testing-library/react";

export async function signInWithForm(email = "vera@example.com", password = "pw-123456") {
  fireEvent.change(await screen.findByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

/** Fills every sign-up field (`overrides` by label) without sending. */
export function fillSignUp(overrides: Record<string, string> = {}) {
  const values = {
    "Display name": "Vera",
    Email: "vera@example.com",
    Password: "long-enough-pw",
    "Date of birth": "1990-05-17",
    Region: "DE",
    ...overrides,
  };
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }
}
