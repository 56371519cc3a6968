import { defineConfig } from "prisma/config";

// The CLI is used only for `generate`, `validate` and `format` (see README: migrations run through
// scripts/db.ts, which drives the WASM schema engine offline).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
