import "server-only";
import type { Tx } from "@/lib/server/db/client";

/**
 * Something that counts in a cycle's results changed after the secretariat compiled them (and before
 * the council approved them): the compilation no longer stands, so approval needs a fresh compile.
 */
export async function invalidateCompilation(tx: Tx, cycle: { id: string } | { year: number }): Promise<void> {
  await tx.cycle.updateMany({ where: { ...cycle, compiledAt: { not: null }, approvedAt: null }, data: { compiledAt: null } });
}
