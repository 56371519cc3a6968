import "server-only";
import { db, type Tx } from "@/lib/server/db/client";
import { discard, type ReceivedFile } from "@/lib/server/evidence/upload";
import { isPreviewable } from "@/lib/server/evidence/file-types";
import { evidenceStorage, type EvidenceStorage } from "@/lib/server/storage";
import { recordAudit } from "./audit";
import { UserError } from "./errors";
import { writableAssessment } from "./worksheet-guard";

/**
 * Evidence files (tài liệu kiểm chứng) of an assessment and their links to leaf criteria. A file is
 * uploaded once and may support several leaves. Every change: one transaction, one audit row; the
 * stored objects are removed only after the database no longer refers to them.
 */

export type EvidenceItem = {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  /** ISO 8601 */
  createdAt: string;
  uploadedById: string | null;
  /** Codes of the leaf criteria it supports, in criterion order ("1.1", "1.2", "1.10"). */
  criteria: string[];
  /** PDF, JPEG or PNG: can be shown inline. */
  previewable: boolean;
};

const itemInclude = { links: { select: { entry: { select: { criterion: { select: { code: true } } } } } } } as const;

type EvidenceRow = {
  id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; createdAt: Date; uploadedById: string | null;
  links: { entry: { criterion: { code: string } } }[];
};

const byCode = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

function toItem(row: EvidenceRow): EvidenceItem {
  return {
    id: row.id, fileName: row.fileName, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256,
    createdAt: row.createdAt.toISOString(), uploadedById: row.uploadedById,
    criteria: row.links.map((l) => l.entry.criterion.code).sort(byCode),
    previewable: isPreviewable(row.mimeType),
  };
}

/** The assessment an evidence request is about, for the permission check (null when there is none). */
export async function evidenceAssessment(assessmentId: string): Promise<{ id: string; unitId: string; status: string } | null> {
  const prisma = await db();
  return prisma.assessment.findUnique({ where: { id: assessmentId }, select: { id: true, unitId: true, status: true } });
}

/** Throws the worksheet's refusal (submitted, window closed…) when the unit may not change its evidence now. */
export async function assertEvidenceWritable(assessmentId: string, now = new Date()): Promise<void> {
  const prisma = await db();
  await prisma.$transaction((tx) => writableAssessment(tx, assessmentId, now));
}

export async function listEvidence(assessmentId: string): Promise<EvidenceItem[]> {
  const prisma = await db();
  const rows = await prisma.evidence.findMany({ where: { assessmentId, requestId: null }, include: itemInclude, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toItem);
}

/** What a download needs: the file's metadata, where it is stored and whose assessment it belongs to. */
export type EvidenceDownload = {
  id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; storageKey: string;
  assessmentId: string; unitId: string;
};

export async function evidenceForDownload(evidenceId: string): Promise<EvidenceDownload | null> {
  const prisma = await db();
  const row = await prisma.evidence.findUnique({ where: { id: evidenceId }, include: { assessment: { select: { unitId: true } } } });
  if (!row) return null;
  return { id: row.id, fileName: row.fileName, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256,
    storageKey: row.storageKey, assessmentId: row.assessmentId, unitId: row.assessment.unitId };
}

type Options = { now?: Date; storage?: EvidenceStorage };

/**
 * The score entry of leaf `code` in the assessment, created (without a score) when the unit has not
 * scored it yet, so that evidence can be attached first. Only self-assessed leaves take evidence.
 */
async function leafEntry(tx: Tx, assessment: { id: string; frameworkId: string }, code: string): Promise<string> {
  const node = await tx.criterionNode.findUnique({ where: { frameworkId_code: { frameworkId: assessment.frameworkId, code } },
    select: { id: true, source: true, _count: { select: { children: true } } } });
  if (!node || node._count.children > 0 || node.source !== "SELF") throw new UserError("evidence.errors.criterion", { code });
  const entry = await tx.scoreEntry.upsert({
    where: { assessmentId_criterionId: { assessmentId: assessment.id, criterionId: node.id } },
    create: { assessmentId: assessment.id, criterionId: node.id },
    update: {},
    select: { id: true },
  });
  return entry.id;
}

/**
 * Records files already streamed to storage as evidence of the assessment, linked to leaf `criterion`
 * when given. A file identical (same SHA-256 and size) to evidence the assessment already has is not
 * stored twice: the existing evidence is linked instead and the new copy removed. When the unit may not
 * write (submitted, deadline passed…) or anything else fails, the stored copies are removed and the
 * refusal thrown.
 */
export async function recordUploadedEvidence(
  assessmentId: string, files: readonly ReceivedFile[], criterion: string | null, actorId: string | null, options: Options = {},
): Promise<{ items: EvidenceItem[]; reused: string[] }> {
  const storage = options.storage ?? evidenceStorage();
  const prisma = await db();
  let result: { ids: string[]; reused: string[]; redundantKeys: string[] };
  try {
    result = await prisma.$transaction(async (tx) => {
      const assessment = await writableAssessment(tx, assessmentId, options.now);
      const entryId = criterion ? await leafEntry(tx, assessment, criterion) : null;
      const existing = await tx.evidence.findMany({ where: { assessmentId, requestId: null, sha256: { in: files.map((f) => f.sha256) } },
        select: { id: true, sha256: true, sizeBytes: true } });
      const known = new Map(existing.map((e) => [`${e.sha256}:${e.sizeBytes}`, e.id]));
      const ids: string[] = [];
      const reused: string[] = [];
      const redundantKeys: string[] = [];
      const created: { id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string }[] = [];
      for (const f of files) {
        const same = known.get(`${f.sha256}:${f.sizeBytes}`);
        if (same) {
          redundantKeys.push(f.storageKey);
          if (!ids.includes(same)) { ids.push(same); reused.push(same); }
          continue;
        }
        const row = await tx.evidence.create({ data: { assessmentId, fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.sizeBytes,
          sha256: f.sha256, storageKey: f.storageKey, uploadedById: actorId } });
        known.set(`${f.sha256}:${f.sizeBytes}`, row.id);
        ids.push(row.id);
        created.push({ id: row.id, fileName: row.fileName, mimeType: row.mimeType, sizeBytes: row.sizeBytes, sha256: row.sha256 });
      }
      // Like a first saved score, a first file starts the self-assessment.
      if (assessment.status === "NOT_STARTED") await tx.assessment.update({ where: { id: assessmentId }, data: { status: "IN_PROGRESS" } });
      if (entryId) await tx.evidenceLink.createMany({ data: ids.map((evidenceId) => ({ evidenceId, entryId })), skipDuplicates: true });
      await recordAudit(tx, { actorId, action: "evidence.upload", entityType: "Assessment", entityId: assessmentId,
        after: { criterion, created, reused } });
      return { ids, reused, redundantKeys };
    });
  } catch (error) {
    await discard(storage, files.map((f) => f.storageKey));
    throw error;
  }
  await discard(storage, result.redundantKeys);
  const rows = await prisma.evidence.findMany({ where: { id: { in: result.ids } }, include: itemInclude });
  const order = new Map(result.ids.map((id, i) => [id, i]));
  return { items: rows.map(toItem).sort((a, b) => order.get(a.id)! - order.get(b.id)!), reused: result.reused };
}

/** Loads the evidence inside a write transaction, once the unit may write to its assessment. */
async function writableEvidence(tx: Tx, evidenceId: string, now?: Date) {
  const evidence = await tx.evidence.findUnique({ where: { id: evidenceId }, include: itemInclude });
  if (!evidence) throw new UserError("evidence.errors.notFound");
  const assessment = await writableAssessment(tx, evidence.assessmentId, now);
  return { evidence, assessment };
}

/** Links the evidence to leaf `criterion` as well (no change when it already is). */
export async function linkEvidence(evidenceId: string, criterion: string, actorId: string | null, options: Options = {}): Promise<EvidenceItem> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { evidence, assessment } = await writableEvidence(tx, evidenceId, options.now);
    const before = toItem(evidence).criteria;
    if (before.includes(criterion)) return toItem(evidence);
    const entryId = await leafEntry(tx, assessment, criterion);
    await tx.evidenceLink.create({ data: { evidenceId, entryId } });
    const after = await tx.evidence.findUniqueOrThrow({ where: { id: evidenceId }, include: itemInclude });
    const item = toItem(after);
    await recordAudit(tx, { actorId, action: "evidence.link", entityType: "Evidence", entityId: evidenceId,
      before: { criteria: before }, after: { criteria: item.criteria } });
    return item;
  });
}

/** Removes the link between the evidence and leaf `criterion`; the file stays (no change when not linked). */
export async function unlinkEvidence(evidenceId: string, criterion: string, actorId: string | null, options: Options = {}): Promise<EvidenceItem> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const { evidence } = await writableEvidence(tx, evidenceId, options.now);
    const before = toItem(evidence).criteria;
    if (!before.includes(criterion)) return toItem(evidence);
    await tx.evidenceLink.deleteMany({ where: { evidenceId, entry: { criterion: { code: criterion } } } });
    const after = await tx.evidence.findUniqueOrThrow({ where: { id: evidenceId }, include: itemInclude });
    const item = toItem(after);
    await recordAudit(tx, { actorId, action: "evidence.unlink", entityType: "Evidence", entityId: evidenceId,
      before: { criteria: before }, after: { criteria: item.criteria } });
    return item;
  });
}

/**
 * Deletes the evidence (and its links) while the unit may still write, then its stored object once
 * the transaction has committed.
 */
export async function deleteEvidence(evidenceId: string, actorId: string | null, options: Options = {}): Promise<void> {
  const storage = options.storage ?? evidenceStorage();
  const prisma = await db();
  const storageKey = await prisma.$transaction(async (tx) => {
    const { evidence } = await writableEvidence(tx, evidenceId, options.now);
    const item = toItem(evidence);
    await tx.evidence.delete({ where: { id: evidenceId } });
    await recordAudit(tx, { actorId, action: "evidence.delete", entityType: "Evidence", entityId: evidenceId,
      before: { assessmentId: evidence.assessmentId, fileName: item.fileName, mimeType: item.mimeType, sizeBytes: item.sizeBytes,
        sha256: item.sha256, storageKey: evidence.storageKey, criteria: item.criteria } });
    return evidence.storageKey;
  });
  await discard(storage, [storageKey]);
}
