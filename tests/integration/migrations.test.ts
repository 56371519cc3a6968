/**
 * Offline migrations through the WASM schema engine (scripts/db/schema-engine.ts), on in-memory PGlite
 * and, when TEST_DATABASE_URL names a PostgreSQL server, on a throwaway database created there.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  applyMigrations,
  createMigration,
  migrationChecksum,
  migrationStatus,
  type MigrationTarget,
} from "../../scripts/db/schema-engine.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const SCHEMA = path.join(ROOT, "prisma/schema.prisma");
const SERVER_URL = process.env.TEST_DATABASE_URL;
const MODES = SERVER_URL ? (["pglite", "postgresql"] as const) : (["pglite"] as const);
const SLOW = 180_000;

type Opened = { target: MigrationTarget; query: (sql: string) => Promise<Record<string, unknown>[]>; close: () => Promise<void> };

/** An empty database: in-memory PGlite, or a randomly named database on the TEST_DATABASE_URL server. */
async function openDatabase(mode: "pglite" | "postgresql"): Promise<Opened> {
  if (mode === "pglite") {
    const pglite = new PGlite();
    return {
      target: { kind: "pglite", pglite },
      query: async (sql) => (await pglite.query<Record<string, unknown>>(sql)).rows,
      close: () => pglite.close(),
    };
  }
  if (!SERVER_URL) throw new Error("TEST_DATABASE_URL is not set");
  const name = `par_migrations_test_${randomBytes(6).toString("hex")}`;
  await onServer((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    target: { kind: "postgresql", url: url.toString() },
    query: async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
    close: async () => {
      await client.end();
      await onServer((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function onServer<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function shadowDatabasesOnServer(): Promise<string[]> {
  const { rows } = await onServer((c) =>
    c.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'prisma_shadow_%'`),
  );
  return rows.map((r) => r.datname);
}

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "par-migrations-"));
  tempDirs.push(dir);
  return dir;
}

/** A migrations folder from `{ name: sql }`. */
async function migrationsFolder(migrations: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, sql] of Object.entries(migrations)) {
    await fs.mkdir(path.join(dir, name));
    await fs.writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function projectMigrationNames(): Promise<string[]> {
  const entries = await fs.readdir(MIGRATIONS, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

afterAll(async () => {
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe.each(MODES)("migrations on %s", (mode) => {
  const opened: Opened[] = [];
  /** A fresh empty database for one test, closed (and dropped) after it. */
  async function freshDatabase(): Promise<Opened> {
    const db = await openDatabase(mode);
    opened.push(db);
    return db;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });

  it("applies the project's migrations to an empty database, after which it is up to date", async () => {
    const db = await freshDatabase();
    const names = await projectMigrationNames();
    expect(names.length).toBeGreaterThan(0);

    expect(await migrationStatus(db.target, MIGRATIONS)).toEqual({
      applied: [],
      pending: names,
      failed: [],
      modified: [],
      unknownInDatabase: [],
    });
    expect(await applyMigrations(db.target, MIGRATIONS)).toEqual({ applied: names });
    expect(await migrationStatus(db.target, MIGRATIONS)).toEqual({
      applied: names,
      pending: [],
      failed: [],
      modified: [],
      unknownInDatabase: [],
    });
    expect(await applyMigrations(db.target, MIGRATIONS)).toEqual({ applied: [] });

    // The schema is really there, and the history is the standard one (checksum = sha256 of the file).
    const tables = await db.query(`SELECT to_regclass('"Unit"')::text AS unit`);
    expect(tables[0]?.unit).toBe('"Unit"');
    const rows = await db.query(`SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`);
    const expected = await Promise.all(
      names.map(async (name) => ({
        migration_name: name,
        checksum: migrationChecksum(await fs.readFile(path.join(MIGRATIONS, name, "migration.sql"))),
      })),
    );
    expect(rows).toEqual(expected);
  }, SLOW);

  it("keeps $$ bodies intact and reports edited and unknown migrations", async () => {
    const db = await freshDatabase();
    const dir = await migrationsFolder({
      "20200101000000_function": [
        "CREATE TABLE t (id int PRIMARY KEY);",
        "CREATE FUNCTION bump(n int) RETURNS int LANGUAGE plpgsql AS $$",
        "BEGIN",
        "  n := n + 1;",
        "  RETURN n;",
        "END;",
        "$$;",
      ].join("\n"),
      "20200102000000_second": "ALTER TABLE t ADD COLUMN note text;",
    });
    expect(await applyMigrations(db.target, dir)).toEqual({ applied: ["20200101000000_function", "20200102000000_second"] });
    expect((await db.query("SELECT bump(41) AS v"))[0]?.v).toBe(42);

    await fs.appendFile(path.join(dir, "20200101000000_function", "migration.sql"), "\n-- edited\n");
    await fs.rm(path.join(dir, "20200102000000_second"), { recursive: true });
    expect(await migrationStatus(db.target, dir)).toMatchObject({
      applied: ["20200101000000_function"],
      pending: [],
      failed: [],
      modified: ["20200101000000_function"],
      unknownInDatabase: ["20200102000000_second"],
    });
  }, SLOW);

  it("throws on a failing migration with the SQL error, rolls it back whole and records it failed", async () => {
    const db = await freshDatabase();
    const dir = await migrationsFolder({
      "20200101000000_ok": "CREATE TABLE a (id int);",
      "20200102000000_bad": "CREATE TABLE b (id int);\nINSERT INTO missing_table VALUES (1);",
      "20200103000000_later": "CREATE TABLE c (id int);",
    });

    const failure = applyMigrations(db.target, dir);
    await expect(failure).rejects.toThrow(/Migration 20200102000000_bad failed: relation "missing_table" does not exist/);

    expect(await migrationStatus(db.target, dir)).toEqual({
      applied: ["20200101000000_ok"],
      pending: ["20200103000000_later"],
      failed: ["20200102000000_bad"],
      modified: [],
      unknownInDatabase: [],
    });
    // Atomic: the statement before the failing one did not survive; nothing after it ran.
    const tables = await db.query(`SELECT to_regclass('a')::text AS a, to_regclass('b')::text AS b, to_regclass('c')::text AS c`);
    expect(tables[0]).toEqual({ a: "a", b: null, c: null });
    // A failed migration blocks further deploys until resolved.
    await expect(applyMigrations(db.target, dir)).rejects.toThrow(/failed migrations/);
  }, SLOW);

  it("creates a migration for a new field, and none when the schema matches the history", async () => {
    const db = await freshDatabase();
    const shadowsBefore = mode === "postgresql" ? await shadowDatabasesOnServer() : [];

    // Like `migrate dev`, creating works on a database that has the whole history applied.
    const projectCopy = await tempDir();
    await fs.cp(MIGRATIONS, projectCopy, { recursive: true });
    await applyMigrations(db.target, projectCopy);

    // The project's history already matches the project's schema (catches a schema edit without a migration).
    expect(await createMigration(db.target, projectCopy, SCHEMA, "nothing")).toEqual({ path: null });

    // A schema copy with one more field: the new migration adds exactly that column.
    const schemaText = await fs.readFile(SCHEMA, "utf8");
    expect(schemaText).toMatch(/^model UnitGroup \{$/m);
    const changedSchema = path.join(await tempDir(), "schema.prisma");
    await fs.writeFile(changedSchema, schemaText.replace(/^model UnitGroup \{$/m, "model UnitGroup {\n  testOnlyNote String?"));

    const created = await createMigration(db.target, projectCopy, changedSchema, "add_note");
    expect(created.path).toMatch(/[/\\]\d{14}_add_note[/\\]migration\.sql$/);
    const sql = await fs.readFile(created.path ?? "", "utf8");
    expect(sql).toContain(`ALTER TABLE "UnitGroup" ADD COLUMN     "testOnlyNote" TEXT;`);
    expect(sql).not.toMatch(/CREATE TABLE/);

    // Not applied yet: creating another is refused with a clear message, not the engine's.
    await expect(createMigration(db.target, projectCopy, changedSchema, "again")).rejects.toThrow(
      /not up to date .*pending: \d{14}_add_note.*npm run db:migrate/,
    );
    // Applied: the history now matches the changed schema, so there is nothing left to create.
    expect(await applyMigrations(db.target, projectCopy)).toEqual({ applied: [path.basename(path.dirname(created.path ?? ""))] });
    expect(await createMigration(db.target, projectCopy, changedSchema, "again")).toEqual({ path: null });

    if (mode === "postgresql") expect(await shadowDatabasesOnServer()).toEqual(shadowsBefore);
  }, SLOW);

  it("starts a history from nothing with a lock file, and the result applies cleanly", async () => {
    const db = await freshDatabase();
    const dir = await tempDir();
    const created = await createMigration(db.target, dir, SCHEMA, "init");
    expect(created.path).toMatch(/\d{14}_init[/\\]migration\.sql$/);
    expect(await fs.readFile(path.join(dir, "migration_lock.toml"), "utf8")).toMatch(/^provider = "postgresql"$/m);

    const { applied } = await applyMigrations(db.target, dir);
    expect(applied).toHaveLength(1);
    expect((await migrationStatus(db.target, dir)).pending).toEqual([]);
  }, SLOW);

  it("rejects migration names that would make odd directory names", async () => {
    const db = await freshDatabase();
    await expect(createMigration(db.target, await tempDir(), SCHEMA, "../escape")).rejects.toThrow(/Migration name/);
  });
});
