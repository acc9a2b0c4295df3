import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema (`pnpm db:generate`) and committed; never pushed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
});
