import path from "node:path";

/**
 * Where the data lives. No DATABASE_URL → embedded PostgreSQL (PGlite) in `<PAR_DATA_DIR>/pglite`;
 * DATABASE_URL=postgresql://… → that server. Shared by the app and the scripts; no I/O here.
 */
export type DatabaseTarget =
  | { kind: "pglite"; dir: string }
  | { kind: "postgresql"; url: string };

export function dataDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return path.resolve(/* turbopackIgnore: true */ env.PAR_DATA_DIR ?? ".data");
}

export function databaseTarget(env: Readonly<Record<string, string | undefined>> = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgresql:// (got "${url.split(":")[0]}:…"). Unset it to use the embedded database.`);
    }
    return { kind: "postgresql", url };
  }
  return { kind: "pglite", dir: path.join(dataDir(env), "pglite") };
}

export function migrationsDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.PAR_MIGRATIONS_DIR ?? "prisma/migrations");
}
