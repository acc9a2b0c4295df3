import { groupThousands } from "../money/currencies.ts";

/**
 * A count with its noun in the right number, digits grouped: "1 coin", "0 coins",
 * "1,500 diamonds". Every message that says how many of something uses it.
 */
export function formatCount(
  count: number | bigint,
  singular: string,
  plural = `${singular}s`,
): string {
  const isOne = typeof count === "bigint" ? count === 1n : count === 1;
  return `${groupThousands(String(count))} ${isOne ? singular : plural}`;
}
