import { describe, expect, it } from "vitest";
import type { ApiError } from "../../messaging/contract.ts";
import { describeSendError } from "./error-text.ts";

const error = (
  code: string,
  domainCode: string | null,
  message = "The API's sentence.",
): ApiError => ({
  code,
  domainCode,
  message,
  details: {},
  fieldErrors: {},
});

describe("describeSendError", () => {
  it.each([
    ["INSUFFICIENT_COINS", "Not enough coins", /Get coins/],
    ["LIMIT_EXCEEDED", "Spending limit reached", /limits/],
    ["NOT_ELIGIBLE", "This can't be sent", null],
    ["ACCOUNT_FROZEN", "Your account is on hold", /sending is paused/],
  ])("keeps the API's message for %s and adds where to go next", (domainCode, title, hint) => {
    const view = describeSendError(error("BAD_REQUEST", domainCode));
    expect(view.title).toBe(title);
    expect(view.message).toBe("The API's sentence.");
    if (hint === null) expect(view.hint).toBeNull();
    else expect(view.hint).toMatch(hint);
  });

  it("points a short viewer to Get coins, not the toolbar's hidden button", () => {
    const view = describeSendError(error("BAD_REQUEST", "INSUFFICIENT_COINS"));
    expect(view.needsCoins).toBe(true);
    expect(`${view.message} ${view.hint}`).not.toMatch(/toolbar/);
  });

  it("points a signed-out viewer to the panel's sign-in", () => {
    expect(describeSendError(error("UNAUTHORIZED", null))).toMatchObject({
      title: "Sign in to send",
      needsSignIn: true,
    });
  });

  it("says a network failure may be retried without sending twice", () => {
    expect(describeSendError(error("NETWORK", null)).message).toMatch(/never be sent twice/);
  });

  it("shows the first field error of invalid input", () => {
    const invalid = { ...error("BAD_REQUEST", null), fieldErrors: { message: ["Too long."] } };
    expect(describeSendError(invalid).message).toBe("Too long.");
  });
});
