import type { Table } from "drizzle-orm";

/**
 * A row of `table` as hand-written SQL returns it: the schema's column names (snake_case) with
 * the schema's value types (int8 as bigint, timestamps as Date). Raw queries take their row types
 * from here rather than repeating the schema: `Pick<SqlRow<typeof withdrawals>, "id" | "status">`.
 */
export type SqlRow<T extends Table> = {
  [K in keyof T["$inferSelect"] &
    keyof T["_"]["columns"] as T["_"]["columns"][K]["_"]["name"]]: T["$inferSelect"][K];
};
