/**
 * Offline migrations: drives Prisma's WASM schema engine (@prisma/schema-engine-wasm) through the
 * project's driver adapters, because every `prisma migrate` command needs the native engine, which
 * cannot be downloaded here. The result is Prisma's standard layout (prisma/migrations/<ts>_<name>/
 * migration.sql, migration_lock.toml) and `_prisma_migrations` table, so `prisma migrate deploy` on a
 * machine with internet accepts the same history.
 *
 * The pinned adapters have four defects for migrations; each is worked around below:
 *  1. pglite-prisma-adapter `executeScript` does not await the SQL, so a failing migration was recorded as
 *     applied → we run scripts with `pglite.exec(sql)` and surface the error.
 *  2. @prisma/adapter-pg `executeScript` splits on ";" (breaks $$ bodies, loses atomicity) → we send the
 *     whole script as one multi-statement (simple protocol) query.
 *  3. @prisma/adapter-pg rejects pg_catalog's internal "char" type (OID 18), which the engine's
 *     introspection reads → our pg Client reports such columns as text (OID 25).
 *  4. @prisma/adapter-pg `connectToShadowDb` ignores the database name when given a connection string
 *     (shadow = main database!) and drops the shadow before closing its pool → we create and drop a
 *     randomly named shadow database ourselves. For PGlite the shadow is a fresh in-memory instance.
 *
 * Timers: the engine schedules a ~10 s timer after some commands (applyMigrations) that would keep node
 * alive. We unref the engine's timers once no engine session is running; command-line callers should
 * still end with process.exit() (see scripts/db.ts).
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
  type ConnectionInfo,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { checkMigrations, type Queryable } from "../../lib/server/db/migration-check.ts";

/** Where to migrate. The caller owns the PGlite instance (opens, locks and closes it). */
export type MigrationTarget = { kind: "pglite"; pglite: PGlite } | { kind: "postgresql"; url: string };

export type MigrationStatus = {
  applied: string[];
  pending: string[];
  /** Started but never finished (and not marked rolled back): `migrate` refuses until resolved. */
  failed: string[];
  /** Applied, but their migration.sql changed since (checksum mismatch). */
  modified: string[];
  /** Recorded as applied in the database but absent from the folder (a newer checkout ran here). */
  unknownInDatabase: string[];
};

const LOCKFILE_NAME = "migration_lock.toml";
const MIGRATION_FILE = "migration.sql";
const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------

/** `prisma migrate deploy`: applies the pending migrations in order; throws on the first failure. */
export async function applyMigrations(target: MigrationTarget, migrationsDir: string): Promise<{ applied: string[] }> {
  const migrationsList = await readMigrationsList(migrationsDir);
  // No datamodel: the engine reads it only for multi-schema namespaces; the adapter names the connector.
  return withEngine(target, undefined, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return { applied: out.appliedMigrationNames };
  });
}

/**
 * `prisma migrate dev --create-only`: writes `<migrationsDir>/<YYYYMMDDHHMMSS>_<name>/migration.sql`
 * holding the difference between the migration history (replayed on a shadow database) and the schema.
 * Returns `path: null` when the schema has no changes. Does not apply the migration.
 *
 * The target must have every migration of the folder applied (none pending or failed), else this
 * throws: the wasm engine replays into the shadow only the history the database has applied
 * (devDiagnostic), and createMigration cannot build a shadow of its own ("shadow DB must be provided
 * through an external factory"). `prisma migrate dev` applies pending migrations first; a create
 * command should not change the database, so we refuse instead.
 * `warning` carries the engine's drift report when the database's schema differs from its history
 * (the generated migration does not depend on it).
 */
export async function createMigration(
  target: MigrationTarget,
  migrationsDir: string,
  schemaPath: string,
  name: string,
): Promise<{ path: string | null; warning?: string }> {
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new Error(`Migration name must be letters, digits and underscores (got "${name}").`);
  }
  const schemaText = await fs.readFile(schemaPath, "utf8");
  const migrationsList = await readMigrationsList(migrationsDir);
  const status = await migrationStatus(target, migrationsDir);
  if (status.pending.length > 0 || status.failed.length > 0) {
    const problems = [
      status.pending.length > 0 ? `pending: ${status.pending.join(", ")}` : "",
      status.failed.length > 0 ? `failed: ${status.failed.join(", ")}` : "",
    ].filter(Boolean);
    throw new Error(
      `The database is not up to date with ${migrationsList.baseDir} (${problems.join("; ")}). ` +
        "Apply the migrations first (npm run db:migrate), then create the new one.",
    );
  }
  const created = await withEngine(target, [schemaPath, schemaText], async (engine) => {
    // devDiagnostic first: it replays the applied history into a shadow database (through our
    // factory) and caches the resulting schema, which createMigration then diffs against.
    const diagnostic = await engine.devDiagnostic({ migrationsList, filters: NO_FILTERS });
    const out = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: { files: [{ path: schemaPath, content: schemaText }] },
      filters: NO_FILTERS,
    });
    const warning = diagnostic.action.tag === "reset" ? diagnostic.action.reason : undefined;
    return { out, warning };
  });
  const { out, warning } = created;
  const withWarning = warning === undefined ? {} : { warning };
  if (out.migrationScript === null) return { path: null, ...withWarning };

  const dir = path.join(migrationsList.baseDir, out.generatedMigrationName);
  await fs.mkdir(migrationsList.baseDir, { recursive: true });
  // Not recursive: fails if the directory already exists.
  await fs.mkdir(dir).catch((error: unknown) => {
    throw new Error(`Could not create the migration directory ${dir}: ${errorMessage(error)}`);
  });
  const file = path.join(dir, `migration.${out.extension}`);
  await fs.writeFile(file, out.migrationScript, "utf8");
  if (migrationsList.lockfile.content === null) {
    await fs.writeFile(
      path.join(migrationsList.baseDir, LOCKFILE_NAME),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
      "utf8",
    );
  }
  return { path: file, ...withWarning };
}

/**
 * Compares the folder with `_prisma_migrations` using plain SQL (no engine): the same check the
 * server runs before serving (lib/server/db/migration-check.ts).
 */
export async function migrationStatus(target: MigrationTarget, migrationsDir: string): Promise<MigrationStatus> {
  const dir = path.resolve(migrationsDir);
  if (target.kind === "pglite") {
    const check = await checkMigrations(pgliteQueryable(target.pglite), dir);
    return toStatus(check);
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const check = await checkMigrations(pgQueryable(client), dir);
    return toStatus(check);
  } finally {
    await client.end();
  }
}

/** sha256 hex of a migration script, as stored in `_prisma_migrations.checksum`. */
export function migrationChecksum(script: string | Buffer): string {
  return createHash("sha256").update(script).digest("hex");
}

// ---------------------------------------------------------------------------------------------------
// Status helpers
// ---------------------------------------------------------------------------------------------------

function toStatus(check: Awaited<ReturnType<typeof checkMigrations>>): MigrationStatus {
  return {
    applied: check.applied,
    pending: check.pending,
    failed: check.failed,
    modified: check.modified,
    unknownInDatabase: check.unknown,
  };
}

// checkMigrations speaks Prisma's `$queryRawUnsafe`; these adapt the raw drivers to it. The row types
// are the caller's claim about its own SELECT, as with Prisma.
function pgliteQueryable(pglite: PGlite): Queryable {
  return {
    async $queryRawUnsafe<T = unknown>(sql: string): Promise<T> {
      const result = await pglite.query(sql);
      return result.rows as T;
    },
  };
}

function pgQueryable(client: pg.Client): Queryable {
  return {
    async $queryRawUnsafe<T = unknown>(sql: string): Promise<T> {
      const result = await client.query(sql);
      return result.rows as T;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Migrations folder → the engine's MigrationList (mirrors the Prisma CLI's own reader)
// ---------------------------------------------------------------------------------------------------

async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockContent = await fs.readFile(path.join(baseDir, LOCKFILE_NAME), "utf8").catch(() => null);
  const entries = await fs.readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const directories = await Promise.all(
    entries
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => ({
        path: entry.name,
        migrationFile: {
          path: MIGRATION_FILE,
          content: await fs
            .readFile(path.join(baseDir, entry.name, MIGRATION_FILE), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((error: unknown) => ({ tag: "error" as const, value: errorMessage(error) })),
        },
      })),
  );
  directories.sort((a, b) => a.path.localeCompare(b.path));
  return {
    baseDir,
    lockfile: { path: LOCKFILE_NAME, content: lockContent },
    migrationDirectories: directories,
    shadowDbInitScript: "",
  };
}

// ---------------------------------------------------------------------------------------------------
// Engine loading and sessions
// ---------------------------------------------------------------------------------------------------

type EngineClass = typeof engineBindings.SchemaEngine;

let engineClass: Promise<EngineClass> | undefined;
let activeSessions = 0;
/** Timers the engine scheduled; unref'd once no session is running so they cannot hold node open. */
const engineTimers = new Set<NodeJS.Timeout>();

/**
 * Node 20 cannot import the package entry (it imports a .wasm file as an ES module), so instantiate
 * the wasm ourselves with the wasm-bindgen glue module as its import object. Done once per process:
 * the glue keeps the instance in module state.
 */
function loadEngine(): Promise<EngineClass> {
  engineClass ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await fs.readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const wasmModule = await WebAssembly.compile(bytes);

    const glue: WebAssembly.ModuleImports = { ...engineBindings };
    // Wrap the glue's setTimeout import (its name carries a build hash) so we can track the handles.
    for (const key of Object.keys(glue).filter((k) => k.startsWith("__wbg_setTimeout_"))) {
      glue[key] = (callback: () => void, ms: number) => {
        const timer = setTimeout(() => {
          engineTimers.delete(timer);
          callback();
        }, ms >>> 0);
        engineTimers.add(timer);
        return timer;
      };
    }
    const instance = await WebAssembly.instantiate(wasmModule, { "./schema_engine_bg.js": glue });
    engineBindings.__wbg_set_wasm(instance.exports);
    const start = instance.exports.__wbindgen_start;
    if (typeof start !== "function") throw new Error("schema engine wasm: __wbindgen_start is missing");
    start();
    return engineBindings.SchemaEngine;
  })();
  return engineClass;
}

/** Runs `fn` with an engine connected to `target`, then frees the engine and every connection it used. */
async function withEngine<T>(
  target: MigrationTarget,
  datamodel: [path: string, content: string] | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const SchemaEngineClass = await loadEngine();
  const session = new Session();
  activeSessions++;
  try {
    const factory = target.kind === "pglite" ? pgliteFactory(target.pglite, session) : postgresFactory(target.url, session);
    const engine = await SchemaEngineClass.new(
      { datamodels: datamodel && [datamodel] },
      // The engine's tracing output; SCHEMA_ENGINE_DEBUG=1 prints it.
      (log: string) => {
        if (process.env.SCHEMA_ENGINE_DEBUG) console.error("[schema-engine]", log);
      },
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await fn(engine);
    } catch (error) {
      throw engineError(error, session.lastScriptError);
    } finally {
      engine.free();
    }
  } finally {
    await session.cleanup();
    activeSessions--;
    if (activeSessions === 0) {
      for (const timer of engineTimers) timer.unref();
      engineTimers.clear();
    }
  }
}

/**
 * The engine's error, led by the database's own message when a migration script failed: the engine
 * rewrites it (`relation "x" does not exist` becomes "No such table: x") and names the migration only
 * inside its backtrace.
 */
function engineError(error: unknown, scriptError: ScriptError | undefined): Error {
  const engineMessage =
    error instanceof Error
      ? error.message
      : typeof error === "object" && error !== null && "message" in error && typeof error.message === "string"
        ? error.message
        : typeof error === "string"
          ? error
          : JSON.stringify(error);
  if (!scriptError) return error instanceof Error ? error : new Error(engineMessage);
  const migration = /migration_name="([^"]+)"/.exec(engineMessage)?.[1];
  const lead = migration ? `Migration ${migration} failed` : "A migration script failed";
  const extra = [scriptError.detail && `DETAIL: ${scriptError.detail}`, scriptError.hint && `HINT: ${scriptError.hint}`]
    .filter(Boolean)
    .join("\n");
  return new Error(
    `${lead}: ${scriptError.message}${scriptError.code ? ` (SQLSTATE ${scriptError.code})` : ""}` +
      `${extra ? `\n${extra}` : ""}\n\nSchema engine: ${engineMessage}`,
    { cause: error },
  );
}

type ScriptError = { message: string; code?: string; detail?: string; hint?: string };

/** Per-engine-run state: cleanup steps (LIFO: shadow databases go before the main pool) and the last script error. */
class Session {
  private readonly steps: (() => Promise<void>)[] = [];
  lastScriptError: ScriptError | undefined;

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** Runs a migration script, remembering the database's error before handing it to the engine. */
  async runScript(run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (error) {
      const converted = toDriverError(error);
      this.lastScriptError = scriptErrorOf(error);
      throw converted;
    }
  }

  async cleanup(): Promise<void> {
    const errors: unknown[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      await step().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) {
      console.warn(`schema engine cleanup: ${errors.map(errorMessage).join("; ")}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Adapter wiring
// ---------------------------------------------------------------------------------------------------

/** Delegates to a driver adapter, replacing `executeScript` and adding a dispose step. */
class ScriptAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;

  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly runScript: (script: string) => Promise<void>,
    private readonly afterDispose: () => Promise<void> = async () => {},
  ) {
    this.provider = inner.provider;
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return this.inner.queryRaw(query);
  }
  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }
  executeScript(script: string): Promise<void> {
    return this.runScript(script);
  }
  startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return this.inner.startTransaction(isolationLevel);
  }
  getConnectionInfo(): ConnectionInfo {
    return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: true };
  }
  async dispose(): Promise<void> {
    await this.inner.dispose();
    await this.afterDispose();
  }
}

/** Defect 1: run the whole script with pglite.exec (awaited) and let its error reach the engine. */
function pgliteScript(session: Session, pglite: PGlite): (script: string) => Promise<void> {
  return (script) => session.runScript(() => pglite.exec(script));
}

/**
 * Defect 2: one multi-statement query (simple protocol: one implicit transaction, $$ bodies intact),
 * as the native engine sends it.
 */
function pgScript(session: Session, pool: pg.Pool): (script: string) => Promise<void> {
  return (script) => session.runScript(() => pool.query(script));
}

function pgliteFactory(pglite: PGlite, session: Session): SqlMigrationAwareDriverAdapterFactory {
  const base = new PrismaPGlite(pglite);
  return {
    provider: "postgres",
    adapterName: base.adapterName,
    async connect() {
      return new ScriptAdapter(await base.connect(), pgliteScript(session, pglite));
    },
    async connectToShadowDb() {
      // Defect 4 (PGlite side): the adapter's own shadow is never closed; use a fresh in-memory instance.
      const shadow = new PGlite();
      const close = once(() => shadow.close());
      session.add(close);
      const adapter = await new PrismaPGlite(shadow).connect();
      return new ScriptAdapter(adapter, pgliteScript(session, shadow), close);
    },
  };
}

function postgresFactory(url: string, session: Session): SqlMigrationAwareDriverAdapterFactory {
  const mainPool = new pg.Pool({ connectionString: url, Client: CharAsTextClient });
  session.add(() => mainPool.end());
  // Given a Pool, PrismaPg neither creates nor ends pools; we own them.
  const base = new PrismaPg(mainPool);
  return {
    provider: "postgres",
    adapterName: base.adapterName,
    async connect() {
      return new ScriptAdapter(await base.connect(), pgScript(session, mainPool));
    },
    async connectToShadowDb() {
      // Defect 4: our own randomly named shadow database, dropped once its pool is closed.
      const name = `prisma_shadow_${randomBytes(8).toString("hex")}`;
      await mainPool.query(`CREATE DATABASE "${name}"`);
      const shadowPool = new pg.Pool({ connectionString: withDatabase(url, name), Client: CharAsTextClient });
      const drop = once(async () => {
        await shadowPool.end();
        await mainPool.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
      session.add(drop); // in case the engine never disposes it
      const adapter = await new PrismaPg(shadowPool).connect();
      return new ScriptAdapter(adapter, pgScript(session, shadowPool), drop);
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

const PG_CHAR_OID = 18; // pg_catalog's one-byte internal "char" (relkind, contype, …)
const PG_TEXT_OID = 25;

/**
 * Defect 3: a pg Client that reports `"char"` columns as text, so adapter-pg maps them to Text instead
 * of failing with "Column type 'char' could not be deserialized". The values are already strings.
 * Covers both call styles: promise (the adapter) and callback (pg.Pool#query).
 */
class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // pg's query() has many overloads; wrap it at runtime without restating them.
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    const patched = (...args: unknown[]): unknown => {
      const last = args.at(-1);
      if (typeof last === "function") {
        args[args.length - 1] = (error: unknown, result: unknown) => {
          if (!error) reportCharAsText(result);
          return (last as (error: unknown, result: unknown) => unknown)(error, result);
        };
        return query(...args);
      }
      const returned = query(...args);
      return returned instanceof Promise
        ? returned.then((result: unknown) => {
            reportCharAsText(result);
            return result;
          })
        : returned;
    };
    Object.defineProperty(this, "query", { value: patched, writable: true, configurable: true });
  }
}

function reportCharAsText(result: unknown): void {
  // A multi-statement query yields an array of results.
  for (const one of Array.isArray(result) ? result : [result]) {
    if (typeof one !== "object" || one === null || !("fields" in one) || !Array.isArray(one.fields)) continue;
    for (const field of one.fields as { dataTypeID?: number }[]) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
}

type PgErrorFields = { code: string; message: string; severity?: string; detail?: string; column?: string; hint?: string };

/** The fields of a PostgreSQL error from pg or PGlite (both shape them like the wire protocol). */
function pgErrorFields(error: unknown): PgErrorFields | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as Record<string, unknown>;
  if (typeof e.code !== "string" || typeof e.message !== "string") return undefined;
  const text = (key: string) => (typeof e[key] === "string" ? e[key] : undefined);
  return { code: e.code, message: e.message, severity: text("severity"), detail: text("detail"), column: text("column"), hint: text("hint") };
}

function scriptErrorOf(error: unknown): ScriptError {
  return pgErrorFields(error) ?? { message: errorMessage(error) };
}

/** A PostgreSQL error as the adapters' error type, which the engine understands. */
function toDriverError(error: unknown): unknown {
  const e = pgErrorFields(error);
  if (!e) return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: e.severity ?? "ERROR",
    message: e.message,
    detail: e.detail,
    column: e.column,
    hint: e.hint,
    originalCode: e.code,
    originalMessage: e.message,
  });
}

function once(step: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= step());
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
