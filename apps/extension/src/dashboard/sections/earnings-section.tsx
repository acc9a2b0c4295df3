import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import {
  formatCount,
  formatDateTime,
  formatDiamonds,
  formatSignedCount,
  formatUsdMinor,
  parseWholeNumber,
} from "../../lib/format.ts";
import type { InputOf, OutputOf } from "../../messaging/contract.ts";
import { useApi } from "../api-context.tsx";
import { ErrorNote, fieldError } from "../components/error-note.tsx";
import { LoadOlder } from "../components/load-older.tsx";
import { Empty, Loading, Panel, Section } from "../components/section.tsx";
import { TextField } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";
import { useGiftNames } from "../hooks/use-gift-names.ts";
import { describeEarning, withdrawalStatusText } from "../lib/earnings.ts";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import type { SavedPayoutMethod, SectionProps } from "../types.ts";

type Withdrawal = OutputOf<"creator.withdrawals">[number];
type PayoutInput = InputOf<"creator.setPayoutMethod">;
type Method = PayoutInput["method"];

const METHOD_NAMES: Readonly<Record<Method, string>> = {
  bank: "Bank transfer",
  paypal: "PayPal",
  stripe: "Stripe",
};

const LABEL_HINTS: Readonly<Record<Method, string>> = {
  bank: "A name you recognise, like “Savings ••1234”.",
  paypal: "The PayPal account, like your PayPal email.",
  stripe: "A name you recognise, like “Stripe payouts”.",
};

function PayoutMethodForm({
  saved,
  onSaved,
}: {
  saved: SavedPayoutMethod | null;
  onSaved: (method: SavedPayoutMethod) => void;
}) {
  const api = useApi();
  const [method, setMethod] = useState<Method>(saved?.method ?? "bank");
  const [label, setLabel] = useState(saved?.label ?? "");
  const [account, setAccount] = useState(saved?.stripeAccountId ?? "");
  const save = useAction((input: PayoutInput) => api.creator.setPayoutMethod.mutate(input));
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: PayoutInput =
      method === "stripe"
        ? { method, label: label.trim(), stripeAccountId: account.trim() }
        : { method, label: label.trim() };
    const result = await save.run(input);
    if (result) onSaved(result);
  }

  return (
    <form className="stack" onSubmit={submit} data-testid="payout-form" noValidate>
      {saved && (
        <p className="muted small" data-testid="payout-current">
          Saved: {METHOD_NAMES[saved.method]} ({saved.label}). Withdrawals are paid there.
        </p>
      )}
      <div className="field">
        <label htmlFor={`${errorId}-method`}>Method</label>
        <select
          id={`${errorId}-method`}
          value={method}
          onChange={(event) => setMethod(event.target.value as Method)}
          data-testid="payout-method"
        >
          {(Object.keys(METHOD_NAMES) as Method[]).map((value) => (
            <option key={value} value={value}>
              {METHOD_NAMES[value]}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label="Label"
        hint={LABEL_HINTS[method]}
        value={label}
        maxLength={60}
        onChange={(event) => setLabel(event.target.value)}
        error={fieldError(save.error, "label")}
        testId="payout-label"
      />
      {method === "stripe" && (
        <TextField
          label="Stripe connected account id"
          hint="Starts with acct_, from your Stripe dashboard."
          spellCheck={false}
          autoComplete="off"
          value={account}
          onChange={(event) => setAccount(event.target.value)}
          error={fieldError(save.error, "stripeAccountId")}
          testId="payout-stripe-account"
        />
      )}
      <ErrorNote error={save.error} id={errorId} testId="payout-error" />
      {save.result && (
        <p className="success-note" role="status" data-testid="payout-result">
          Saved. Changing the method again later holds your next withdrawal for a check.
        </p>
      )}
      <div>
        <button
          type="submit"
          className="button secondary"
          disabled={save.pending || label.trim().length < 2}
          data-testid="payout-submit"
        >
          {save.pending ? "Saving…" : "Save payout method"}
        </button>
      </div>
    </form>
  );
}

function WithdrawalResult({ withdrawal }: { withdrawal: Withdrawal }) {
  const state = withdrawalStatusText(withdrawal.status);
  return (
    <div
      className="success-note"
      role="status"
      data-testid="withdraw-result"
      data-status={withdrawal.status}
    >
      <p>
        Requested {formatDiamonds(withdrawal.diamonds)}: {formatUsdMinor(withdrawal.netUsdMinor)}{" "}
        after fees. <strong>{state.label}.</strong> {state.explanation}
      </p>
    </div>
  );
}

function WithdrawForm({ available, onRequested }: { available: number; onRequested: () => void }) {
  const api = useApi();
  const [text, setText] = useState("");
  const diamonds = parseWholeNumber(text);
  // One key per attempt: a retry after a lost answer reuses it, so it never withdraws twice.
  const attempt = useRef<{ key: string; diamonds: number } | null>(null);
  const withdraw = useAction((input: InputOf<"creator.withdraw">) =>
    api.creator.withdraw.mutate(input),
  );
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (diamonds === null || diamonds < 1) return;
    if (attempt.current?.diamonds !== diamonds) {
      attempt.current = { key: newIdempotencyKey(), diamonds };
    }
    const result = await withdraw.run({ idempotencyKey: attempt.current.key, diamonds });
    if (result) {
      attempt.current = null;
      setText("");
      onRequested();
    }
  }

  // A refusal is final for that attempt; only a network failure keeps the key for a retry.
  useEffect(() => {
    if (withdraw.error && withdraw.error.code !== "NETWORK") attempt.current = null;
  }, [withdraw.error]);

  const invalid = text !== "" && (diamonds === null || diamonds < 1);
  return (
    <form className="stack" onSubmit={submit} data-testid="withdraw-form" noValidate>
      <div className="row align-field">
        <TextField
          label="Diamonds to withdraw"
          inputMode="numeric"
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={
            invalid
              ? "Enter a whole number of diamonds, like 1000."
              : fieldError(withdraw.error, "diamonds")
          }
          aria-describedby={withdraw.error ? errorId : undefined}
          testId="withdraw-amount"
        />
        <button
          type="button"
          className="button secondary"
          disabled={available < 1}
          onClick={() => setText(String(available))}
          data-testid="withdraw-all"
        >
          All available
        </button>
      </div>
      <ErrorNote error={withdraw.error} id={errorId} testId="withdraw-error" />
      {withdraw.result && <WithdrawalResult withdrawal={withdraw.result} />}
      <div>
        <button
          type="submit"
          className="button primary"
          disabled={withdraw.pending || diamonds === null || diamonds < 1}
          data-testid="withdraw-submit"
        >
          {withdraw.pending ? "Requesting…" : "Withdraw"}
        </button>
      </div>
    </form>
  );
}

function WithdrawalsTable({ withdrawals }: { withdrawals: readonly Withdrawal[] }) {
  if (withdrawals.length === 0) return <Empty>No withdrawals yet.</Empty>;
  return (
    <div className="table-wrap">
      <table data-testid="withdrawals-list">
        <caption className="visually-hidden">Your withdrawals, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Requested</th>
            <th scope="col" className="num">
              Diamonds
            </th>
            <th scope="col" className="num">
              You receive
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {withdrawals.map((withdrawal) => {
            const state = withdrawalStatusText(withdrawal.status);
            return (
              <tr
                key={withdrawal.withdrawalId}
                data-testid="withdrawal-row"
                data-status={withdrawal.status}
              >
                <td>{formatDateTime(withdrawal.createdAt)}</td>
                <td className="num">{formatCount(withdrawal.diamonds)}</td>
                <td className="num">{formatUsdMinor(withdrawal.netUsdMinor)}</td>
                <td>
                  <span className={`badge ${state.tone}`}>{state.label}</span>
                  <span className="cell-note">{withdrawal.failureReason ?? state.explanation}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

type Earning = OutputOf<"creator.earnings">["items"][number];

function EarningsList() {
  const api = useApi();
  const names = useGiftNames();
  const trpc = useTRPC();
  const first = useQuery(trpc.creator.earnings.queryOptions({ limit: 25 }));
  const [more, setMore] = useState<{ items: Earning[]; cursor: string | null } | null>(null);
  const loadMore = useAction((cursor: string) => api.creator.earnings.query({ cursor, limit: 25 }));

  if (first.error) return <ErrorNote error={first.error} />;
  if (!first.data) return <Loading what="your earnings" />;
  const items = [...first.data.items, ...(more?.items ?? [])];
  const cursor = more ? more.cursor : first.data.nextCursor;
  if (items.length === 0) {
    return <Empty>No earnings yet. Gifts, tips and paid messages show here as they arrive.</Empty>;
  }
  return (
    <>
      <div className="table-wrap">
        <table data-testid="earnings-list">
          <caption className="visually-hidden">
            Earnings, newest first; reversals are negative
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col" className="num">
                Diamonds
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, index) => (
              <tr
                // biome-ignore lint/suspicious/noArrayIndexKey: earnings have no id; the list only grows at its end.
                key={`${item.at}-${index}`}
                className={item.diamonds < 0 ? "negative" : undefined}
                data-testid="earning-row"
                data-kind={item.kind}
              >
                <td>{formatDateTime(item.at)}</td>
                <td>
                  {describeEarning(item, names)}
                  {item.message && <span className="cell-note">“{item.message}”</span>}
                </td>
                <td className="num">{formatSignedCount(item.diamonds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadOlder
        cursor={cursor}
        load={loadMore}
        label="Show older earnings"
        onPage={(page) =>
          setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor })
        }
      />
    </>
  );
}

/** Earnings & withdraw: balance, payout method, a withdrawal with the server's answer, history. */
export function EarningsSection({
  status,
  reloadStatus,
  focusOnMount,
  payoutMethod,
  onPayoutMethodSaved,
}: SectionProps) {
  const trpc = useTRPC();
  const withdrawals = useQuery(trpc.creator.withdrawals.queryOptions());
  return (
    <Section
      id="earnings"
      title="Earnings & withdraw"
      focusOnMount={focusOnMount}
      intro="Each gift becomes diamonds. New diamonds are held for a while, then become available to withdraw as cash."
    >
      <div className="grid two">
        <Panel title="Withdraw">
          <p className="balance-line">
            <span
              className="balance"
              data-testid="withdraw-available"
              data-value={status.diamonds.available}
            >
              {formatDiamonds(status.diamonds.available)}
            </span>{" "}
            <span className="muted">available</span>
            <span className="muted small balance-detail">
              {formatCount(status.diamonds.held)} held · {formatCount(status.diamonds.reserved)}{" "}
              reserved
            </span>
          </p>
          <WithdrawForm
            available={status.diamonds.available}
            onRequested={() => {
              void reloadStatus();
              void withdrawals.refetch();
            }}
          />
        </Panel>
        <Panel title="Payout method">
          <PayoutMethodForm saved={payoutMethod} onSaved={onPayoutMethodSaved} />
        </Panel>
      </div>
      <Panel title="Withdrawals">
        {withdrawals.error && <ErrorNote error={withdrawals.error} />}
        {!withdrawals.data && !withdrawals.error && <Loading what="your withdrawals" />}
        {withdrawals.data && <WithdrawalsTable withdrawals={withdrawals.data} />}
      </Panel>
      <Panel title="Earnings">
        <EarningsList />
      </Panel>
    </Section>
  );
}
