import "server-only";
import { leaves as leavesOf, type FrameworkDoc } from "@/lib/domain/framework";
import { vietnamTime, type PhaseWindow } from "@/lib/domain/phases";
import { centiToDecimalString, centiToNumber, isCentiValue, toCenti, type Centi } from "@/lib/domain/points";
import { allowedScores, pointsForDeclaredValue } from "@/lib/domain/rules";
import { selfAssessmentWindow, submissionProblems, writeRefusal, type AssessmentStatus, type SubmissionProblem } from "@/lib/domain/worksheet";
import type { SaveLeafInput } from "@/lib/schemas/worksheet";
import { db } from "@/lib/server/db/client";
import { recordAudit } from "./audit";
import { ProblemsError, UserError } from "./errors";
import { frameworkDocument } from "./frameworks";
import { writableAssessment } from "./worksheet-guard";

export type EntryState = { selfScore: number | null; declaredValue: number | null; explanation: string | null; version: number;
  updatedAt: string | null; updatedBy: string | null };

/** The later of two saves of one leaf: refused, with what the other person saved. */
export class SaveConflictError extends UserError {
  constructor(readonly current: EntryState) {
    super("worksheet.errors.conflict", { name: current.updatedBy ?? "?" });
    this.name = "SaveConflictError";
  }
}

export class SubmissionRefusedError extends ProblemsError {
  constructor(override readonly problems: SubmissionProblem[]) {
    super("worksheet.errors.incomplete", problems);
    this.name = "SubmissionRefusedError";
  }
}

export type Worksheet = {
  assessment: { id: string; status: AssessmentStatus; submittedAt: Date | null; unitId: string; unitCode: string; unitNameVi: string; unitNameEn: string };
  cycle: { year: number; deadlines: PhaseWindow[] };
  window: PhaseWindow | null;
  extension: { closesAt: Date; reason: string } | null;
  refusal: ReturnType<typeof writeRefusal>;
  framework: FrameworkDoc;
  entries: Record<string, EntryState>;
  evidence: { id: string; fileName: string; mimeType: string; sizeBytes: number; criteria: string[] }[];
};

/** The unit's worksheet of a cycle (the newest cycle by default), or null when it takes no part. */
export async function worksheetOf(unitCode: string, year?: number, now = new Date()): Promise<Worksheet | null> {
  const prisma = await db();
  const a = await prisma.assessment.findFirst({
    where: { unit: { code: unitCode }, ...(year ? { cycle: { year } } : {}) },
    orderBy: { cycle: { year: "desc" } },
    include: {
      unit: true, framework: { select: { code: true } }, cycle: { include: { deadlines: true } },
      extensions: { where: { phase: "SELF_ASSESSMENT" } },
      entries: { include: { criterion: { select: { code: true } } } },
      evidence: { where: { requestId: null }, include: { links: { include: { entry: { include: { criterion: { select: { code: true } } } } } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!a) return null;
  const framework = await frameworkDocument(a.framework.code);
  if (!framework) return null;
  const userIds = [...new Set(a.entries.map((e) => e.updatedById).filter((x): x is string => !!x))];
  const users = new Map((await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const window = selfAssessmentWindow(a.cycle.deadlines, a.extensions[0]?.closesAt ?? null);
  return {
    assessment: { id: a.id, status: a.status, submittedAt: a.submittedAt, unitId: a.unitId, unitCode: a.unit.code, unitNameVi: a.unit.nameVi, unitNameEn: a.unit.nameEn },
    cycle: { year: a.cycle.year, deadlines: a.cycle.deadlines },
    window,
    extension: a.extensions[0] ? { closesAt: a.extensions[0].closesAt, reason: a.extensions[0].reason } : null,
    refusal: writeRefusal(a.status, window, now),
    framework,
    entries: Object.fromEntries(a.entries.map((e) => [e.criterion.code, entryState(e, users)])),
    evidence: a.evidence.map((ev) => ({ id: ev.id, fileName: ev.fileName, mimeType: ev.mimeType, sizeBytes: ev.sizeBytes,
      criteria: ev.links.map((l) => l.entry.criterion.code) })),
  };
}

function entryState(e: { selfScore: { toString(): string } | null; declaredValue: { toString(): string } | null; explanation: string | null;
  version: number; updatedAt: Date; updatedById: string | null }, users: Map<string, string>): EntryState {
  return { selfScore: e.selfScore === null ? null : centiToNumber(toCenti(e.selfScore)),
    declaredValue: e.declaredValue === null ? null : Number(e.declaredValue.toString()), explanation: e.explanation, version: e.version,
    updatedAt: e.updatedAt.toISOString(), updatedBy: e.updatedById ? users.get(e.updatedById) ?? null : null };
}

/** A worksheet by assessment id (for exports). */
export async function worksheetById(assessmentId: string): Promise<Worksheet | null> {
  const prisma = await db();
  const a = await prisma.assessment.findUnique({ where: { id: assessmentId }, select: { unit: { select: { code: true } }, cycle: { select: { year: true } } } });
  return a ? worksheetOf(a.unit.code, a.cycle.year) : null;
}

/** Which unit an assessment belongs to (for the permission check before anything else). */
export async function assessmentUnitId(assessmentId: string): Promise<string | null> {
  const prisma = await db();
  return (await prisma.assessment.findUnique({ where: { id: assessmentId }, select: { unitId: true } }))?.unitId ?? null;
}

/**
 * Saves one leaf of the unit's worksheet: the value must be one the rule allows (a tiers rule derives
 * the score from the declared figure); the save applies only if nobody saved the leaf since the user
 * loaded it (version check in the update itself), else SaveConflictError with the other value.
 */
export async function saveLeaf(input: SaveLeafInput, actorId: string, now = new Date()): Promise<EntryState> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const a = await writableAssessment(tx, input.assessmentId, now);
    const node = await tx.criterionNode.findUnique({ where: { frameworkId_code: { frameworkId: a.frameworkId, code: input.criterion } },
      include: { _count: { select: { children: true } } } });
    if (!node || node._count.children > 0) throw new UserError("worksheet.errors.unknownCriterion", { code: input.criterion });
    if (node.source === "SURVEY") throw new UserError("worksheet.errors.surveyLeaf", { code: input.criterion });
    const existing = await tx.scoreEntry.findUnique({ where: { assessmentId_criterionId: { assessmentId: a.id, criterionId: node.id } } });

    const max = toCenti(node.maxPoints);
    const rule = node.rule as Parameters<typeof allowedScores>[0];
    let selfScore: Centi | null | undefined = input.selfScore === undefined ? undefined : input.selfScore === null ? null : checkScore(input.selfScore, rule, max, input.criterion);
    const declared = input.declaredValue;
    if (rule.kind === "tiers" && declared !== undefined) selfScore = declared === null ? null : pointsForDeclaredValue(rule, declared);

    const data = {
      ...(selfScore !== undefined ? { selfScore: selfScore === null ? null : centiToDecimalString(selfScore) } : {}),
      ...(declared !== undefined ? { declaredValue: declared === null ? null : String(declared) } : {}),
      ...(input.explanation !== undefined ? { explanation: input.explanation?.trim() ? input.explanation : null } : {}),
      updatedById: actorId,
    };
    const users = async () => new Map((await tx.user.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));
    let saved;
    if (existing) {
      const { count } = await tx.scoreEntry.updateMany({ where: { id: existing.id, version: input.expectedVersion }, data: { ...data, version: { increment: 1 } } });
      if (count === 0) throw new SaveConflictError(entryState(existing, await users()));
      saved = await tx.scoreEntry.findUniqueOrThrow({ where: { id: existing.id } });
    } else {
      if (input.expectedVersion !== 0) throw new UserError("worksheet.errors.stale");
      saved = await tx.scoreEntry.create({ data: { assessmentId: a.id, criterionId: node.id, ...data, version: 1 } });
    }
    if (a.status === "NOT_STARTED") await tx.assessment.update({ where: { id: a.id }, data: { status: "IN_PROGRESS" } });
    await recordAudit(tx, { actorId, action: "worksheet.saveLeaf", entityType: "ScoreEntry", entityId: saved.id,
      before: existing ? { code: input.criterion, selfScore: existing.selfScore?.toString() ?? null, declaredValue: existing.declaredValue?.toString() ?? null,
        explanation: existing.explanation } : { code: input.criterion },
      after: { code: input.criterion, selfScore: saved.selfScore?.toString() ?? null, declaredValue: saved.declaredValue?.toString() ?? null,
        explanation: saved.explanation } });
    return entryState(saved, await users());
  }).catch((error: unknown) => {
    // Two first saves of one leaf at once: the unique key refuses the second; report it as a conflict.
    if ((error as { code?: string }).code === "P2002") throw new UserError("worksheet.errors.stale");
    throw error;
  });
}

function checkScore(value: number, rule: Parameters<typeof allowedScores>[0], max: Centi, code: string): Centi {
  if (!isCentiValue(value) || value < 0) throw new UserError("worksheet.errors.invalidScore", { code });
  const score = toCenti(value);
  if (score > max) throw new UserError("worksheet.errors.overMax", { code, max: centiToNumber(max) });
  const allowed = allowedScores(rule, max);
  if (allowed && !allowed.includes(score)) throw new UserError("worksheet.errors.notAllowed", { code });
  return score;
}

/** Submits the worksheet after the server-side checks; it is then read-only for the unit. */
export async function submitAssessment(assessmentId: string, actorId: string, now = new Date()): Promise<{ submittedAt: Date }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const a = await writableAssessment(tx, assessmentId, now);
    const doc = await frameworkDocument((await tx.framework.findUniqueOrThrow({ where: { id: a.frameworkId } })).code, tx);
    const entries = await tx.scoreEntry.findMany({ where: { assessmentId }, include: { criterion: { select: { code: true } }, _count: { select: { evidence: true } } } });
    const byCode = new Map(entries.map((e) => [e.criterion.code, e]));
    const problems = submissionProblems(leavesOf(doc!.tree).map((l) => {
      const e = byCode.get(l.code);
      return { code: l.code, selfScored: (l.node.source ?? "SELF") === "SELF", hasScore: e?.selfScore != null,
        evidenceMandatory: l.node.evidenceMandatory ?? false, evidenceCount: e?._count.evidence ?? 0, explanation: e?.explanation ?? null };
    }));
    if (problems.length) throw new SubmissionRefusedError(problems);
    await tx.assessment.update({ where: { id: assessmentId }, data: { status: "SUBMITTED", submittedAt: now, version: { increment: 1 } } });
    await recordAudit(tx, { actorId, action: "worksheet.submit", entityType: "Assessment", entityId: assessmentId,
      before: { status: a.status }, after: { status: "SUBMITTED", submittedAt: now.toISOString() } });
    return { submittedAt: now };
  });
}

/** The secretariat reopens a submitted worksheet for the unit, with a reason. */
export async function reopenAssessment(assessmentId: string, reason: string, actorId: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const a = await tx.assessment.findUnique({ where: { id: assessmentId } });
    if (!a) throw new UserError("worksheet.errors.notFound");
    if (a.status !== "SUBMITTED") throw new UserError("worksheet.errors.notSubmitted");
    await tx.assessment.update({ where: { id: assessmentId }, data: { status: "IN_PROGRESS", submittedAt: null, version: { increment: 1 } } });
    await recordAudit(tx, { actorId, action: "worksheet.reopen", entityType: "Assessment", entityId: assessmentId,
      before: { status: a.status }, after: { status: "IN_PROGRESS", reason } });
  });
}

/** The secretariat extends one unit's self-assessment deadline to 17:00 (Vietnam time) on a date. */
export async function extendDeadline(assessmentId: string, until: string, reason: string, actorId: string): Promise<{ closesAt: Date }> {
  const [y, m, d] = until.split("-").map(Number) as [number, number, number];
  const closesAt = vietnamTime(y, m, d, 17, 0);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const a = await tx.assessment.findUnique({ where: { id: assessmentId }, include: { cycle: { include: { deadlines: true } }, extensions: true } });
    if (!a) throw new UserError("worksheet.errors.notFound");
    const base = a.cycle.deadlines.find((w) => w.phase === "SELF_ASSESSMENT");
    if (!base || closesAt <= base.closesAt) throw new UserError("worksheet.errors.extensionEarlier");
    const before = a.extensions.find((x) => x.phase === "SELF_ASSESSMENT");
    await tx.deadlineExtension.upsert({
      where: { assessmentId_phase: { assessmentId, phase: "SELF_ASSESSMENT" } },
      create: { assessmentId, phase: "SELF_ASSESSMENT", closesAt, reason, grantedById: actorId },
      update: { closesAt, reason, grantedById: actorId },
    });
    await recordAudit(tx, { actorId, action: "worksheet.extend", entityType: "Assessment", entityId: assessmentId,
      before: before ? { closesAt: before.closesAt.toISOString() } : { closesAt: base.closesAt.toISOString() }, after: { closesAt: closesAt.toISOString(), reason } });
    return { closesAt };
  });
}
