import type { Sql } from "@coinstream/db";

/** Per table: its row count and a hash of every row, so any insert, update or delete shows. */
export type Digest = Readonly<Record<string, string>>;

interface Column {
  readonly table: string;
  readonly column: string;
}

const columnsOf = new WeakMap<Sql, Promise<readonly Column[]>>();

function publicColumns(sql: Sql): Promise<readonly Column[]> {
  const cached = columnsOf.get(sql);
  if (cached) return cached;
  const columns = sql<Column[]>`
    select c.table_name as table, c.column_name as column
    from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.then((rows) => [...rows]);
  columnsOf.set(sql, columns);
  return columns;
}

const tablesOf = (columns: readonly Column[]) => [...new Set(columns.map((c) => c.table))];

/** Every row of every table in the public schema (the ledger, users, claims, messages...). */
export async function digestDatabase(sql: Sql): Promise<Digest> {
  const tables = tablesOf(await publicColumns(sql));
  const parts = tables.map(
    (table) => sql`
      select ${table} as name,
        count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) as digest
      from ${sql(table)} t`,
  );
  const rows = await sql<{ name: string; digest: string }[]>`${parts.reduce(
    (union, part) => sql`${union} union all ${part}`,
  )}`;
  return Object.fromEntries(rows.map((row) => [row.name, row.digest]));
}

/** Whether a column names a person: `user_id`, `..._user_id`, `owner_id`, and `users.id`. */
const namesPerson = ({ table, column }: Column) =>
  /(^|_)user_id$/.test(column) || column === "owner_id" || (table === "users" && column === "id");

/**
 * The rows that belong to one person: any row naming them (as user, creator, sender, guardian,
 * ward, owner...) and any ledger row naming one of their accounts.
 */
export async function digestPersonRows(sql: Sql, userId: string): Promise<Digest> {
  const columns = await publicColumns(sql);
  const accounts = (
    await sql<{ id: string }[]>`select id from ledger_accounts where owner_id = ${userId}`
  ).map((row) => row.id);
  const digest: Record<string, string> = {};
  for (const table of tablesOf(columns)) {
    const own = columns.filter((c) => c.table === table);
    const people = own.filter(namesPerson);
    const accountColumns = own.filter((c) => /account_id$/.test(c.column));
    if (people.length === 0 && accountColumns.length === 0) continue;
    const conditions = [
      ...people.map((c) => sql`${sql(c.column)}::text = ${userId}`),
      ...accountColumns.map((c) => sql`${sql(c.column)}::text = any(${accounts})`),
    ].reduce((any, condition) => sql`${any} or ${condition}`);
    const [row] = await sql<{ digest: string }[]>`
      select count(*) || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0) as digest
      from ${sql(table)} t where ${conditions}`;
    digest[table] = row?.digest ?? "";
  }
  return digest;
}

/** The ledger's transfers: how many, and the sum of their amounts. */
export async function ledgerTotals(sql: Sql): Promise<{ transfers: bigint; amount: bigint }> {
  const [row] = await sql<{ transfers: bigint; amount: string }[]>`
    select count(*)::int8 as transfers, coalesce(sum(amount), 0)::text as amount
    from ledger_transfers`;
  return { transfers: row?.transfers ?? 0n, amount: BigInt(row?.amount ?? "0") };
}
