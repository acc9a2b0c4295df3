import type { inferRouterInputs } from "@trpc/server";
import type { AppRouter } from "../trpc/root.ts";

/**
 * Who calls, in the authorisation matrix. "Another viewer" and "another creator" aim at the
 * first viewer's and the first creator's things (their message, tier, claim, ward, key...).
 */
export const ROLES = [
  "anonymous",
  "viewer",
  "otherViewer",
  "creator",
  "otherCreator",
  "admin",
  "frozen",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  anonymous: "anonymous",
  viewer: "viewer",
  otherViewer: "another viewer",
  creator: "creator",
  otherCreator: "another creator",
  admin: "admin",
  frozen: "frozen account",
};

type Inputs = inferRouterInputs<AppRouter>;

/** Every procedure's path, such as `gifts.send` (routers are one level deep). */
export type ProcedurePath = {
  [R in keyof Inputs & string]: `${R}.${keyof Inputs[R] & string}`;
}[keyof Inputs & string];

/** The input type of the procedure at `P`. */
export type InputOf<P extends ProcedurePath> = P extends `${infer R}.${infer N}`
  ? R extends keyof Inputs
    ? N extends keyof Inputs[R]
      ? Inputs[R][N]
      : never
    : never
  : never;
