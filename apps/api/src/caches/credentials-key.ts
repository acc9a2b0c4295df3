import { createHash } from "node:crypto";

/** A digest of what identifies a session in a request; null when it carries no credentials. */
export function credentialsKey(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  const cookie = headers.get("cookie");
  if (!authorization && !cookie) return null;
  return createHash("sha256")
    .update(authorization ?? "")
    .update("\0")
    .update(cookie ?? "")
    .digest("base64url");
}
