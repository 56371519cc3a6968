/**
 * Database command line, offline (no Prisma engine download):
 *
 *   node --import tsx scripts/db.ts migrate        apply pending migrations      (npm run db:migrate)
 *   node --import tsx scripts/db.ts create <name>  new migration from schema changes (npm run db:migrate:create -- <name>)
 *   node --import tsx scripts/db.ts status         applied/pending/failed; exit 1 unless up to date (npm run db:status)
 *   node --import tsx scripts/db.ts seed           run scripts/db/seed.ts     (npm run db:seed)
 *
 * Target: DATABASE_URL=postgresql://… or, without it, the embedded database in $PAR_DATA_DIR/pglite
 * (default .data/pglite), which is locked for the duration (refused while the server holds it).
 * Always ends with process.exit: the schema engine can leave a timer that would keep node alive ~10 s.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { databaseTarget, migrationsDir, type DatabaseTarget } from "../lib/server/db/config.ts";
import { acquirePgliteLock } from "../lib/server/db/pglite-lock.ts";
import {
  applyMigrations,
  createMigration,
  migrationStatus,
  type MigrationStatus,
  type MigrationTarget,
} from "./db/schema-engine.ts";

const USAGE = `usage: node --import tsx scripts/db.ts <command>

  migrate          apply pending migrations
  create <name>    create prisma/migrations/<timestamp>_<name>/ from changes to prisma/schema.prisma
  status           list applied, pending and failed migrations (exit 1 unless up to date)
  seed             run scripts/db/seed.ts (default export: seed(prisma))

Uses DATABASE_URL (postgresql://…) if set, else the embedded database in $PAR_DATA_DIR/pglite.`;

const SCHEMA_PATH = path.resolve("prisma/schema.prisma");

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const target = databaseTarget();
  const dir = migrationsDir();
  switch (command) {
    case "migrate": {
      console.log(`Applying migrations from ${dir} to ${describe(target)} …`);
      const { applied } = await withMigrationTarget(target, "db migrate", (t) => applyMigrations(t, dir));
      if (applied.length === 0) console.log("No pending migrations.");
      for (const name of applied) console.log(`  applied ${name}`);
      return 0;
    }
    case "create": {
      const name = args[0];
      if (!name || args.length > 1) {
        console.error("usage: node --import tsx scripts/db.ts create <name>   (letters, digits, underscores)");
        return 2;
      }
      const result = await withMigrationTarget(target, "db create", (t) => createMigration(t, dir, SCHEMA_PATH, name));
      if (result.warning) console.warn(`Warning: the database has drifted from the migration history: ${result.warning}`);
      if (result.path === null) {
        console.log("No schema changes: no migration created.");
      } else {
        console.log(`Created ${path.relative(process.cwd(), result.path)}`);
        console.log("Review it, then apply it with `npm run db:migrate`.");
      }
      return 0;
    }
    case "status": {
      const status = await withMigrationTarget(target, "db status", (t) => migrationStatus(t, dir));
      console.log(`Database: ${describe(target)}\nMigrations: ${dir}\n`);
      return printStatus(status);
    }
    case "seed":
      return seed(target, dir);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

/**
 * Opens the target for the engine. For the embedded database: takes the single-process lock first
 * (throws if the server or another command holds it) and closes the directory afterwards.
 */
async function withMigrationTarget<T>(
  target: DatabaseTarget,
  command: string,
  fn: (target: MigrationTarget) => Promise<T>,
): Promise<T> {
  if (target.kind === "postgresql") return fn({ kind: "postgresql", url: target.url });
  fs.mkdirSync(target.dir, { recursive: true });
  const release = acquirePgliteLock(target.dir, command);
  try {
    const pglite = await PGlite.create(target.dir);
    try {
      return await fn({ kind: "pglite", pglite });
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

function printStatus(status: MigrationStatus): number {
  const section = (title: string, names: string[]) => {
    console.log(`${title} (${names.length})${names.length ? ":" : ""}`);
    for (const name of names) console.log(`  ${name}`);
  };
  section("Applied", status.applied);
  section("Pending", status.pending);
  section("Failed", status.failed);
  if (status.modified.length) section("Modified since applied (checksum differs)", status.modified);
  if (status.unknownInDatabase.length) section("In the database but not in the folder", status.unknownInDatabase);
  console.log("");

  if (status.failed.length) {
    // A failed script ran in one implicit transaction, so nothing of it remains; marking it rolled back
    // (what `prisma migrate resolve --rolled-back` does) lets `migrate` try it again.
    console.log(
      "A failed migration blocks `migrate`. Fix its migration.sql, then mark it rolled back:\n" +
        `  UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE finished_at IS NULL AND rolled_back_at IS NULL;\n` +
        "and run `npm run db:migrate` again.",
    );
  } else if (status.pending.length) {
    console.log("Pending migrations: run `npm run db:migrate`.");
  } else if (status.modified.length) {
    console.log("Applied migrations were edited after being applied; restore them (add a new migration instead).");
  } else {
    console.log("Database is up to date.");
  }
  if (status.unknownInDatabase.length) {
    console.log("Note: the database has migrations this checkout lacks (was it migrated by a newer version?).");
  }
  return status.failed.length || status.pending.length || status.modified.length ? 1 : 0;
}

/** Runs scripts/db/seed.ts (written separately); refuses on a database that is not migrated. */
async function seed(target: DatabaseTarget, dir: string): Promise<number> {
  const seedUrl = new URL("./db/seed.ts", import.meta.url);
  if (!fs.existsSync(seedUrl)) {
    console.error("No seed script yet (scripts/db/seed.ts).");
    return 1;
  }
  const seedModule: unknown = await import(seedUrl.href);
  const run =
    typeof seedModule === "object" && seedModule !== null && "default" in seedModule ? seedModule.default : undefined;
  if (typeof run !== "function") {
    console.error("scripts/db/seed.ts must export default a function seed(prisma).");
    return 1;
  }
  // Imported here so the other commands do not load the Prisma client.
  const { connect } = await import("../lib/server/db/connect.ts");
  const { checkMigrations, migrationProblem } = await import("../lib/server/db/migration-check.ts");
  const conn = await connect(target, "db seed");
  try {
    const problem = migrationProblem(await checkMigrations(conn.prisma, dir));
    if (problem) {
      console.error(problem);
      return 1;
    }
    await (run as (prisma: typeof conn.prisma) => unknown)(conn.prisma);
    console.log("Seed complete.");
    return 0;
  } finally {
    await conn.close();
  }
}

function describe(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded database ${target.dir}`;
  const url = new URL(target.url);
  if (url.password) url.password = "****";
  return `PostgreSQL ${url.toString()}`;
}

// Ctrl-C / kill: exit normally so the embedded-database lock is released (the lock listens for "exit").
for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  process.once(signal, () => process.exit(code));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
