/*
 * The Overview's checklist: what a creator needs to receive gifts and to withdraw, each
 * requirement met or not, and for the unmet ones what to do and where in the dashboard to do it.
 * The API's `creator.status` lists only what is missing (`receiveMissing`, `withdrawMissing`),
 * with a message written for the person; this adds the requirements already met around them.
 */
import type { SectionId } from "./sections.ts";

export interface MissingReason {
  readonly code: string;
  readonly message: string;
}

export interface ChecklistItem {
  readonly code: string;
  /** The requirement, written as a goal ("A verified channel"). */
  readonly label: string;
  readonly met: boolean;
  /** For an unmet requirement: the API's sentence on what is missing. */
  readonly detail: string | null;
  /** Where to fix it in the dashboard, when it can be fixed here. */
  readonly fixIn: { readonly section: SectionId; readonly action: string } | null;
}

interface Requirement {
  readonly code: string;
  readonly label: string;
  readonly fixIn?: { readonly section: SectionId; readonly action: string };
}

const FROZEN: Requirement = { code: "ACCOUNT_FROZEN", label: "Account in good standing" };
const EMAIL: Requirement = { code: "EMAIL_NOT_VERIFIED", label: "Email address verified" };
const AGE: Requirement = { code: "UNDER_MIN_AGE", label: "Old enough in your region" };

/** Requirements per action, in the order the rulebook checks them. */
export const REQUIREMENTS: Readonly<Record<"receive" | "withdraw", readonly Requirement[]>> = {
  receive: [
    FROZEN,
    EMAIL,
    AGE,
    {
      code: "NO_VERIFIED_CHANNEL",
      label: "A verified channel",
      fixIn: { section: "channels", action: "Link and verify a channel" },
    },
    {
      // A count the creator typed (the page shows none) counts once an admin confirms it.
      code: "FOLLOWERS_NOT_VERIFIED",
      label: "A confirmed follower count",
      fixIn: { section: "channels", action: "Check your channels" },
    },
    {
      code: "TOO_FEW_FOLLOWERS",
      label: "Enough followers on that channel",
      fixIn: { section: "channels", action: "Check your channels" },
    },
    {
      code: "SUSPENDED",
      label: "Not suspended by strikes",
      fixIn: { section: "standing", action: "See your strikes and appeal" },
    },
    {
      code: "GUIDELINES_NOT_ACCEPTED",
      label: "Current community guidelines accepted",
      fixIn: { section: "standing", action: "Read and accept them" },
    },
  ],
  withdraw: [
    FROZEN,
    EMAIL,
    AGE,
    { code: "ACCOUNT_TOO_NEW", label: "Account old enough to withdraw" },
    {
      code: "NO_PAYOUT_METHOD",
      label: "A payout method",
      fixIn: { section: "earnings", action: "Add a payout method" },
    },
  ],
};

/**
 * Every requirement of `action` with whether it is met. A code the dashboard does not know yet
 * (a newer API) still shows, unmet, with the API's own message, so nothing missing is hidden.
 */
export function buildChecklist(
  action: "receive" | "withdraw",
  missing: readonly MissingReason[],
): ChecklistItem[] {
  const byCode = new Map(missing.map((reason) => [reason.code, reason.message]));
  const known = REQUIREMENTS[action].map((requirement) => {
    const detail = byCode.get(requirement.code);
    return {
      code: requirement.code,
      label: requirement.label,
      met: detail === undefined,
      detail: detail ?? null,
      fixIn: detail === undefined ? null : (requirement.fixIn ?? null),
    };
  });
  const knownCodes = new Set(REQUIREMENTS[action].map((requirement) => requirement.code));
  const unknown = missing
    .filter((reason) => !knownCodes.has(reason.code))
    .map((reason) => ({
      code: reason.code,
      label: reason.message,
      met: false,
      detail: null,
      fixIn: null,
    }));
  return [...known, ...unknown];
}

/** "3 of 5 done" for a checklist's heading. */
export function summarizeChecklist(items: readonly ChecklistItem[]): string {
  const met = items.filter((item) => item.met).length;
  return met === items.length ? "All set" : `${met} of ${items.length} done`;
}
