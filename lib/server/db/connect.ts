/**
 * Opens a Prisma client on the configured database. Used by the server (through client.ts) and by
 * the command-line scripts; holds the embedded database's single-process lock while open.
 */
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import fs from "node:fs";
import { PrismaClient } from "../../generated/prisma/client.ts";
import type { DatabaseTarget } from "./config.ts";
import { acquirePgliteLock } from "./pglite-lock.ts";

export type Connection = {
  prisma: PrismaClient;
  kind: DatabaseTarget["kind"];
  /** The embedded database itself (for the migration engine); absent for a PostgreSQL server. */
  pglite?: PGlite;
  close: () => Promise<void>;
};

/** `command` names the owner in the lock file, for the message another process gets. */
export async function connect(target: DatabaseTarget, command: string): Promise<Connection> {
  if (target.kind === "postgresql") {
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: target.url }) });
    return { prisma, kind: "postgresql", close: () => prisma.$disconnect() };
  }
  fs.mkdirSync(target.dir, { recursive: true });
  const release = acquirePgliteLock(target.dir, command);
  try {
    const pglite = await PGlite.create(target.dir);
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    return {
      prisma,
      kind: "pglite",
      pglite,
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/** An in-memory embedded database (tests). */
export async function connectMemory(): Promise<Connection & { pglite: PGlite }> {
  const pglite = await PGlite.create();
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    pglite,
    kind: "pglite",
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}
