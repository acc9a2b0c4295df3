import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { signInWithForm } from "../popup/testing/auth-forms.ts";
import { apiError, createFakeBackground } from "../popup/testing/fake-background.ts";
import { WelcomeApp } from "./welcome-app.tsx";

afterEach(() => {
  cleanup();
});

/** What the account box says once someone is signed in. */
const account = () =>
  within(screen.getByRole("region", { name: "Your Coinstream account" })).findByRole("status");

describe("WelcomeApp", () => {
  it("explains Coinstream in three steps and offers the sign-in form to a new viewer", async () => {
    const fake = createFakeBackground();
    render(<WelcomeApp send={fake.send} />);
    const steps = within(screen.getByRole("list")).getAllByRole("heading");
    expect(steps.map((step) => step.textContent)).toEqual([
      "Sign in and get coins",
      "Open a live stream",
      "Send a gift",
    ]);
    await screen.findByRole("button", { name: "Sign in" });
  });

  it("signs the viewer in through the background and says who is signed in", async () => {
    const fake = createFakeBackground();
    render(<WelcomeApp send={fake.send} />);
    await signInWithForm();
    expect((await account()).textContent).toContain("You're signed in as Vera.");
    expect(fake.authCalls).toContainEqual({
      action: "signIn",
      email: "vera@example.com",
      password: "pw-123456",
    });
    expect(screen.queryByRole("button", { name: "Sign in" })).toBeNull();
  });

  it("greets a viewer who is already signed in without a form", async () => {
    const fake = createFakeBackground();
    fake.state.signedIn = true;
    render(<WelcomeApp send={fake.send} />);
    expect((await account()).textContent).toContain("You're signed in as Vera.");
    expect(screen.queryByRole("button", { name: "Sign in" })).toBeNull();
  });

  it("shows why it cannot reach Coinstream, and tries again", async () => {
    const fake = createFakeBackground();
    let isDown = true;
    fake.onAuth((request) =>
      isDown && request.action === "status"
        ? { ok: false, error: apiError("NETWORK", "Coinstream can't be reached right now.") }
        : undefined,
    );
    render(<WelcomeApp send={fake.send} />);
    expect((await screen.findByRole("alert")).textContent).toContain("can't be reached");
    isDown = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await screen.findByRole("button", { name: "Sign in" });
  });
});
