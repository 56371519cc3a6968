import "server-only";
import { compileFramework, computeCycle, type CompiledFramework, type CycleResult, type CycleUnitInput, type LeafInput } from "@/lib/domain/engine";
import { centiToDecimalString, toCenti } from "@/lib/domain/points";
import { db, type Tx } from "@/lib/server/db/client";
import type { Prisma } from "../../generated/prisma/client.ts";
import { recordAudit } from "./audit";
import { UserError } from "./errors";
import { frameworkDocument } from "./frameworks";

/** What an assessment must include for `unitInputOf`. */
export const ASSESSMENT_INPUT_INCLUDE = {
  unit: { select: { id: true, code: true, region: true, group: { select: { code: true } } } },
  framework: { select: { code: true } },
  entries: { include: { criterion: { select: { code: true } }, rounds: { select: { round: true, score: true, reason: true } } } },
  adjustments: true,
} as const satisfies Prisma.AssessmentInclude;

/** What a survey result must include for `unitInputOf`. */
export const SURVEY_INPUT_INCLUDE = { criterion: { select: { code: true } } } as const satisfies Prisma.SurveyResultInclude;

export type AssessmentForInput = Prisma.AssessmentGetPayload<{ include: typeof ASSESSMENT_INPUT_INCLUDE }>;
export type SurveyForInput = Prisma.SurveyResultGetPayload<{ include: typeof SURVEY_INPUT_INCLUDE }>;

/**
 * The engine input of one assessment: self scores, declared values and appraisal rounds per leaf, the
 * unit's survey results (`surveys` may hold other units' rows: only the unit's own are used) and its
 * bonus and penalty items. The one builder for the stored results and the what-if simulator.
 */
export function unitInputOf(a: AssessmentForInput, surveys: readonly SurveyForInput[]): CycleUnitInput {
  const scores: Record<string, LeafInput> = {};
  for (const e of a.entries) {
    scores[e.criterion.code] = {
      self: e.selfScore === null ? null : toCenti(e.selfScore),
      declared: e.declaredValue === null ? null : Number(e.declaredValue.toString()),
      rounds: e.rounds.map((r) => ({ round: r.round, score: toCenti(r.score), reason: r.reason ?? undefined })),
    };
  }
  const mine = surveys.filter((s) => s.unitId === a.unit.id);
  const sociological = Object.fromEntries(mine.filter((s) => s.kind === "SOCIOLOGICAL" && s.criterion)
    .map((s) => [s.criterion!.code, Number(s.percent.toString())]));
  const sipasRow = mine.find((s) => s.kind === "SIPAS" && s.criterionId === null);
  const adjust = (kind: "BONUS" | "PENALTY") => a.adjustments.filter((x) => x.kind === kind)
    .map((x) => ({ code: x.code ?? undefined, points: toCenti(x.points), unitNote: x.unitNote ?? undefined,
      appraiserNote: x.appraiserNote ?? undefined, accepted: x.accepted }));
  return {
    code: a.unit.code, group: a.unit.group?.code ?? null, region: a.unit.region,
    scores,
    surveys: {
      sociological,
      sipas: sipasRow ? { overall: Number(sipasRow.percent.toString()), elements: (sipasRow.elements as number[] | null) ?? undefined } : undefined,
    },
    bonus: adjust("BONUS"), penalty: adjust("PENALTY"),
  };
}

/**
 * Results of a cycle, computed by the scoring engine from the stored scores, appraisal rounds,
 * bonus/penalty items and survey results, then stored as one snapshot row per unit. Pages read the
 * snapshots; nothing recomputes the index at load time.
 */
export async function computeCycleResults(cycleId: string, tx?: Tx): Promise<{ result: CycleResult; assessments: Map<string, { unitId: string; frameworkId: string }> }> {
  const prisma = tx ?? (await db());
  const assessments = await prisma.assessment.findMany({ where: { cycleId }, include: ASSESSMENT_INPUT_INCLUDE });
  const surveys = await prisma.surveyResult.findMany({ where: { cycleId }, include: SURVEY_INPUT_INCLUDE });

  const compiled = new Map<string, CompiledFramework>();
  for (const code of new Set(assessments.map((a) => a.framework.code))) {
    const doc = await frameworkDocument(code, tx);
    if (doc) compiled.set(code, compileFramework(doc));
  }
  const frameworkOf = new Map(assessments.map((a) => [a.unit.code, compiled.get(a.framework.code)!]));

  const inputs: CycleUnitInput[] = assessments.map((a) => unitInputOf(a, surveys));
  const result = computeCycle((input) => frameworkOf.get(input.code)!, inputs);
  return { result, assessments: new Map(assessments.map((a) => [a.unit.code, { unitId: a.unit.id, frameworkId: a.frameworkId }])) };
}

/** Recomputes a cycle and replaces its snapshots; one transaction, one audit row. */
export async function storeSnapshots(cycleId: string, options: { published: boolean; actorId: string | null }, tx?: Tx): Promise<{ units: number }> {
  const work = async (t: Tx) => {
    const { result, assessments } = await computeCycleResults(cycleId, t);
    await t.resultSnapshot.deleteMany({ where: { cycleId } });
    await t.resultSnapshot.createMany({
      data: result.units.map((u) => {
        const a = assessments.get(u.code)!;
        return {
          cycleId, unitId: a.unitId, frameworkId: a.frameworkId,
          achieved: centiToDecimalString(u.achieved), max: centiToDecimalString(u.max), indexHundredths: u.indexHundredths ?? 0,
          band: u.band?.code ?? null, rankOverall: u.rank, rankInGroup: u.rankInGroup ?? u.rank,
          selfPoints: centiToDecimalString(u.selfPoints), surveyPoints: centiToDecimalString(u.surveyPoints),
          bonusPoints: centiToDecimalString(u.bonusApplied), penaltyPoints: centiToDecimalString(u.penaltyApplied),
          nodes: Object.fromEntries(Object.entries(u.nodes).map(([code, n]) => [code, { achieved: n.achieved, max: n.max, indexHundredths: n.indexHundredths }])),
          published: options.published,
        };
      }),
    });
    await recordAudit(t, { actorId: options.actorId, action: options.published ? "results.snapshot.publish" : "results.snapshot.draft",
      entityType: "Cycle", entityId: cycleId, after: { units: result.units.length, meanIndexHundredths: result.overall.meanIndexHundredths } });
    return { units: result.units.length };
  };
  return tx ? work(tx) : (await db()).$transaction(work, { timeout: 120_000 });
}

/**
 * Draft results of an unpublished cycle, recomputed on demand. A published cycle's snapshot is the
 * record of what was published and is not recomputed here (un-publishing comes first).
 */
export async function recomputeCycle(year: number, actorId: string | null): Promise<{ units: number; computedAt: Date }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await tx.cycle.findUnique({ where: { year } });
    if (!cycle) throw new UserError("exchange.cycleNotFound", { year });
    if (cycle.publishedAt) throw new UserError("results.published", { year });
    const { units } = await storeSnapshots(cycle.id, { published: false, actorId }, tx);
    return { units, computedAt: new Date() };
  }, { timeout: 120_000 });
}

/** When the draft results of a cycle were last computed, and for how many units. */
export async function snapshotStatus(cycleId: string): Promise<{ units: number; computedAt: Date | null }> {
  const prisma = await db();
  const agg = await prisma.resultSnapshot.aggregate({ where: { cycleId }, _count: { _all: true }, _max: { computedAt: true } });
  return { units: agg._count._all, computedAt: agg._max.computedAt };
}
