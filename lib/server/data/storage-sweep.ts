import "server-only";
import { db } from "@/lib/server/db/client";
import { evidenceStorage, type EvidenceStorage } from "@/lib/server/storage";

/*
 * The orphan sweeper. An upload first streams the file to storage, then records it in the database;
 * a crash (or a refused recording whose clean-up failed) between the two leaves a stored object no row
 * refers to, and a crash during the write leaves a temporary file. Both are removed here once older
 * than a grace period, so an upload in progress is never touched.
 */

export const DEFAULT_GRACE_MS = 60 * 60 * 1000;

/** Keys the server generates: evidence `<assessment id>/<uuid>`, attachments `attachments/<kind>/<owner id>/<uuid>`. */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const SERVER_KEY = new RegExp(`^(?:[A-Za-z0-9_-]{1,64}|attachments/(?:taskUpdate|remediation|initiative)/[A-Za-z0-9_-]{1,64})/${UUID}$`);

function isServerKey(key: string): boolean {
  return SERVER_KEY.test(key);
}

export type SweepResult = { scanned: number; referenced: number; orphans: string[]; temporaries: string[]; deleted: number };

export async function sweepOrphans(options: { storage?: EvidenceStorage; now?: Date; graceMs?: number; dryRun?: boolean } = {}): Promise<SweepResult> {
  const storage = options.storage ?? evidenceStorage();
  const cutoff = (options.now ?? new Date()).getTime() - (options.graceMs ?? DEFAULT_GRACE_MS);
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ key: string }[]>`SELECT "storageKey" AS key FROM "Evidence" UNION SELECT "storageKey" FROM "Attachment"`;
  const referenced = new Set(rows.map((r) => r.key));
  const result: SweepResult = { scanned: 0, referenced: 0, orphans: [], temporaries: [], deleted: 0 };
  for await (const o of storage.list()) {
    // Only what this server writes: server-generated keys (a stray README or another application's
    // object in a shared bucket is never touched).
    if (!o.temporary && !isServerKey(o.key)) continue;
    result.scanned++;
    if (o.temporary) {
      if (o.modifiedAt.getTime() < cutoff) result.temporaries.push(o.key);
    } else if (referenced.has(o.key)) result.referenced++;
    else if (o.modifiedAt.getTime() < cutoff) result.orphans.push(o.key);
  }
  if (!options.dryRun) {
    for (const key of result.orphans) {
      // Checked again just before deleting: a row may have been recorded meanwhile.
      const still = await prisma.$queryRaw<{ n: number }[]>`SELECT (SELECT count(*) FROM "Evidence" WHERE "storageKey" = ${key}) + (SELECT count(*) FROM "Attachment" WHERE "storageKey" = ${key}) AS n`;
      if (Number(still[0]?.n ?? 0) > 0) continue;
      await storage.delete(key);
      result.deleted++;
    }
    for (const rel of result.temporaries) {
      await storage.deleteTemporary?.(rel);
      result.deleted++;
    }
  }
  return result;
}
