import { v5 as uuidv5, validate } from "uuid";

// Fixed namespaces: changing either would change every derived id.
const TRANSFER_NAMESPACE = "6f1d2c1e-5b0a-4a8e-9c4e-2f7d3b9a1c01";
const ACCOUNT_NAMESPACE = "0b6c4a52-8e3f-4d21-a7b9-5e1f0c2d3a02";

/**
 * The transfer id for one leg of a client's idempotent request: the same key and leg always
 * give the same id, so a retried request cannot move value twice.
 */
export function transferIdFor(idempotencyKey: string, leg: string): string {
  return uuidv5(`${idempotencyKey}\u0000${leg}`, TRANSFER_NAMESPACE);
}

/** The id of the account an owner has for an asset and purpose (deterministic). */
export function accountIdFor(ownerId: string, asset: string, purpose: string): string {
  return uuidv5(`${ownerId}\u0000${asset}\u0000${purpose}`, ACCOUNT_NAMESPACE);
}

export function isUuid(value: string): boolean {
  return validate(value);
}
