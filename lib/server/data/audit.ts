import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "@/lib/server/db/client";

export type AuditInput = {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: Prisma.InputJsonValue;
  after?: Prisma.InputJsonValue;
};

/** One audit row, written in the same transaction as the change it records. */
export async function recordAudit(tx: Tx, event: AuditInput): Promise<void> {
  await tx.auditEvent.create({ data: event });
}
