/**
 * @coinstream/api's public surface. Outside TypeScript projects and the extension import the
 * `AppRouter` type (never the server code) to get typed procedures from `@trpc/client`.
 */
import type { AppRouter } from "./trpc/root.ts";

export { createApp } from "./app.ts";
export type {
  GoalProgress,
  StreamEvent,
  StreamSticker,
  ViewerStyle,
} from "./realtime/stream-event.ts";
export type {
  InputOf,
  OutputOf,
  ProcedurePath,
  RouterInputs,
  RouterOutputs,
} from "./trpc/procedure-paths.ts";
export type { AppRouter };
