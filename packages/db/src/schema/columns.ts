import { sql } from "drizzle-orm";
import { bigint, timestamp } from "drizzle-orm/pg-core";

/*
 * Column shapes the schema repeats, so a table says what a column is for, not how it is stored.
 * Not exported from `schema/index.ts`: they are building blocks, not tables. Generic in the
 * name, so `SqlRow` still knows each column by its database name.
 */

/** A moment, as `timestamptz`: every time the schema stores carries its zone. */
export const timestamptz = <Name extends string>(name: Name) =>
  timestamp(name, { withTimezone: true });

/** When the row (or this fact of it) was written: the database stamps `now()` unless told. */
export const writtenAt = <Name extends string>(name: Name) =>
  timestamptz(name).notNull().defaultNow();

/** A count or sum (int8, read as bigint) that starts at zero. */
export const counter = <Name extends string>(name: Name) =>
  bigint(name, { mode: "bigint" }).notNull().default(sql`0`);
