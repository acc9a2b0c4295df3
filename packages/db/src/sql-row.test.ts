import { describe, expectTypeOf, it } from "vitest";
import type { withdrawals } from "./schema/withdrawals.ts";
import type { SqlRow } from "./sql-row.ts";

// Checked by `tsc` (typecheck): the assertions are types, so they cannot pass by accident at run time.
describe("SqlRow", () => {
  it("names columns as the database does, with the schema's value types", () => {
    type Row = SqlRow<typeof withdrawals>;
    expectTypeOf<Row["net_usd_minor"]>().toEqualTypeOf<bigint>();
    expectTypeOf<Row["failure_reason"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Row["created_at"]>().toEqualTypeOf<Date>();
    expectTypeOf<Row>().not.toHaveProperty("netUsdMinor");
  });
});
