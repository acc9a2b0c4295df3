import { z } from "zod";

const DATE_FORMAT_MESSAGE =
  "Date of birth must be a date in the form YYYY-MM-DD, such as 1990-05-17";
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EARLIEST_DATE_OF_BIRTH = Date.UTC(1900, 0, 1);

/** UTC midnight of `date`'s UTC calendar day. */
function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** UTC midnight of the day `text` names, or null when it names no day (2001-02-29, 2001-13-01). */
function parseIsoDate(text: string): Date | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 30 February over to March; a real day comes back unchanged.
  const isSameDay =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isSameDay ? date : null;
}

/**
 * A date of birth: `YYYY-MM-DD` from a request body (a `Date` from server-side calls), a real
 * calendar day from 1900 up to today (UTC), stored as UTC midnight like core's `ageOn` expects.
 * Date-times are refused: a picker's local midnight sent as UTC can land on the day before.
 */
export const dateOfBirthSchema = z
  .union([z.string(), z.date()], { error: DATE_FORMAT_MESSAGE })
  .transform((value, ctx) => {
    const date =
      typeof value === "string"
        ? parseIsoDate(value.trim())
        : Number.isNaN(value.getTime())
          ? null
          : startOfUtcDay(value);
    if (!date) {
      const isWellFormed = typeof value === "string" && ISO_DATE.test(value.trim());
      ctx.addIssue({
        code: "custom",
        message: isWellFormed
          ? `Date of birth ${value} is not a real calendar date`
          : DATE_FORMAT_MESSAGE,
      });
      return z.NEVER;
    }
    if (date.getTime() > startOfUtcDay(new Date()).getTime()) {
      ctx.addIssue({ code: "custom", message: "Date of birth cannot be in the future" });
      return z.NEVER;
    }
    if (date.getTime() < EARLIEST_DATE_OF_BIRTH) {
      ctx.addIssue({ code: "custom", message: "Date of birth must be on or after 1900-01-01" });
      return z.NEVER;
    }
    return date;
  });

const REGION_MESSAGE = "Region must be a two-letter ISO 3166-1 code such as US or DE";

/** An ISO 3166-1 alpha-2 region; accepted in any case, stored upper case. */
export const regionSchema = z
  .string({ error: REGION_MESSAGE })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, REGION_MESSAGE);
