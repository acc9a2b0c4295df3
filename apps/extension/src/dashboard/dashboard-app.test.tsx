import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuthRequest, AuthResult, OutputOf } from "../messaging/contract.ts";
import { DashboardApp } from "./dashboard-app.tsx";
import { apiError, fakeApi, fakeStream, TEST_API_URL } from "./testing/fake-api.tsx";
import { OVERVIEW, STATUS } from "./testing/fixtures.ts";

afterEach(cleanup);
beforeEach(() => {
  location.hash = "";
});

const signedOut: AuthResult = { ok: true, data: { user: null } };
const nova = { id: "u1", name: "Nova", email: "nova@demo.coinstream.local" };

/** The sign-in page, as a person recognises it. */
const signInPage = () => screen.findByRole("heading", { name: "Creator dashboard", level: 1 });
/** The dashboard itself, once a creator is signed in. */
const dashboardPage = () => screen.findByRole("navigation", { name: "Dashboard sections" });
const heldDiamonds = () =>
  within(screen.getByRole("group", { name: "Held" })).getByText(/^[\d,]+$/, {
    selector: ".figure-value",
  }).textContent;

/** The dashboard with a stand-in for the background's `stream` port. */
function renderFollowing(fake: ReturnType<typeof fakeApi>) {
  const stream = fakeStream();
  render(
    <DashboardApp
      api={fake.api}
      background={fake.background}
      apiUrl={TEST_API_URL}
      followStream={stream.followStream}
    />,
  );
  return stream;
}

describe("DashboardApp", () => {
  it("signs in, registers a handle, and shows the diamonds when the person is new", async () => {
    let registered = false;
    const fake = fakeApi(
      {
        "creator.status": () =>
          (registered ? STATUS : { isCreator: false }) as OutputOf<"creator.status">,
        "creator.overview": () => OVERVIEW,
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
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));

    fireEvent.change(await screen.findByLabelText("Handle"), { target: { value: "@nova" } });
    fireEvent.click(screen.getByRole("button", { name: "Register handle" }));

    await screen.findByRole("group", { name: "Held" });
    expect(heldDiamonds()).toBe("1,250");
    within(screen.getByRole("group", { name: "Available" })).getByText("5,000", {
      selector: ".figure-value",
    });
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
    fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
    const error = await screen.findByRole("alert");
    expect(error.textContent).toContain("Invalid email or password.");
    expect(screen.getByRole("form", { name: "Sign in" }).getAttribute("aria-describedby")).toBe(
      error.id,
    );
    expect(screen.getByRole("link", { name: "open it in a tab" }).getAttribute("href")).toBe(
      "popup.html",
    );
  });

  it("opens the section named by the hash and moves between sections from the sidebar", async () => {
    location.hash = "#overlay";
    const fake = fakeApi({
      "creator.status": () => STATUS,
      "overlay.get": () => ({ url: "/overlay/abc", path: "/overlay/abc" }),
      "creator.overlaySettings": () => {
        throw apiError("NOT_FOUND", null, "Not in this test.");
      },
      "channels.list": () => [],
    });
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);
    await screen.findByRole("region", { name: "Alert studio" });
    const nav = screen.getByRole("navigation", { name: "Dashboard sections" });
    expect(
      within(nav).getByRole("link", { name: "Alert studio" }).getAttribute("aria-current"),
    ).toBe("page");

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
    await signInPage();
    signedIn = true;
    window.dispatchEvent(new FocusEvent("focus"));
    await dashboardPage();
  });

  it("goes back to signing in when a call finds the session gone", async () => {
    const fake = fakeApi({
      "creator.status": () => {
        throw apiError("UNAUTHORIZED", null, "Your session has ended. Sign in again to continue.");
      },
    });
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);
    await signInPage();
    screen.getByRole("button", { name: "Sign in" });
  });

  it("signs out from the top bar", async () => {
    const fake = fakeApi({ "creator.status": () => STATUS });
    render(<DashboardApp api={fake.api} background={fake.background} apiUrl={TEST_API_URL} />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    await signInPage();
    expect(fake.authCalls.map((call) => call.action)).toEqual(["status", "signOut"]);
  });

  it("moves the held diamonds when a gift arrives on the creator's own stream, without Refresh", async () => {
    let held = OVERVIEW.held.diamonds;
    const fake = fakeApi({
      "creator.status": () => STATUS,
      "creator.overview": () => ({ ...OVERVIEW, held: { ...OVERVIEW.held, diamonds: held } }),
    });
    const stream = renderFollowing(fake);
    await screen.findByRole("group", { name: "Held" });
    expect(heldDiamonds()).toBe("1,250");
    expect(stream.follows).toEqual(["nova"]);
    stream.push("nova", { type: "status", connected: true });
    await screen.findByText("Live updates");

    held = 1_265;
    stream.gift("nova");
    stream.gift("nova", { comboCount: 2 });
    await waitFor(() => expect(heldDiamonds()).toBe("1,265"));
    // Two gifts together ask once.
    expect(fake.inputsOf("creator.overview")).toHaveLength(2);
  });

  it("stops following the stream when the creator signs out", async () => {
    const fake = fakeApi({ "creator.status": () => STATUS, "creator.overview": () => OVERVIEW });
    const stream = renderFollowing(fake);
    await dashboardPage();
    expect(stream.following("nova")).toBe(1);
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await signInPage();
    expect(stream.following("nova")).toBe(0);
  });
});
