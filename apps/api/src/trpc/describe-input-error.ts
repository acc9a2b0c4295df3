import type { ZodError } from "zod";

type Issue = ZodError["issues"][number];

/** zod's own wording starts like this; a schema's custom message (already a sentence) does not. */
const ZOD_DEFAULT = /^(Too small|Too big|Invalid|Unrecognized key)/;

/**
 * One sentence a person can act on for a refused input, e.g. "count must be at least 1." or
 * "giftId is required; count must be a number.". The structured field errors stay in the error's
 * `data` for clients; this is the `message`.
 */
export function describeInputError(error: ZodError): string {
  const parts = error.issues.slice(0, 3).map(describeIssue);
  if (error.issues.length > 3) parts.push(`and ${error.issues.length - 3} more`);
  const sentence = parts.join("; ");
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function describeIssue(issue: Issue): string {
  const field = issue.path.length > 0 ? issue.path.join(".") : "The input";
  if (!ZOD_DEFAULT.test(issue.message)) {
    // A schema's own message; prefix the field unless the message already names it.
    const own = issue.message.replace(/\.$/, "");
    return issue.path.length === 0 || own.startsWith(field) ? own : `${field}: ${own}`;
  }
  switch (issue.code) {
    case "too_small":
      return `${field} must be ${bound(issue.inclusive ? "at least" : "more than", issue.minimum, issue.origin)}`;
    case "too_big":
      return `${field} must be ${bound(issue.inclusive ? "at most" : "less than", issue.maximum, issue.origin)}`;
    case "invalid_type":
      return issue.message.endsWith("received undefined")
        ? `${field} is required`
        : `${field} must be ${issue.expected === "int" ? "a whole number" : `a ${issue.expected}`}`;
    case "unrecognized_keys":
      return `${field} has fields it does not take (${issue.keys.join(", ")})`;
    default:
      return `${field} is not valid`;
  }
}

function bound(comparison: string, limit: number | bigint, origin: string): string {
  if (origin === "string") return `${comparison} ${limit} characters long`;
  if (origin === "array" || origin === "set") return `${comparison} ${limit} items`;
  return `${comparison} ${limit}`;
}
