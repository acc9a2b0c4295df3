import { describe, expect, it } from "vitest";
import { validateSignIn, validateSignUp } from "./validate-sign-up.ts";

const VALID = {
  name: "Vera",
  email: "vera@example.com",
  password: "long-enough",
  dateOfBirth: "1990-05-17",
  region: "DE",
  acceptedGuidelinesVersion: 1 as number | null,
};

describe("validateSignUp", () => {
  it("accepts a complete form", () => {
    expect(validateSignUp(VALID, "2026-11-22")).toEqual({});
  });

  it.each([
    [{ name: "  " }, "name"],
    [{ email: "vera.example.com" }, "email"],
    [{ password: "short" }, "password"],
    [{ dateOfBirth: "" }, "dateOfBirth"],
    [{ dateOfBirth: "2030-01-01" }, "dateOfBirth"],
    [{ region: "" }, "region"],
    [{ acceptedGuidelinesVersion: null }, "acceptedGuidelinesVersion"],
  ])("puts the problem with %j next to %s", (change, field) => {
    const errors = validateSignUp({ ...VALID, ...change }, "2026-11-22");
    expect(Object.keys(errors)).toEqual([field]);
  });
});

describe("validateSignUp before asking the API", () => {
  it("tells someone under 13 why, next to the date of birth", () => {
    expect(validateSignUp({ ...VALID, dateOfBirth: "2016-01-01" }, "2026-11-22")).toEqual({
      dateOfBirth: [
        "You must be at least 13 to create a Coinstream account. If the date of birth is wrong, correct it and try again.",
      ],
    });
    expect(validateSignUp({ ...VALID, dateOfBirth: "2013-11-22" }, "2026-11-22")).toEqual({});
  });

  it.each([
    ["x".repeat(51), /at most 50 characters/],
    ["Vera\u202Eresu", /text-direction control/],
  ])("refuses the display name %j with core's message", (name, message) => {
    expect(validateSignUp({ ...VALID, name }, "2026-11-22").name?.[0]).toMatch(message);
  });
});

describe("validateSignIn", () => {
  it("asks for both fields when they are missing", () => {
    expect(Object.keys(validateSignIn("", ""))).toEqual(["email", "password"]);
    expect(validateSignIn("vera@example.com", "x")).toEqual({});
  });
});
