import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { db } from "@/lib/server/db/client";
import { evidenceStorage, type EvidenceStorage } from "@/lib/server/storage";
import { assertValidKey, StorageNotFoundError } from "@/lib/server/storage/types";
import { recordAudit } from "./audit";
import { UserError } from "./errors";

/*
 * Backup and restore of everything the application keeps: every table of the database (PGlite or
 * PostgreSQL; the same migrations) and every stored file (evidence and attachments, local folder or
 * S3). A backup is a folder:
 *
 *   manifest.json         format, time, migrations applied, rows per table, files with size and sha256
 *   tables/<Table>.json   the table's rows as PostgreSQL's own json_agg text (types kept exactly)
 *   files/<storage key>   the stored objects
 *
 * Restore checks the folder first (manifest, every file's sha256, the target's migrations equal the
 * backup's), then replaces all rows in ONE transaction (tables in foreign-key order, sequences moved
 * past the restored ids) and puts the files back. A failed check or insert changes nothing.
 */

export const BACKUP_FORMAT = "par-backup/v1";

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  createdAt: string;
  migrations: string[];
  tables: Record<string, number>;
  files: { key: string; size: number; sha256: string }[];
};

type Sql = { $queryRawUnsafe<T = unknown>(sql: string, ...values: unknown[]): Promise<T>; $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number> };

/** A storage key as the server makes them (no "..", no absolute path). */
function isStorageKey(key: unknown): key is string {
  try {
    assertValidKey(String(key));
    return typeof key === "string";
  } catch {
    return false;
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The application's tables, parents before children (foreign keys), without Prisma's migration table. */
async function tablesInOrder(sql: Sql): Promise<string[]> {
  const tables = (await sql.$queryRawUnsafe<{ name: string }[]>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename")).map((t) => t.name);
  const edges = await sql.$queryRawUnsafe<{ child: string; parent: string }[]>(`
    SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'f' AND n.nspname = 'public' AND c.relname <> p.relname`);
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (t: string) => {
    if (state.get(t) === "done") return;
    if (state.get(t) === "visiting") throw new Error(`circular foreign keys through ${t}`);
    state.set(t, "visiting");
    for (const e of edges) if (e.child === t) visit(e.parent);
    state.set(t, "done");
    order.push(t);
  };
  for (const t of tables) visit(t);
  return order;
}

async function appliedMigrations(sql: Sql): Promise<string[]> {
  const rows = await sql.$queryRawUnsafe<{ name: string }[]>(
    "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name");
  return rows.map((r) => r.name);
}

/** Storage keys referenced by the database (evidence and attachments). */
async function storageKeys(sql: Sql): Promise<string[]> {
  const rows = await sql.$queryRawUnsafe<{ key: string }[]>(
    `SELECT "storageKey" AS key FROM "Evidence" UNION SELECT "storageKey" FROM "Attachment" ORDER BY 1`);
  return rows.map((r) => r.key);
}

function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  return pipeline(fs.createReadStream(file), hash).then(() => hash.digest("hex"));
}

/** Writes a backup of the database and the stored files into `dir` (created; must be empty or absent). */
export async function createBackup(dir: string, options: { storage?: EvidenceStorage; now?: Date } = {}): Promise<BackupManifest> {
  const storage = options.storage ?? evidenceStorage();
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new UserError("backup.errors.notEmpty", { dir });
  fs.mkdirSync(path.join(dir, "tables"), { recursive: true });
  const prisma = await db();
  // One snapshot of the database: every table read in the same REPEATABLE READ transaction.
  const { tables, keys, migrations } = await prisma.$transaction(async (tx) => {
    const counts: Record<string, number> = {};
    for (const table of await tablesInOrder(tx)) {
      const [row] = await tx.$queryRawUnsafe<{ rows: string; n: number }[]>(
        `SELECT coalesce(json_agg(t)::text, '[]') AS rows, count(*)::int AS n FROM ${quote(table)} t`);
      fs.writeFileSync(path.join(dir, "tables", `${table}.json`), row!.rows);
      counts[table] = row!.n;
    }
    return { tables: counts, keys: await storageKeys(tx), migrations: await appliedMigrations(tx) };
  }, { timeout: 600_000, isolationLevel: "RepeatableRead" });

  const files: BackupManifest["files"] = [];
  for (const key of keys) {
    if (!isStorageKey(key)) throw new UserError("backup.errors.fileDamaged", { key });
    const target = path.join(dir, "files", ...key.split("/"));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    let stored;
    try {
      stored = await storage.get(key);
    } catch (error) {
      if (error instanceof StorageNotFoundError) throw new UserError("backup.errors.fileMissing", { key });
      throw error;
    }
    await pipeline(stored, fs.createWriteStream(target));
    files.push({ key, size: fs.statSync(target).size, sha256: await sha256File(target) });
  }
  const manifest: BackupManifest = { format: BACKUP_FORMAT, createdAt: (options.now ?? new Date()).toISOString(), migrations, tables, files };
  fs.writeFileSync(path.join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, "manifest.json");
  if (!fs.existsSync(file)) throw new UserError("backup.errors.noManifest", { dir });
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8")) as BackupManifest;
  } catch {
    throw new UserError("backup.errors.noManifest", { dir });
  }
  if (manifest.format !== BACKUP_FORMAT || typeof manifest.tables !== "object" || !Array.isArray(manifest.files) || !Array.isArray(manifest.migrations)) {
    throw new UserError("backup.errors.format", { format: String(manifest.format) });
  }
  return manifest;
}

/**
 * Restores a backup into the current database and storage. The database must have exactly the
 * backup's migrations applied; its rows are replaced only with `replace` (else it must be empty).
 */
export async function restoreBackup(dir: string, options: { replace?: boolean; storage?: EvidenceStorage } = {}): Promise<BackupManifest> {
  const storage = options.storage ?? evidenceStorage();
  const manifest = readManifest(dir);
  // Every file is checked before anything is written (keys as the server makes them: no path tricks).
  for (const f of manifest.files) {
    if (!isStorageKey(f.key)) throw new UserError("backup.errors.fileDamaged", { key: String(f.key) });
    const file = path.join(dir, "files", ...f.key.split("/"));
    if (!fs.existsSync(file) || (await sha256File(file)) !== f.sha256) throw new UserError("backup.errors.fileDamaged", { key: f.key });
  }
  const prisma = await db();
  const migrations = await appliedMigrations(prisma);
  if (migrations.join("\n") !== manifest.migrations.join("\n")) {
    throw new UserError("backup.errors.migrations", { backup: manifest.migrations.at(-1) ?? "—", database: migrations.at(-1) ?? "—" });
  }
  // Files first: if the database part then fails, the extra objects are unreferenced and harmless.
  for (const f of manifest.files) {
    if (await storage.exists(f.key)) continue;
    await storage.put(f.key, fs.createReadStream(path.join(dir, "files", ...f.key.split("/"))) as Readable, { contentType: "application/octet-stream" });
  }
  await prisma.$transaction(async (tx) => {
    const order = await tablesInOrder(tx);
    const unknown = Object.keys(manifest.tables).filter((t) => !order.includes(t));
    if (unknown.length > 0) throw new UserError("backup.errors.format", { format: unknown.join(", ") });
    const [{ rows }] = await tx.$queryRawUnsafe<{ rows: number }[]>(
      `SELECT (${order.map((t) => `(SELECT count(*) FROM ${quote(t)})`).join(" + ")})::int AS rows`) as [{ rows: number }];
    if (rows > 0 && !options.replace) throw new UserError("backup.errors.notEmptyDatabase", { rows });
    if (rows > 0) await tx.$executeRawUnsafe(`TRUNCATE ${order.map(quote).join(", ")} RESTART IDENTITY`);
    for (const table of order) {
      const file = path.join(dir, "tables", `${table}.json`);
      if (!fs.existsSync(file)) continue;
      await tx.$executeRawUnsafe(`INSERT INTO ${quote(table)} SELECT * FROM json_populate_recordset(NULL::${quote(table)}, $1::json)`, fs.readFileSync(file, "utf8"));
    }
    // Identity/serial columns continue after the restored ids.
    const serials = await tx.$queryRawUnsafe<{ t: string; c: string }[]>(`
      SELECT table_name AS t, column_name AS c FROM information_schema.columns
       WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`);
    for (const { t, c } of serials) {
      await tx.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('${quote(t)}', '${c}'), coalesce((SELECT max(${quote(c)}) FROM ${quote(t)}), 0) + 1, false)`);
    }
    await recordAudit(tx, { actorId: null, action: "system.restore", entityType: "System", entityId: "backup",
      after: { createdAt: manifest.createdAt, tables: Object.keys(manifest.tables).length, files: manifest.files.length, replaced: rows > 0 } });
  }, { timeout: 600_000 });
  return manifest;
}
