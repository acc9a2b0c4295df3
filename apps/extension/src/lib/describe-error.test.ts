import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { toErrorShape } from "../messaging/api-error.ts";
import type { ApiError } from "../messaging/contract.ts";
import { describeError, errorSentence, isSignedOutError } from "./describe-error.ts";

const apiError = (overrides: Partial<ApiError>): ApiError => ({
  code: "BAD_REQUEST",
  domainCode: null,
  message: "Nope.",
  details: {},
  fieldErrors: {},
  ...overrides,
});

describe("describeError", () => {
  it("keeps the API's message and adds what to do for a frozen account", () => {
    const shown = describeError(
      apiError({ code: "FORBIDDEN", domainCode: "ACCOUNT_FROZEN", message: "Frozen." }),
    );
    expect(shown.message).toBe("Frozen.");
    expect(shown.hint).toMatch(/support/);
  });

  it("lists every missing requirement when NOT_ELIGIBLE gives several reasons", () => {
    const shown = describeError(
      apiError({
        domainCode: "NOT_ELIGIBLE",
        message: "Withdrawals start at 1,000 diamonds. Add a payout method before withdrawing.",
        details: {
          reasons: [
            { code: "BELOW_MINIMUM", message: "Withdrawals start at 1,000 diamonds." },
            { code: "NO_PAYOUT_METHOD", message: "Add a payout method before withdrawing." },
          ],
        },
      }),
    );
    expect(shown.reasons).toEqual([
      "Withdrawals start at 1,000 diamonds.",
      "Add a payout method before withdrawing.",
    ]);
  });

  it("shows a single reason as the message itself", () => {
    const shown = describeError(
      apiError({
        domainCode: "NOT_ELIGIBLE",
        message: "Withdrawals start at 1,000 diamonds.",
        details: {
          reasons: [{ code: "BELOW_MINIMUM", message: "Withdrawals start at 1,000 diamonds." }],
        },
      }),
    );
    expect(shown).toMatchObject({ message: "Withdrawals start at 1,000 diamonds.", reasons: [] });
  });

  it("says a site's lookup failure once, with a hint about the address, when every method failed alike", () => {
    const shown = describeError(
      apiError({
        domainCode: "VERIFICATION_FAILED",
        message: "nova.example could not be found (DNS). nova.example could not be found (DNS).",
        details: {
          failures: [
            {
              method: "well_known",
              message: "nova.example could not be found (DNS).",
              reason: "unresolvable",
            },
            {
              method: "meta_tag",
              message: "nova.example could not be found (DNS).",
              reason: "unresolvable",
            },
          ],
        },
      }),
    );
    expect(shown.message).toBe("nova.example could not be found (DNS).");
    expect(shown.hint).toMatch(/address is right/);
  });

  it("tells the person to save and retry when the page was read but the code is missing", () => {
    const shown = describeError(
      apiError({
        domainCode: "VERIFICATION_FAILED",
        message: "The bio does not contain the code.",
        details: {
          failures: [
            {
              method: "bio",
              message: "The bio does not contain the code.",
              reason: "code_missing",
            },
          ],
        },
      }),
    );
    expect(shown.message).toBe("The bio does not contain the code.");
    expect(shown.hint).toMatch(/Verify again/);
  });

  it("hints at the connection when the API cannot be reached", () => {
    const shown = describeError(apiError({ code: "NETWORK", message: "Offline." }));
    expect(shown.hint).toMatch(/connection/);
  });

  it("writes a calm sentence for errors that are not the API's", () => {
    expect(describeError(new TypeError("x is undefined")).message).toMatch(/Try again/);
  });

  it("recognises a lost session", () => {
    const shown = describeError(apiError({ code: "UNAUTHORIZED", message: "Sign in." }));
    expect(isSignedOutError(shown)).toBe(true);
    expect(isSignedOutError(null)).toBe(false);
  });
});

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
const panel = (value: ApiError) => describeError(value, "panel");

describe("describeError for the page panel", () => {
  it.each([
    ["INSUFFICIENT_COINS", "Not enough coins", /Get coins/],
    ["LIMIT_EXCEEDED", "Spending limit reached", /limits/],
    ["NOT_ELIGIBLE", "This can't be sent", null],
    ["ACCOUNT_FROZEN", "Your account is on hold", /sending is paused/],
  ])("keeps the API's message for %s and adds where to go next", (domainCode, title, hint) => {
    const view = panel(error("BAD_REQUEST", domainCode));
    expect(view.title).toBe(title);
    expect(view.message).toBe("The API's sentence.");
    if (hint === null) expect(view.hint).toBeNull();
    else expect(view.hint).toMatch(hint);
  });

  it("points a short viewer to Get coins, not the toolbar's hidden button", () => {
    const view = panel(error("BAD_REQUEST", "INSUFFICIENT_COINS"));
    expect(view.needsCoins).toBe(true);
    expect(`${view.message} ${view.hint}`).not.toMatch(/toolbar/);
  });

  it("points a signed-out viewer to the panel's sign-in", () => {
    expect(panel(error("UNAUTHORIZED", null))).toMatchObject({
      title: "Sign in to send",
      needsSignIn: true,
    });
  });

  it("says a network failure may be retried without sending twice", () => {
    expect(panel(error("NETWORK", null)).message).toMatch(/never be sent twice/);
  });

  it("shows the first field error of invalid input", () => {
    const invalid = { ...error("BAD_REQUEST", null), fieldErrors: { message: ["Too long."] } };
    expect(panel(invalid).message).toBe("Too long.");
  });
});

describe("errorSentence", () => {
  it("adds the popup's next step to the API's sentence", () => {
    expect(
      errorSentence(error("BAD_REQUEST", "INSUFFICIENT_COINS", "You have 5 coins."), "popup"),
    ).toBe("You have 5 coins. Buy coins on the Wallet tab.");
  });

  it("reads a typed TRPCClientError from the port like the background's ApiError", () => {
    const thrown = TRPCClientError.from({
      error: toErrorShape(error("FORBIDDEN", "LIMIT_EXCEEDED", "Daily limit reached.")),
    });
    expect(errorSentence(thrown, "popup")).toBe(
      "Daily limit reached. You can review your limits on the Limits tab.",
    );
  });
});
