import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * The auth secret for local use when BETTER_AUTH_SECRET is unset: generated once into a
 * git-ignored file, so sessions survive restarts and no secret lives in the repository.
 */
export async function loadOrCreateDevSecret(path: string): Promise<string> {
  if (existsSync(path)) return (await readFile(path, "utf8")).trim();
  const secret = randomBytes(32).toString("base64url");
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, secret, { mode: 0o600 });
  return secret;
}
