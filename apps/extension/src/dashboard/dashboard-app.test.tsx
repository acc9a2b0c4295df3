import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuthRequest, AuthResult, OutputOf } from "../messaging/contract.ts";
import { DashboardApp } from "./dashboard-app.tsx";
import { apiError, fakeApi, TEST_API_URL } from "./testing/fake-api.tsx";
import { STATUS } from "./testing/fixtures.ts";

afterEach(cleanup);
beforeEach(() => {
  location.hash = "";
});

const signedOut: AuthResult = { ok: true, data: { user: null } };
const nova = { id: "u1", name: "Nova", email: "nova@demo.coinstream.local" };

describe("DashboardApp", () => {
  it("signs in, registers a handle, and shows the diamonds when the person is new", async () => {
    let registered = false;
    const fake = fakeApi(
      {
        "creator.status": () =>
          (registered ? STATUS : { isCreator: false }) as OutputOf<"creator.status">,
        "creator.register": ({ handle }) => {
          registered = true;
          return { handle };
        },
      },
      (request: AuthRequest) =>
        request.action === "signIn" ? { ok: true, data: { user: nova } } : signedOut,
    );
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);

    fireEvent.change(await screen.findByLabelText("Email"), {
      target: { value: "nova@demo.coinstream.local" },
    });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "coinstream-demo" } });
    fireEvent.click(screen.getByTestId("sign-in-submit"));

    fireEvent.change(await screen.findByLabelText("Handle"), { target: { value: "@nova" } });
    fireEvent.click(screen.getByTestId("register-submit"));

    expect(await screen.findByTestId("diamonds-held")).toHaveProperty("textContent", "1,250");
    expect(screen.getByTestId("diamonds-available").textContent).toBe("5,000");
    expect(fake.inputsOf("creator.register")).toEqual([{ handle: "nova" }]);
    expect(fake.authCalls.at(-1)).toEqual({
      action: "signIn",
      email: "nova@demo.coinstream.local",
      password: "coinstream-demo",
    });
  });

  it("shows the API's sign-in error next to the form when the password is wrong", async () => {
    const fake = fakeApi({}, (request) =>
      request.action === "signIn"
        ? {
            ok: false,
            error: {
              code: "UNAUTHORIZED",
              domainCode: null,
              message: "Invalid email or password.",
              details: {},
              fieldErrors: {},
            },
          }
        : signedOut,
    );
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);
    fireEvent.change(await screen.findByLabelText("Email"), { target: { value: "a@b.co" } });
    fireEvent.change(screen.getByLabelText("Password"), { target: { value: "wrong-password" } });
    fireEvent.click(screen.getByTestId("sign-in-submit"));
    const error = await screen.findByTestId("sign-in-error");
    expect(error.textContent).toContain("Invalid email or password.");
    expect(screen.getByRole("link", { name: "open it in a tab" }).getAttribute("href")).toBe(
      "popup.html",
    );
  });

  it("opens the section named by the hash and moves between sections from the sidebar", async () => {
    location.hash = "#overlay";
    const fake = fakeApi({
      "creator.status": () => STATUS,
      "overlay.get": () => ({ url: "/overlay/abc", path: "/overlay/abc" }),
      "channels.list": () => [],
    });
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);
    expect(await screen.findByTestId("section-overlay")).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Dashboard sections" });
    expect(within(nav).getByRole("link", { name: "Overlay" }).getAttribute("aria-current")).toBe(
      "page",
    );

    location.hash = "#channels";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    const heading = await screen.findByRole("heading", { name: "Channels", level: 2 });
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it("picks up a sign-in made in the popup when the tab gets focus again", async () => {
    let signedIn = false;
    const fake = fakeApi({ "creator.status": () => STATUS }, () =>
      signedIn ? { ok: true, data: { user: nova } } : signedOut,
    );
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);
    await screen.findByTestId("sign-in");
    signedIn = true;
    window.dispatchEvent(new FocusEvent("focus"));
    expect(await screen.findByTestId("dashboard")).toBeTruthy();
  });

  it("goes back to signing in when a call finds the session gone", async () => {
    const fake = fakeApi({
      "creator.status": () => {
        throw apiError("UNAUTHORIZED", null, "Your session has ended. Sign in again to continue.");
      },
    });
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);
    expect(await screen.findByTestId("sign-in")).toBeTruthy();
  });

  it("signs out from the top bar", async () => {
    const fake = fakeApi({ "creator.status": () => STATUS });
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);
    fireEvent.click(await screen.findByTestId("sign-out"));
    expect(await screen.findByTestId("sign-in")).toBeTruthy();
    expect(fake.authCalls.map((call) => call.action)).toEqual(["status", "signOut"]);
  });
});
