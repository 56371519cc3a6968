import "server-only";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { databaseTarget, migrationsDir } from "./config.ts";
import { connect, type Connection } from "./connect.ts";
import { checkMigrations, migrationProblem, type MigrationCheck } from "./migration-check.ts";

/** The server's one connection, kept on globalThis so hot reloads and route bundles share it. */
const g = globalThis as typeof globalThis & { __parConnection?: Promise<Connection>; __parMigrationsOk?: boolean };

export class DatabaseNotReadyError extends Error {
  constructor(message: string, readonly check?: MigrationCheck) {
    super(message);
    this.name = "DatabaseNotReadyError";
  }
}

export function connection(): Promise<Connection> {
  if (!g.__parConnection) {
    g.__parConnection = connect(databaseTarget(), "next server").catch((error: unknown) => {
      g.__parConnection = undefined;
      throw error;
    });
  }
  return g.__parConnection;
}

export async function migrationCheck(): Promise<MigrationCheck> {
  const { prisma } = await connection();
  return checkMigrations(prisma, migrationsDir());
}

/** The Prisma client, once the database is reachable and its migrations are up to date. */
export async function db(): Promise<PrismaClient> {
  const conn = await connection();
  if (!g.__parMigrationsOk) {
    const check = await checkMigrations(conn.prisma, migrationsDir());
    const problem = migrationProblem(check);
    if (problem) throw new DatabaseNotReadyError(problem, check);
    g.__parMigrationsOk = true;
  }
  return conn.prisma;
}

export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * Use an already-open connection (tests, scripts that own the database). Resets the migration
 * check so the next `db()` verifies the new database.
 */
export function setConnection(conn: Connection): void {
  g.__parConnection = Promise.resolve(conn);
  g.__parMigrationsOk = false;
}
