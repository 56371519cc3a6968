import "server-only";
import type { Action } from "@/lib/auth/permissions";
import { db } from "@/lib/server/db/client";
import { discard, type ReceivedFile } from "@/lib/server/evidence/upload";
import { evidenceStorage, type EvidenceStorage } from "@/lib/server/storage";
import { recordAudit } from "./audit";
import { UserError } from "./errors";

/*
 * Files attached to the follow-up work (a task's progress report, a finding's remediation report, an
 * initiative). They go through the same upload checks and storage as evidence (size, content type by
 * magic bytes, name) and are recorded here against their owner, in one transaction with an audit row;
 * if recording fails, the stored files are removed again.
 */

export const ATTACHMENT_OWNERS = ["taskUpdate", "remediation", "initiative"] as const;
export type AttachmentOwnerKind = (typeof ATTACHMENT_OWNERS)[number];
export type AttachmentOwner = { kind: AttachmentOwnerKind; id: string };

/**
 * Who may read an owner's files (any of `unitIds` under `read`; anyone with `read` at all when `shared`,
 * e.g. a recognised initiative) and attach more (`writeUnitId` under `write`, while `open`).
 */
export type OwnerAccess = { read: Action; write: Action; unitIds: string[]; writeUnitId: string; open: boolean; shared?: boolean };

export type AttachmentItem = { id: string; fileName: string; mimeType: string; sizeBytes: number; createdAt: Date; url: string };

const FK: Record<AttachmentOwnerKind, "taskUpdateId" | "remediationId" | "initiativeId"> = {
  taskUpdate: "taskUpdateId", remediation: "remediationId", initiative: "initiativeId",
};

/** The permissions and units of an attachment owner; null when it does not exist. */
export async function ownerAccess(owner: AttachmentOwner): Promise<OwnerAccess | null> {
  const prisma = await db();
  switch (owner.kind) {
    case "taskUpdate": {
      const u = await prisma.taskUpdate.findUnique({ where: { id: owner.id },
        select: { task: { select: { leadUnitId: true, status: true, coordinating: { select: { unitId: true } } } } } });
      return u && { read: "plan.read", write: "plan.progress", writeUnitId: u.task.leadUnitId,
        unitIds: [u.task.leadUnitId, ...u.task.coordinating.map((c) => c.unitId)], open: u.task.status !== "CANCELLED" && u.task.status !== "DONE" };
    }
    case "remediation": {
      const r = await prisma.remediationReport.findUnique({ where: { id: owner.id },
        select: { finding: { select: { status: true, inspection: { select: { targetUnitId: true } } } } } });
      return r && { read: "inspection.read", write: "inspection.remediate", writeUnitId: r.finding.inspection.targetUnitId,
        unitIds: [r.finding.inspection.targetUnitId], open: r.finding.status !== "CLOSED" };
    }
    case "initiative": {
      const i = await prisma.initiative.findUnique({ where: { id: owner.id }, select: { unitId: true, status: true } });
      return i && { read: "initiative.read", write: "initiative.propose", writeUnitId: i.unitId, unitIds: [i.unitId], open: i.status === "PROPOSED",
        shared: i.status === "RECOGNISED" };
    }
  }
}

function item(a: { id: string; fileName: string; mimeType: string; sizeBytes: number; createdAt: Date }): AttachmentItem {
  return { id: a.id, fileName: a.fileName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, createdAt: a.createdAt, url: `/api/v1/attachments/${encodeURIComponent(a.id)}` };
}

/**
 * Records files already in storage against their owner (all or nothing). Refused when the owner is no
 * longer open (a cancelled task, a closed finding, a decided initiative); the stored files are then removed.
 */
export async function recordAttachments(owner: AttachmentOwner, files: readonly ReceivedFile[], actorId: string,
  options: { storage?: EvidenceStorage } = {}): Promise<AttachmentItem[]> {
  const storage = options.storage ?? evidenceStorage();
  try {
    const access = await ownerAccess(owner);
    if (!access) throw new UserError("attachments.errors.notFound");
    if (!access.open) throw new UserError("attachments.errors.closed");
    if (files.length === 0) throw new UserError("attachments.errors.noFile");
    const prisma = await db();
    return await prisma.$transaction(async (tx) => {
      const rows = [];
      for (const f of files) {
        rows.push(await tx.attachment.create({ data: { fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, sha256: f.sha256,
          storageKey: f.storageKey, uploadedById: actorId, [FK[owner.kind]]: owner.id } }));
      }
      await recordAudit(tx, { actorId, action: "attachments.add", entityType: owner.kind, entityId: owner.id,
        after: { files: rows.map((r) => ({ id: r.id, fileName: r.fileName, sha256: r.sha256 })) } });
      return rows.map(item);
    });
  } catch (error) {
    await discard(storage, files.map((f) => f.storageKey));
    throw error;
  }
}

/** The files of an owner, oldest first. */
export async function listAttachments(owner: AttachmentOwner): Promise<AttachmentItem[]> {
  const prisma = await db();
  const rows = await prisma.attachment.findMany({ where: { [FK[owner.kind]]: owner.id }, orderBy: { createdAt: "asc" } });
  return rows.map(item);
}

/** The files of many owners of one kind, by owner id (for lists). */
export async function attachmentsByOwner(kind: AttachmentOwnerKind, ids: readonly string[]): Promise<Map<string, AttachmentItem[]>> {
  const prisma = await db();
  const rows = await prisma.attachment.findMany({ where: { [FK[kind]]: { in: [...ids] } }, orderBy: { createdAt: "asc" } });
  const out = new Map<string, AttachmentItem[]>();
  for (const r of rows) {
    const id = r[FK[kind]]!;
    out.set(id, [...(out.get(id) ?? []), item(r)]);
  }
  return out;
}

/** A file and its owner, for the download route (which checks the owner's read permission). */
export async function attachmentForDownload(id: string): Promise<{ fileName: string; mimeType: string; sizeBytes: number; storageKey: string; owner: AttachmentOwner } | null> {
  const prisma = await db();
  const a = await prisma.attachment.findUnique({ where: { id } });
  if (!a) return null;
  const kind = (Object.keys(FK) as AttachmentOwnerKind[]).find((k) => a[FK[k]] !== null)!;
  return { fileName: a.fileName, mimeType: a.mimeType, sizeBytes: a.sizeBytes, storageKey: a.storageKey, owner: { kind, id: a[FK[kind]]! } };
}
