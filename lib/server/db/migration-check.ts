/**
 * Compares prisma/migrations with the `_prisma_migrations` table, with plain SQL (no schema engine),
 * so the server can refuse to run on a database that is behind or has a failed migration.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export type MigrationCheck = {
  applied: string[];
  pending: string[];
  failed: string[];
  /** Applied, but migration.sql changed since. */
  modified: string[];
  /** In the database, not in the folder (a newer app version ran here). */
  unknown: string[];
};

export type Queryable = { $queryRawUnsafe<T = unknown>(sql: string): Promise<T> };

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export function localMigrations(dir: string): { name: string; checksum: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => ({
      name: d.name,
      checksum: createHash("sha256").update(fs.readFileSync(path.join(dir, d.name, "migration.sql"))).digest("hex"),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function checkMigrations(db: Queryable, dir: string): Promise<MigrationCheck> {
  const local = localMigrations(dir);
  const [exists] = await db.$queryRawUnsafe<{ t: string | null }[]>(
    `SELECT to_regclass('_prisma_migrations')::text AS t`,
  );
  const rows = exists?.t
    ? await db.$queryRawUnsafe<Row[]>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at`,
      )
    : [];
  const live = rows.filter((r) => r.rolled_back_at === null);
  const done = new Map(live.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  const failed = [...new Set(live.filter((r) => r.finished_at === null).map((r) => r.migration_name))];
  const localNames = new Set(local.map((m) => m.name));
  return {
    applied: local.filter((m) => done.has(m.name)).map((m) => m.name),
    pending: local.filter((m) => !done.has(m.name) && !failed.includes(m.name)).map((m) => m.name),
    failed,
    modified: local.filter((m) => done.has(m.name) && done.get(m.name) !== m.checksum).map((m) => m.name),
    unknown: [...done.keys()].filter((n) => !localNames.has(n)),
  };
}

export function isUpToDate(check: MigrationCheck): boolean {
  return check.pending.length === 0 && check.failed.length === 0;
}

/** The message an operator sees, naming the command to run. */
export function migrationProblem(check: MigrationCheck): string | null {
  if (check.failed.length > 0) {
    return `Migration failed: ${check.failed.join(", ")}. Fix the database, then run \`npm run db:status\` and \`npm run db:migrate\`.`;
  }
  if (check.pending.length > 0) {
    return `${check.pending.length} pending migration(s): ${check.pending.join(", ")}. Run \`npm run db:migrate\`.`;
  }
  return null;
}
