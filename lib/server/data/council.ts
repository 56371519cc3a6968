import "server-only";
import { appraisalProgress, councilBlockers, cycleStage, toLeafAppraisal, type CouncilBlocker } from "@/lib/domain/appraisal";
import { selfAssessmentWindow, type AssessmentStatus } from "@/lib/domain/worksheet";
import { db, type Tx } from "@/lib/server/db/client";
import { recordAudit } from "./audit";
import { UserError } from "./errors";
import { notify, recipients } from "./notifications";
import { storeSnapshots } from "./snapshots";

/**
 * The council's end of the cycle: the secretariat compiles the appraised results (drafts recomputed,
 * nothing pending), the council chair approves, the secretariat publishes (the snapshot is frozen and
 * shown to leadership and on the public results page). Un-publishing needs an admin and a reason.
 * Each step: one transaction, one audit row, notifications inside the same transaction.
 */

export type UnitAppraisalState = { assessmentId: string; unitCode: string; status: AssessmentStatus; entries: number; submittedAt: Date | null;
  selfAssessmentClosesAt: Date | null };

/** Every assessment of a cycle with its appraisal status as derived now (few queries, no per-unit loop). */
export async function cycleAppraisalStates(tx: Tx, cycleId: string, now: Date): Promise<UnitAppraisalState[]> {
  const cycle = await tx.cycle.findUniqueOrThrow({ where: { id: cycleId }, include: { deadlines: true } });
  const assessments = await tx.assessment.findMany({ where: { cycleId },
    include: { unit: { select: { code: true } }, extensions: { where: { phase: "SELF_ASSESSMENT" } }, _count: { select: { entries: true } } } });
  const leaves = await tx.criterionNode.findMany({ where: { frameworkId: { in: [...new Set(assessments.map((a) => a.frameworkId))] }, children: { none: {} } },
    select: { id: true, code: true, frameworkId: true, source: true } });
  const entries = await tx.scoreEntry.findMany({ where: { assessment: { cycleId } },
    select: { assessmentId: true, criterionId: true, selfScore: true, rounds: { select: { round: true, score: true } }, requests: { select: { dueAt: true, answeredAt: true } } } });
  const byAssessment = new Map<string, typeof entries>();
  for (const e of entries) byAssessment.set(e.assessmentId, [...(byAssessment.get(e.assessmentId) ?? []), e]);
  return assessments.map((a) => {
    const window = selfAssessmentWindow(cycle.deadlines, a.extensions[0]?.closesAt ?? null);
    const base = { assessmentId: a.id, unitCode: a.unit.code, entries: a._count.entries, submittedAt: a.submittedAt, selfAssessmentClosesAt: window?.closesAt ?? null };
    if (a.status === "NOT_STARTED" || a.status === "IN_PROGRESS") return { ...base, status: a.status };
    const mine = new Map((byAssessment.get(a.id) ?? []).map((e) => [e.criterionId, e]));
    const states = leaves.filter((l) => l.frameworkId === a.frameworkId).map((l) => toLeafAppraisal(l, mine.get(l.id)));
    return { ...base, status: appraisalProgress(states, now).status };
  });
}

export type CouncilState = {
  year: number;
  stage: ReturnType<typeof cycleStage>;
  compiledAt: Date | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  blockers: CouncilBlocker[];
  /** Not blocking, but worth a look before compiling: units without any survey result this year. */
  warnings: { key: "council.warnings.surveysMissing"; units: string[] }[];
  counts: Record<string, number>;
};

/** Units whose criterion set has survey-scored leaves but which have no survey result in the cycle (those leaves would score 0). */
async function unitsWithoutSurveys(tx: Tx, cycleId: string): Promise<string[]> {
  const assessments = await tx.assessment.findMany({ where: { cycleId, framework: { nodes: { some: { source: "SURVEY" } } } },
    select: { unitId: true, unit: { select: { code: true } } } });
  const surveyed = new Set((await tx.surveyResult.findMany({ where: { cycleId }, select: { unitId: true }, distinct: ["unitId"] })).map((r) => r.unitId));
  return assessments.filter((a) => !surveyed.has(a.unitId)).map((a) => a.unit.code).sort();
}

async function cycleOf(tx: Tx, year: number) {
  const cycle = await tx.cycle.findUnique({ where: { year } });
  if (!cycle) throw new UserError("exchange.cycleNotFound", { year });
  return cycle;
}

/** Where the council stands for a cycle and what still blocks compiling it. */
export async function councilState(year: number, now = new Date()): Promise<CouncilState | null> {
  const prisma = await db();
  const cycle = await prisma.cycle.findUnique({ where: { year } });
  if (!cycle) return null;
  const stage = cycleStage(cycle);
  // While open, the statuses as they stand now; once approved or published, the stored ones (frozen).
  const states = stage === "open" ? await cycleAppraisalStates(prisma, cycle.id, now)
    : await prisma.assessment.findMany({ where: { cycleId: cycle.id }, select: { status: true } });
  const counts: Record<string, number> = {};
  for (const s of states) counts[s.status] = (counts[s.status] ?? 0) + 1;
  const missing = stage === "open" ? await unitsWithoutSurveys(prisma, cycle.id) : [];
  return { year, stage, compiledAt: cycle.compiledAt, approvedAt: cycle.approvedAt, publishedAt: cycle.publishedAt,
    blockers: stage === "open" ? councilBlockers(states as UnitAppraisalState[], now) : [],
    warnings: missing.length ? [{ key: "council.warnings.surveysMissing", units: missing }] : [], counts };
}

function refuseUnlessOpen(cycle: { publishedAt: Date | null; approvedAt: Date | null }) {
  if (cycle.publishedAt) throw new UserError("council.errors.published");
  if (cycle.approvedAt) throw new UserError("council.errors.approved");
}

/**
 * The secretariat compiles the cycle for the council: refused while anything blocks it; otherwise
 * the draft results are recomputed and every assessment's status brought up to date.
 */
export async function compileCycle(year: number, actorId: string, now = new Date()): Promise<{ units: number; compiledAt: Date }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await cycleOf(tx, year);
    refuseUnlessOpen(cycle);
    const states = await cycleAppraisalStates(tx, cycle.id, now);
    const blockers = councilBlockers(states, now);
    if (blockers.length) {
      throw new UserError("council.errors.blocked", { units: [...new Set(blockers.flatMap((b) => b.units))].slice(0, 12).join(", "),
        count: new Set(blockers.flatMap((b) => b.units)).size });
    }
    for (const s of states) await tx.assessment.updateMany({ where: { id: s.assessmentId, status: { not: s.status } }, data: { status: s.status } });
    const { units } = await storeSnapshots(cycle.id, { published: false, actorId }, tx);
    await tx.cycle.update({ where: { id: cycle.id }, data: { compiledAt: now } });
    await recordAudit(tx, { actorId, action: "council.compile", entityType: "Cycle", entityId: cycle.id, after: { year, units, compiledAt: now.toISOString() } });
    return { units, compiledAt: now };
  }, { timeout: 120_000 });
}

/** The council chair approves the compiled results; appraisal is closed from then on. */
export async function approveCycle(year: number, actorId: string, now = new Date()): Promise<{ approvedAt: Date }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await cycleOf(tx, year);
    refuseUnlessOpen(cycle);
    if (!cycle.compiledAt) throw new UserError("council.errors.notCompiled");
    await tx.cycle.update({ where: { id: cycle.id }, data: { approvedAt: now, approvedById: actorId } });
    await tx.assessment.updateMany({ where: { cycleId: cycle.id, status: { in: ["APPRAISED_R1", "APPRAISED_R2"] } }, data: { status: "APPROVED" } });
    await notify(tx, await recipients(tx, { roles: ["SECRETARIAT", "ADMIN"] }), { kind: "resultsApproved", params: { year }, link: `/secretariat/council?year=${year}` });
    await recordAudit(tx, { actorId, action: "council.approve", entityType: "Cycle", entityId: cycle.id, after: { year, approvedAt: now.toISOString() } });
    return { approvedAt: now };
  });
}

/** The secretariat publishes the approved results: frozen snapshots, visible to leadership and the public. */
export async function publishCycle(year: number, actorId: string, now = new Date()): Promise<{ publishedAt: Date; units: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await cycleOf(tx, year);
    if (cycle.publishedAt) throw new UserError("council.errors.published");
    if (!cycle.approvedAt) throw new UserError("council.errors.notApproved");
    const { units } = await storeSnapshots(cycle.id, { published: true, actorId }, tx);
    await tx.cycle.update({ where: { id: cycle.id }, data: { publishedAt: now } });
    await tx.assessment.updateMany({ where: { cycleId: cycle.id }, data: { status: "PUBLISHED" } });
    const unitIds = (await tx.assessment.findMany({ where: { cycleId: cycle.id }, select: { unitId: true } })).map((a) => a.unitId);
    const people = [...await recipients(tx, { roles: ["UNIT_STAFF"], unitIds }), ...await recipients(tx, { roles: ["SECRETARIAT", "APPRAISER", "LEADERSHIP", "ADMIN"] })];
    await notify(tx, people, { kind: "resultsPublished", params: { year }, link: `/results/${year}` });
    await recordAudit(tx, { actorId, action: "council.publish", entityType: "Cycle", entityId: cycle.id, after: { year, units, publishedAt: now.toISOString() } });
    return { publishedAt: now, units };
  }, { timeout: 120_000 });
}

/**
 * An admin withdraws a publication, with a reason: the results go back to drafts, the approval is
 * withdrawn and the appraisal can be changed again; every assessment's status is derived afresh.
 */
export async function unpublishCycle(year: number, reason: string, actorId: string, now = new Date()): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const cycle = await cycleOf(tx, year);
    if (!cycle.publishedAt) throw new UserError("council.errors.notPublished");
    await tx.cycle.update({ where: { id: cycle.id }, data: { publishedAt: null, approvedAt: null, approvedById: null, compiledAt: null } });
    await tx.resultSnapshot.updateMany({ where: { cycleId: cycle.id }, data: { published: false } });
    // Statuses from the data: not submitted → in progress / not started; submitted → the appraisal as it stands.
    await tx.assessment.updateMany({ where: { cycleId: cycle.id }, data: { status: "SUBMITTED" } });
    await tx.assessment.updateMany({ where: { cycleId: cycle.id, submittedAt: null }, data: { status: "IN_PROGRESS" } });
    await tx.assessment.updateMany({ where: { cycleId: cycle.id, submittedAt: null, entries: { none: {} } }, data: { status: "NOT_STARTED" } });
    for (const s of await cycleAppraisalStates(tx, cycle.id, now)) {
      await tx.assessment.updateMany({ where: { id: s.assessmentId, status: { not: s.status } }, data: { status: s.status } });
    }
    await notify(tx, await recipients(tx, { roles: ["SECRETARIAT", "LEADERSHIP", "ADMIN", "APPRAISER"] }), { kind: "resultsUnpublished", params: { year, reason } });
    await recordAudit(tx, { actorId, action: "council.unpublish", entityType: "Cycle", entityId: cycle.id,
      before: { publishedAt: cycle.publishedAt.toISOString(), approvedAt: cycle.approvedAt?.toISOString() ?? null }, after: { reason } });
  }, { timeout: 120_000 });
}
