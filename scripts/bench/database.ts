/*
 * Fresh databases for the benchmark, with the project's migrations applied: an embedded PGlite (in a
 * folder, or in memory) or a new database on a PostgreSQL server, dropped again on close.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import pg from "pg";
import { migrationsDir } from "../../lib/server/db/config.ts";
import { connect, connectMemory, type Connection } from "../../lib/server/db/connect.ts";
import { applyMigrations } from "../db/schema-engine.ts";

export type BenchDatabase = Connection & { label: string };

/** A new PGlite in `dir` (refused unless the folder is missing or empty), or in memory without `dir`. */
export async function freshPglite(dir?: string): Promise<BenchDatabase> {
  if (dir && fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: the benchmark writes into a fresh database only`);
  const conn = dir ? await connect({ kind: "pglite", dir }, "bench generate") : await connectMemory();
  await applyMigrations({ kind: "pglite", pglite: conn.pglite! }, migrationsDir());
  return { ...conn, label: dir ? `PGlite (${dir})` : "PGlite (in memory)" };
}

/** A new database `par_bench_<random>` on the server at `serverUrl`; `close()` drops it. */
export async function freshPostgres(serverUrl: string): Promise<BenchDatabase> {
  const name = `par_bench_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  };
  try {
    await applyMigrations({ kind: "postgresql", url: url.toString() }, migrationsDir());
    const conn = await connect({ kind: "postgresql", url: url.toString() }, "bench");
    return { ...conn, label: `PostgreSQL (${name})`, close: async () => { await conn.close(); await drop(); } };
  } catch (error) {
    await drop();
    throw error;
  }
}
