/*
 * Words for the creator's money: what each earning was, and what each withdrawal state means.
 */
export interface EarningItem {
  readonly kind: "gift" | "tip" | "message" | "reversal";
  readonly of: "gift" | "tip" | "message";
  readonly diamonds: number;
  readonly giftId: string | null;
  readonly count: number;
  readonly message: string | null;
  readonly reversal: {
    readonly reason: "refund" | "chargeback";
    readonly giftAt: string;
    readonly isPartial: boolean;
  } | null;
  readonly at: string;
}

const OF_WORDS = { gift: "gift", tip: "tip", message: "paid message" } as const;

/** "3 × Rose", "Tip", "Paid message", "Reversed tip (refund)". */
export function describeEarning(item: EarningItem, giftNames: ReadonlyMap<string, string>): string {
  switch (item.kind) {
    case "gift": {
      const name = item.giftId ? (giftNames.get(item.giftId) ?? item.giftId) : "Gift";
      return item.count > 1 ? `${item.count} \u00d7 ${name}` : name;
    }
    case "tip":
      return "Tip";
    case "message":
      return "Paid message";
    case "reversal": {
      const reason = item.reversal?.reason === "chargeback" ? "chargeback" : "refund";
      const part = item.reversal?.isPartial ? "Partly reversed" : "Reversed";
      return `${part} ${OF_WORDS[item.of]} (${reason})`;
    }
  }
}

export type WithdrawalStatus = "review" | "pending" | "processing" | "paid" | "failed";

export interface WithdrawalStatusText {
  readonly label: string;
  readonly explanation: string;
  readonly tone: "neutral" | "progress" | "good" | "bad";
}

export const WITHDRAWAL_STATUS: Readonly<Record<WithdrawalStatus, WithdrawalStatusText>> = {
  review: {
    label: "In review",
    explanation: "A person at Coinstream checks this one before any cash leaves.",
    tone: "neutral",
  },
  pending: {
    label: "Pending",
    explanation: "Queued: the payout job sends it within minutes.",
    tone: "progress",
  },
  processing: {
    label: "Processing",
    explanation: "Sent to the payout provider; waiting for its answer.",
    tone: "progress",
  },
  paid: {
    label: "Paid",
    explanation: "The money is on its way to your payout method.",
    tone: "good",
  },
  failed: {
    label: "Failed",
    explanation: "Not paid; the diamonds are back in your available balance.",
    tone: "bad",
  },
};

export function withdrawalStatusText(status: string): WithdrawalStatusText {
  return (
    WITHDRAWAL_STATUS[status as WithdrawalStatus] ?? {
      label: status,
      explanation: "",
      tone: "neutral",
    }
  );
}

/** How a live session began and ended: "Started automatically · Ended by you". */
export function describeSessionEnds(session: {
  readonly startedBy: "manual" | "auto";
  readonly endedBy: "manual" | "inactivity" | null;
  readonly endedAt: string | null;
}): string {
  const start = session.startedBy === "auto" ? "Started automatically" : "Started by you";
  if (!session.endedAt) return start;
  const end = session.endedBy === "inactivity" ? "ended automatically when quiet" : "ended by you";
  return `${start}, ${end}`;
}
