import { REPORT_REASONS, type ReportReason } from "@coinstream/core";
import { useId, useState } from "react";

const REASON_LABELS: Record<ReportReason, string> = {
  harassment: "Harassment or bullying",
  hate: "Hate",
  sexual_content: "Sexual content",
  violence: "Violence or threats",
  scam: "Scam or fraud",
  impersonation: "Impersonation",
  other: "Something else",
};
const MAX_DETAILS = 1_000;

type Phase =
  | { readonly kind: "closed" }
  | { readonly kind: "open" }
  | { readonly kind: "sending" }
  | { readonly kind: "sent" }
  | { readonly kind: "failed"; readonly message: string };

/**
 * "Report @handle": a reason and optional details for the admins. `report` answers null when
 * filed, or the API's sentence (already reported, too many today) to show.
 */
export function ReportCreator({
  handle,
  report,
}: {
  readonly handle: string;
  readonly report: (reason: ReportReason, details: string) => Promise<string | null>;
}) {
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: "closed" });
  const [reason, setReason] = useState<ReportReason>("harassment");
  const [details, setDetails] = useState("");

  if (phase.kind === "closed") {
    return (
      <button
        type="button"
        className="cs-link cs-report-open"
        data-testid="report-open"
        onClick={() => setPhase({ kind: "open" })}
      >
        Report @{handle}
      </button>
    );
  }
  if (phase.kind === "sent") {
    return (
      <p className="cs-label" role="status" data-testid="report-sent">
        Thanks. An admin will look at your report.
      </p>
    );
  }

  async function send() {
    setPhase({ kind: "sending" });
    const refusal = await report(reason, details.trim());
    setPhase(refusal === null ? { kind: "sent" } : { kind: "failed", message: refusal });
  }

  return (
    <form
      className="cs-report"
      aria-label={`Report @${handle}`}
      data-testid="report-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (phase.kind !== "sending") void send();
      }}
    >
      <label className="cs-label" htmlFor={`${id}-reason`}>
        Why are you reporting @{handle}?
      </label>
      <select
        id={`${id}-reason`}
        className="cs-input"
        data-testid="report-reason"
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value as ReportReason)}
      >
        {REPORT_REASONS.map((value) => (
          <option key={value} value={value}>
            {REASON_LABELS[value]}
          </option>
        ))}
      </select>
      <textarea
        className="cs-input cs-tip-message"
        data-testid="report-details"
        aria-label="Details (optional)"
        placeholder="What happened? (optional)"
        maxLength={MAX_DETAILS}
        value={details}
        onChange={(event) => setDetails(event.currentTarget.value)}
      />
      {phase.kind === "failed" ? (
        <div className="cs-error" role="alert">
          {phase.message}
        </div>
      ) : null}
      <div className="cs-send-row">
        <button type="button" className="cs-secondary" onClick={() => setPhase({ kind: "closed" })}>
          Cancel
        </button>
        <button
          type="submit"
          className="cs-primary"
          data-testid="report-send"
          disabled={phase.kind === "sending"}
        >
          {phase.kind === "sending" ? "Sending…" : "Send report"}
        </button>
      </div>
    </form>
  );
}
