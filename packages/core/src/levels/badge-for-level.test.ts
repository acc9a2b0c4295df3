import { describe, expect, it } from "vitest";
import { DomainErrorCode } from "../errors.ts";
import { badgeForLevel } from "./badge-for-level.ts";

describe("badgeForLevel", () => {
  it.each([
    [1, "bronze"],
    [9, "bronze"],
    [10, "silver"],
    [19, "silver"],
    [20, "gold"],
    [29, "gold"],
    [30, "platinum"],
    [39, "platinum"],
    [40, "diamond"],
    [49, "diamond"],
    [50, "legend"],
  ])("gives level %i the %s badge when at or near a band edge", (level, badge) => {
    expect(badgeForLevel(level)).toBe(badge);
  });

  it.each([0, 51, -1, 2.5, Number.NaN])("throws INVALID_INPUT when the level is %s", (level) => {
    expect(() => badgeForLevel(level)).toThrow(
      expect.objectContaining({ code: DomainErrorCode.INVALID_INPUT }),
    );
  });
});
