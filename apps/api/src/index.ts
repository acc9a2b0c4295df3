/** The api's public surface for other packages; the typed tRPC `AppRouter` joins it with the API issue. */
export { createApp } from "./app.ts";
