import { z } from "zod";

const INT8_MAX = 9_223_372_036_854_775_807n;
const DIGITS = /^\d{1,19}$/;

/**
 * A position in an int8 sequence (a history cursor, a stream event id) as the decimal string
 * the API hands out; 19 digits can pass int8, which Postgres would refuse.
 */
export const int8CursorSchema = (message = "must be a cursor or event id the API returned") =>
  z
    .string()
    .regex(DIGITS, message)
    .refine((digits) => !DIGITS.test(digits) || BigInt(digits) <= INT8_MAX, message);

/**
 * An ISO 8601 date-time with offset whose instant Postgres can store: an offset may carry
 * 0001-01-01 or 9999-12-31 past the years 1 to 9999 (UTC), where a timestamp cannot go.
 */
export const storableDateTimeSchema = z.iso.datetime({ offset: true }).refine((iso) => {
  const year = new Date(iso).getUTCFullYear();
  return year >= 1 && year <= 9_999;
}, "a date-time from year 0001 to 9999 (UTC)");
