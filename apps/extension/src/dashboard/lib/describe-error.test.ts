import { describe, expect, it } from "vitest";
import { ApiCallError } from "../../messaging/api-client.ts";
import type { ApiError } from "../../messaging/contract.ts";
import { describeError, isSignedOutError } from "./describe-error.ts";

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
      new ApiCallError(
        apiError({ code: "FORBIDDEN", domainCode: "ACCOUNT_FROZEN", message: "Frozen." }),
      ),
    );
    expect(shown.message).toBe("Frozen.");
    expect(shown.hint).toMatch(/support/);
  });

  it("lists every missing requirement when NOT_ELIGIBLE gives several reasons", () => {
    const shown = describeError(
      new ApiCallError(
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
      ),
    );
    expect(shown.reasons).toEqual([
      "Withdrawals start at 1,000 diamonds.",
      "Add a payout method before withdrawing.",
    ]);
  });

  it("shows a single reason as the message itself", () => {
    const shown = describeError(
      new ApiCallError(
        apiError({
          domainCode: "NOT_ELIGIBLE",
          message: "Withdrawals start at 1,000 diamonds.",
          details: {
            reasons: [{ code: "BELOW_MINIMUM", message: "Withdrawals start at 1,000 diamonds." }],
          },
        }),
      ),
    );
    expect(shown).toMatchObject({ message: "Withdrawals start at 1,000 diamonds.", reasons: [] });
  });

  it("says a site's lookup failure once, with a hint about the address, when every method failed alike", () => {
    const shown = describeError(
      new ApiCallError(
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
      ),
    );
    expect(shown.message).toBe("nova.example could not be found (DNS).");
    expect(shown.hint).toMatch(/address is right/);
  });

  it("tells the person to save and retry when the page was read but the code is missing", () => {
    const shown = describeError(
      new ApiCallError(
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
      ),
    );
    expect(shown.message).toBe("The bio does not contain the code.");
    expect(shown.hint).toMatch(/Verify again/);
  });

  it("hints at the connection when the API cannot be reached", () => {
    const shown = describeError(
      new ApiCallError(apiError({ code: "NETWORK", message: "Offline." })),
    );
    expect(shown.hint).toMatch(/connection/);
  });

  it("writes a calm sentence for errors that are not the API's", () => {
    expect(describeError(new TypeError("x is undefined")).message).toMatch(/Try again/);
  });

  it("recognises a lost session", () => {
    const shown = describeError(
      new ApiCallError(apiError({ code: "UNAUTHORIZED", message: "Sign in." })),
    );
    expect(isSignedOutError(shown)).toBe(true);
    expect(isSignedOutError(null)).toBe(false);
  });
});
