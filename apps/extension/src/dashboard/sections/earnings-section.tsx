import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTRPC } from "../../lib/api-query.tsx";
import { BusyButton } from "../../lib/busy-button.tsx";
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
import { useOlderPages } from "../components/older-pages.tsx";
import { QueryView } from "../components/query-view.tsx";
import { Empty, Panel, Section } from "../components/section.tsx";
import { Table } from "../components/table.tsx";
import { Field, TextField, WholeNumberField } from "../components/text-field.tsx";
import { useAction } from "../hooks/use-action.ts";
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
    <form className="stack" onSubmit={submit} noValidate>
      {saved && (
        <p className="muted small">
          Saved: {METHOD_NAMES[saved.method]} ({saved.label}). Withdrawals are paid there.
        </p>
      )}
      <Field label="Method">
        {(control) => (
          <select
            {...control}
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
        )}
      </Field>
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
        />
      )}
      <ErrorNote error={save.error} />
      {save.result && (
        <p className="success-note" role="status" data-testid="payout-result">
          Saved. Changing the method again later holds your next withdrawal for a check.
        </p>
      )}
      <div>
        <BusyButton
          className="button secondary"
          busy={save.pending}
          busyLabel="Saving…"
          disabled={label.trim().length < 2}
          data-testid="payout-submit"
        >
          Save payout method
        </BusyButton>
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

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <div className="row align-field">
        <WholeNumberField
          label="Diamonds to withdraw"
          min={1}
          value={text}
          onChange={(event) => setText(event.target.value)}
          notANumber="Enter a whole number of diamonds, like 1000."
          error={fieldError(withdraw.error, "diamonds")}
          aria-describedby={withdraw.error ? errorId : undefined}
          testId="withdraw-amount"
        />
        <button
          type="button"
          className="button secondary"
          disabled={available < 1}
          onClick={() => setText(String(available))}
        >
          All available
        </button>
      </div>
      <ErrorNote error={withdraw.error} id={errorId} />
      {withdraw.result && <WithdrawalResult withdrawal={withdraw.result} />}
      <div>
        <BusyButton
          className="button primary"
          busy={withdraw.pending}
          busyLabel="Requesting…"
          disabled={diamonds === null || diamonds < 1}
          data-testid="withdraw-submit"
        >
          Withdraw
        </BusyButton>
      </div>
    </form>
  );
}

const WITHDRAWAL_COLUMNS = [
  { label: "Requested" },
  { label: "Diamonds", numeric: true },
  { label: "You receive", numeric: true },
  { label: "Status" },
];

function WithdrawalsTable({ withdrawals }: { withdrawals: readonly Withdrawal[] }) {
  return (
    <Table
      caption="Your withdrawals, newest first"
      columns={WITHDRAWAL_COLUMNS}
      testId="withdrawals-list"
    >
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
    </Table>
  );
}

/** Reversals are worded here; every other row carries the API's label ("Alex sent Rose x30"). */
const NO_NAMES: ReadonlyMap<string, string> = new Map();

const EARNING_COLUMNS = [
  { label: "When" },
  { label: "What" },
  { label: "Diamonds", numeric: true },
];

function EarningsList() {
  const api = useApi();
  const trpc = useTRPC();
  const first = useQuery(trpc.creator.earnings.queryOptions({ limit: 25 }));
  const { items, loadOlder } = useOlderPages(
    first.data,
    (cursor) => api.creator.earnings.query({ cursor, limit: 25 }),
    "Show older earnings",
  );
  return (
    <QueryView query={first} what="your earnings">
      {() =>
        items.length === 0 ? (
          <Empty>No earnings yet. Gifts, tips and paid messages show here as they arrive.</Empty>
        ) : (
          <>
            <Table
              caption="Earnings, newest first; reversals are negative"
              columns={EARNING_COLUMNS}
              testId="earnings-list"
            >
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
                    {item.kind === "reversal" ? describeEarning(item, NO_NAMES) : item.label}
                    {item.message && <span className="cell-note">“{item.message}”</span>}
                  </td>
                  <td className="num">{formatSignedCount(item.diamonds)}</td>
                </tr>
              ))}
            </Table>
            {loadOlder}
          </>
        )
      }
    </QueryView>
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
        <QueryView query={withdrawals} what="your withdrawals" empty="No withdrawals yet.">
          {(data) => <WithdrawalsTable withdrawals={data} />}
        </QueryView>
      </Panel>
      <Panel title="Earnings">
        <EarningsList />
      </Panel>
    </Section>
  );
}
