import { describe, expect, it } from "vitest";
import { validateSignIn, validateSignUp } from "./validate-sign-up.ts";

const VALID = {
  name: "Vera",
  email: "vera@example.com",
  password: "long-enough",
  dateOfBirth: "1990-05-17",
  region: "DE",
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
  ])("puts the problem with %j next to %s", (change, field) => {
    const errors = validateSignUp({ ...VALID, ...change }, "2026-11-22");
    expect(Object.keys(errors)).toEqual([field]);
  });
});

describe("validateSignIn", () => {
  it("asks for both fields when they are missing", () => {
    expect(Object.keys(validateSignIn("", ""))).toEqual(["email", "password"]);
    expect(validateSignIn("vera@example.com", "x")).toEqual({});
  });
});
