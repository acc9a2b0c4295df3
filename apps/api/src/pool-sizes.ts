/**
 * Connections each API process opens, shared by `server.ts` and the tests that must reproduce
 * what production does under contention (a pool this size can be exhausted by waiters).
 */
export const API_POOL_CONNECTIONS = 10;
/** The ledger's own connections (its group-commit writers and balance reads). */
export const LEDGER_POOL_CONNECTIONS = 8;
