/**
 * A throwaway database for integration tests, with the project's migrations applied: in-memory
 * PGlite by default, or a fresh database on the PostgreSQL server named by TEST_DATABASE_URL.
 * `install()` makes the server data layer (lib/server/db/client.ts) use it.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { connectMemory, type Connection } from "../../lib/server/db/connect.ts";
import { migrationsDir } from "../../lib/server/db/config.ts";
import { setConnection } from "../../lib/server/db/client.ts";
import { applyMigrations } from "../../scripts/db/schema-engine.ts";

export type TestDatabase = Connection & { label: string; install: () => void };

export const DATABASE_MODES: ("pglite" | "postgresql")[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgresql"] : ["pglite"];

export async function createTestDatabase(mode: "pglite" | "postgresql", { migrate = true } = {}): Promise<TestDatabase> {
  if (mode === "pglite") {
    const conn = await connectMemory();
    if (migrate) await applyMigrations({ kind: "pglite", pglite: conn.pglite }, migrationsDir());
    return { ...conn, label: "PGlite (in memory)", install: () => setConnection(conn) };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `par_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (migrate) await applyMigrations({ kind: "postgresql", url: url.toString() }, migrationsDir());
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url.toString() }) });
  const conn: Connection = {
    prisma,
    kind: "postgresql",
    close: async () => {
      await prisma.$disconnect();
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
  return { ...conn, label: `PostgreSQL (${name})`, install: () => setConnection(conn) };
}
