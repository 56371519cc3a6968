import "server-only";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "@/lib/server/db/client";

/**
 * In-app notifications (the inbox). Written inside the transaction of the change they announce, so a
 * rolled-back change announces nothing; e-mail delivery happens after the commit (lib/server/mail).
 * Texts are catalogue keys `notifications.kinds.<kind>.*` with `params`, translated when shown.
 */
export const NOTIFICATION_KINDS = [
  "explanationRequested",
  "explanationAnswered",
  "resultsApproved",
  "resultsPublished",
  "resultsUnpublished",
  "deadlineApproaching",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationInput = {
  kind: NotificationKind;
  params: Record<string, string | number>;
  link?: string;
  /** Same key for the same user → stored once (reminders). */
  dedupeKey?: string;
};

/** Notifies each of `userIds` (duplicates removed) inside the caller's transaction. */
export async function notify(tx: Tx, userIds: readonly string[], n: NotificationInput): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const r = await tx.notification.createMany({
    data: ids.map((userId) => ({ userId, kind: n.kind, params: n.params as Prisma.InputJsonValue, link: n.link ?? null, dedupeKey: n.dedupeKey ?? null })),
    skipDuplicates: true,
  });
  return r.count;
}

/** Active users of some roles, optionally only those of given units. */
export async function recipients(tx: Tx, where: { roles: readonly ("ADMIN" | "SECRETARIAT" | "APPRAISER" | "UNIT_STAFF" | "LEADERSHIP")[]; unitIds?: readonly string[] }): Promise<string[]> {
  const users = await tx.user.findMany({
    where: { active: true, role: { in: [...where.roles] }, ...(where.unitIds ? { unitId: { in: [...where.unitIds] } } : {}) },
    select: { id: true },
  });
  return users.map((u) => u.id);
}
