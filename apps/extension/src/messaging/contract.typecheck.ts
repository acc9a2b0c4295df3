// Compile-time checks of the contract's path typing (tsc fails if they break).
import type { InputOf, OutputOf, ProcedurePath } from "./contract.ts";

const path: ProcedurePath = "gifts.send";
type SendInput = InputOf<"gifts.send">;
const input: SendInput = {
  idempotencyKey: "k-123456789",
  to: { handle: "nova" },
  giftId: "rose",
  count: 1,
};
type Wallet = OutputOf<"wallet.get">;
const coins = (wallet: Wallet): number => wallet.coins;
// @ts-expect-error: not a procedure
const wrong: ProcedurePath = "gifts.nope";

export { coins, input, path, wrong };
