import { validate } from "uuid";
import { uuidV5 } from "./uuid-v5.ts";

// Fixed namespaces: changing either would change every derived id.
const TRANSFER_NAMESPACE = "6f1d2c1e-5b0a-4a8e-9c4e-2f7d3b9a1c01";
const ACCOUNT_NAMESPACE = "0b6c4a52-8e3f-4d21-a7b9-5e1f0c2d3a02";

/**
 * The transfer id for one leg of a client's idempotent request: the same key and leg always
 * give the same id, so a retried request cannot move value twice.
 */
export function transferIdFor(idempotencyKey: string, leg: string): string {
  return uuidV5(`${idempotencyKey}\u0000${leg}`, TRANSFER_NAMESPACE);
}

/**
 * Account ids already derived: a spend derives several (wallet, creator, platform) and uuid's
 * v5 (a SHA-1 and a byte-by-byte copy) was 2% of a gift's API CPU in the hot-creator profile.
 * The mapping never changes, so entries need no invalidation; the map is only bounded.
 */
const accountIds = new Map<string, string>();
const MAX_REMEMBERED_ACCOUNT_IDS = 100_000;

/** The id of the account an owner has for an asset and purpose (deterministic). */
export function accountIdFor(ownerId: string, asset: string, purpose: string): string {
  const name = `${ownerId}\u0000${asset}\u0000${purpose}`;
  let id = accountIds.get(name);
  if (id === undefined) {
    id = uuidV5(name, ACCOUNT_NAMESPACE);
    if (accountIds.size >= MAX_REMEMBERED_ACCOUNT_IDS) accountIds.clear();
    accountIds.set(name, id);
  }
  return id;
}

export function isUuid(value: string): boolean {
  return validate(value);
}
