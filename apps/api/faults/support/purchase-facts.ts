import { type Sql, transferIdFor } from "@coinstream/db";

/** What the ledger and the purchases table say about purchases. */
export class PurchaseFacts {
  constructor(private readonly sql: Sql) {}

  /** Coins (pack and bonus) the purchase's quote promised. */
  async quoted(purchaseId: string): Promise<bigint> {
    const [row] = await this.sql<{ coins: bigint }[]>`
      select base_coins + bonus_coins as coins from purchases where id = ${purchaseId}`;
    return row?.coins ?? -1n;
  }

  async status(purchaseId: string): Promise<string> {
    const [row] = await this.sql<
      { status: string }[]
    >`select status from purchases where id = ${purchaseId}`;
    return row?.status ?? "missing";
  }

  async minted(purchaseId: string): Promise<bigint> {
    return this.sum(purchaseId, ["purchase", "bonus"]);
  }

  async takenBack(purchaseId: string): Promise<bigint> {
    return this.sum(purchaseId, ["chargeback"]);
  }

  async debts(purchaseId: string): Promise<bigint[]> {
    const rows = await this.sql<{ coins_owed: bigint }[]>`
      select coins_owed from wallet_debts where purchase_id = ${purchaseId}`;
    return rows.map((row) => row.coins_owed);
  }

  async reversedDiamonds(diamondLegIds: readonly string[]) {
    const ids = diamondLegIds.map((id) => transferIdFor(id, "gift_reversal"));
    const [row] = await this.sql<{ count: bigint; diamonds: bigint }[]>`
      select count(*)::int8 as count, coalesce(sum(amount), 0)::int8 as diamonds
      from ledger_transfers where id = any(${ids}::uuid[])`;
    return { count: Number(row?.count ?? 0n), diamonds: row?.diamonds ?? 0n };
  }

  /** Purchase legs (pack or bonus coins) stored more than once for one purchase. */
  async mintedTwice(): Promise<number> {
    const [row] = await this.sql<{ twice: bigint }[]>`
      select count(*)::int8 as twice from (
        select metadata->>'purchaseId', code from ledger_transfers
        where code in ('purchase', 'bonus') and metadata ? 'purchaseId'
        group by 1, 2 having count(*) > 1) repeated`;
    return Number(row?.twice ?? 0n);
  }

  private async sum(purchaseId: string, codes: readonly string[]): Promise<bigint> {
    const [row] = await this.sql<{ coins: bigint }[]>`
      select coalesce(sum(amount), 0)::int8 as coins from ledger_transfers
      where metadata->>'purchaseId' = ${purchaseId} and code = any(${[...codes]})`;
    return row?.coins ?? 0n;
  }
}
