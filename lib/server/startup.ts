import { db, DatabaseNotReadyError } from "./db/client";

/**
 * Server start-up (Node.js runtime only): refuses to serve on a database with pending or failed
 * migrations, naming the command to run. An unreachable database is not fatal: /api/health reports
 * 503 until it is back.
 */
export async function checkDatabaseAtStartup(): Promise<void> {
  try {
    await db();
  } catch (error) {
    if (error instanceof DatabaseNotReadyError) {
      console.error(`\n✖ PAR Index tracker will not start: ${error.message}\n`);
      process.exit(1);
    }
    console.error("Database not reachable at start-up:", error instanceof Error ? error.message : error);
  }
}
