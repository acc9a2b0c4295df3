import type { ReactNode } from "react";

export interface Column {
  readonly label: string;
  /** Numbers line up on the right. */
  readonly numeric?: boolean;
}

/**
 * A table of rows the dashboard lists (earnings, withdrawals, boosts...): scrolls sideways on a
 * narrow screen, and its caption (for screen readers) is the name a person finds it by.
 */
export function Table({
  caption,
  columns,
  children,
  testId,
}: {
  readonly caption: string;
  readonly columns: readonly Column[];
  readonly children: ReactNode;
  readonly testId?: string;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? "num" : undefined}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
