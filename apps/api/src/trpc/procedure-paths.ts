import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Every procedure's path, such as `gifts.send` (routers are one level deep). */
export type ProcedurePath = {
  [R in keyof RouterInputs & string]: `${R}.${keyof RouterInputs[R] & string}`;
}[keyof RouterInputs & string];

/** What `ByRouter` (the routers' inputs or outputs) holds for the procedure at `P`. */
type AtPath<ByRouter, P extends string> = P extends `${infer R}.${infer N}`
  ? R extends keyof ByRouter
    ? N extends keyof ByRouter[R]
      ? ByRouter[R][N]
      : never
    : never
  : never;

/** The input type of the procedure at `P`. */
export type InputOf<P extends ProcedurePath> = AtPath<RouterInputs, P>;

/** The output type of the procedure at `P`. */
export type OutputOf<P extends ProcedurePath> = AtPath<RouterOutputs, P>;
