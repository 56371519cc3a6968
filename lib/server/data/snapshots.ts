import "server-only";
import { compileFramework, computeCycle, type AppraisalInput, type CompiledFramework, type CycleResult, type CycleUnitInput, type LeafInput } from "@/lib/domain/engine";
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

type AssessmentRow = { id: string; unitId: string; frameworkId: string; frameworkCode: string; unitCode: string; region: string | null; groupCode: string | null };
type EntriesRow = { assessmentId: string; entries: string };
type SurveyRow = { unitId: string; kind: "SOCIOLOGICAL" | "SIPAS"; criterionId: string | null; code: string | null; percent: string; elements: string | null };
type AdjustmentRow = { assessmentId: string; kind: "BONUS" | "PENALTY"; code: string | null; points: string; unitNote: string | null;
  appraiserNote: string | null; accepted: boolean };

/**
 * The engine inputs of every assessment of a cycle, read with four flat queries (a cycle at province
 * scale has ~16 000 scores: row-by-row reads through the driver cost far more than the engine itself).
 * Builds the same inputs as `unitInputOf`, minus the appraisers' reasons, which the results do not use.
 * Each assessment's scores come back as one text: `code self declared round:score,…` (codes and
 * decimals never contain a space, a colon or a comma), a leaf with two rounds appearing twice.
 */
async function cycleInputs(prisma: Tx | Awaited<ReturnType<typeof db>>, cycleId: string) {
  const assessments = await prisma.$queryRaw<AssessmentRow[]>`
    SELECT a.id, a."unitId", a."frameworkId", f.code AS "frameworkCode", u.code AS "unitCode", u.region, g.code AS "groupCode"
    FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "Framework" f ON f.id = a."frameworkId"
      LEFT JOIN "UnitGroup" g ON g.id = u."groupId"
    WHERE a."cycleId" = ${cycleId}`;
  const entries = await prisma.$queryRaw<EntriesRow[]>`
    SELECT e."assessmentId", string_agg(c.code || ' ' || coalesce(e."selfScore"::text, '') || ' ' || coalesce(e."declaredValue"::text, '')
      || ' ' || coalesce(r.round || ':' || r.score::text, ''), ',') AS entries
    FROM "ScoreEntry" e JOIN "Assessment" a ON a.id = e."assessmentId" JOIN "CriterionNode" c ON c.id = e."criterionId"
      LEFT JOIN "AppraisalRound" r ON r."entryId" = e.id
    WHERE a."cycleId" = ${cycleId}
    GROUP BY e."assessmentId"`;
  const surveys = await prisma.$queryRaw<SurveyRow[]>`
    SELECT s."unitId", s.kind::text AS kind, s."criterionId", c.code, s.percent::text AS percent, s.elements::text AS elements
    FROM "SurveyResult" s LEFT JOIN "CriterionNode" c ON c.id = s."criterionId"
    WHERE s."cycleId" = ${cycleId}`;
  const adjustments = await prisma.$queryRaw<AdjustmentRow[]>`
    SELECT x."assessmentId", x.kind::text AS kind, x.code, x.points::text AS points, x."unitNote", x."appraiserNote", x.accepted
    FROM "ScoreAdjustment" x JOIN "Assessment" a ON a.id = x."assessmentId"
    WHERE a."cycleId" = ${cycleId}`;

  const scoresOf = new Map(entries.map((row) => [row.assessmentId, row.entries]));
  const surveysOf = new Map<string, SurveyRow[]>();
  for (const s of surveys) surveysOf.set(s.unitId, [...(surveysOf.get(s.unitId) ?? []), s]);
  const adjustmentsOf = new Map<string, AdjustmentRow[]>();
  for (const x of adjustments) adjustmentsOf.set(x.assessmentId, [...(adjustmentsOf.get(x.assessmentId) ?? []), x]);

  return assessments.map((a) => {
    const scores: Record<string, LeafInput> = {};
    const rounds = new Map<string, AppraisalInput[]>();
    for (const item of scoresOf.get(a.id)?.split(",") ?? []) {
      const [code = "", self = "", declared = "", round = ""] = item.split(" ");
      let leafRounds = rounds.get(code);
      if (!leafRounds) {
        leafRounds = [];
        rounds.set(code, leafRounds);
        scores[code] = { self: self === "" ? null : toCenti(self), declared: declared === "" ? null : Number(declared), rounds: leafRounds };
      }
      if (round !== "") {
        const [n = "", score = ""] = round.split(":");
        leafRounds.push({ round: Number(n), score: toCenti(score) });
      }
    }
    const mine = surveysOf.get(a.unitId) ?? [];
    const sipasRow = mine.find((s) => s.kind === "SIPAS" && s.criterionId === null);
    const adjust = (kind: "BONUS" | "PENALTY") => (adjustmentsOf.get(a.id) ?? []).filter((x) => x.kind === kind)
      .map((x) => ({ code: x.code ?? undefined, points: toCenti(x.points), unitNote: x.unitNote ?? undefined,
        appraiserNote: x.appraiserNote ?? undefined, accepted: x.accepted }));
    const input: CycleUnitInput = {
      code: a.unitCode, group: a.groupCode, region: a.region,
      scores,
      surveys: {
        sociological: Object.fromEntries(mine.filter((s) => s.kind === "SOCIOLOGICAL" && s.code !== null).map((s) => [s.code!, Number(s.percent)])),
        sipas: sipasRow ? { overall: Number(sipasRow.percent), elements: sipasRow.elements === null ? undefined : (JSON.parse(sipasRow.elements) as number[] | null) ?? undefined } : undefined,
      },
      bonus: adjust("BONUS"), penalty: adjust("PENALTY"),
    };
    return { assessment: a, input };
  });
}

/**
 * Results of a cycle, computed by the scoring engine from the stored scores, appraisal rounds,
 * bonus/penalty items and survey results, then stored as one snapshot row per unit. Pages read the
 * snapshots; nothing recomputes the index at load time.
 */
export async function computeCycleResults(cycleId: string, tx?: Tx): Promise<{ result: CycleResult; assessments: Map<string, { unitId: string; frameworkId: string }> }> {
  const prisma = tx ?? (await db());
  const units = await cycleInputs(prisma, cycleId);

  const compiled = new Map<string, CompiledFramework>();
  for (const code of new Set(units.map((u) => u.assessment.frameworkCode))) {
    const doc = await frameworkDocument(code, tx);
    if (doc) compiled.set(code, compileFramework(doc));
  }
  const frameworkOf = new Map(units.map((u) => [u.assessment.unitCode, compiled.get(u.assessment.frameworkCode)!]));

  const result = computeCycle((input) => frameworkOf.get(input.code)!, units.map((u) => u.input));
  return { result, assessments: new Map(units.map((u) => [u.assessment.unitCode, { unitId: u.assessment.unitId, frameworkId: u.assessment.frameworkId }])) };
}

type NodeFigures = Record<string, { achieved: number; max: number; indexHundredths: number | null }>;
type SnapshotFigures = { frameworkId: string; achieved: string; max: string; indexHundredths: number; band: string | null; rankOverall: number;
  rankInGroup: number; selfPoints: string; surveyPoints: string; bonusPoints: string; penaltyPoints: string };

/** A snapshot's figures as one text; the SQL below gives the same for a stored row (numeric(8,2) prints two decimals, like centiToDecimalString). */
const figuresKey = (r: SnapshotFigures) => [r.frameworkId, r.achieved, r.max, r.indexHundredths, r.band ?? "", r.rankOverall, r.rankInGroup,
  r.selfPoints, r.surveyPoints, r.bonusPoints, r.penaltyPoints].join("|");

function sameNodes(stored: NodeFigures, computed: NodeFigures): boolean {
  const codes = Object.keys(computed);
  if (Object.keys(stored).length !== codes.length) return false;
  return codes.every((code) => {
    const a = stored[code];
    const b = computed[code]!;
    return a !== undefined && a.achieved === b.achieved && a.max === b.max && (a.indexHundredths ?? null) === (b.indexHundredths ?? null);
  });
}

/**
 * Recomputes a cycle and replaces its snapshots; one transaction, one audit row. A stored snapshot whose
 * figures are unchanged is kept (only its `published` flag and `computedAt` are set) instead of being
 * deleted and written again: the per-node figures are most of the cost of writing, and publishing a
 * compiled cycle, or recomputing drafts after a few changes, leaves most units' figures as they were.
 */
export async function storeSnapshots(cycleId: string, options: { published: boolean; actorId: string | null }, tx?: Tx): Promise<{ units: number }> {
  const work = async (t: Tx) => {
    const { result, assessments } = await computeCycleResults(cycleId, t);
    const computedAt = new Date();
    const rows = result.units.map((u) => {
      const a = assessments.get(u.code)!;
      const nodes: NodeFigures = {};
      for (const [code, n] of Object.entries(u.nodes)) nodes[code] = { achieved: n.achieved, max: n.max, indexHundredths: n.indexHundredths };
      return {
        cycleId, unitId: a.unitId, frameworkId: a.frameworkId,
        achieved: centiToDecimalString(u.achieved), max: centiToDecimalString(u.max), indexHundredths: u.indexHundredths ?? 0,
        band: u.band?.code ?? null, rankOverall: u.rank, rankInGroup: u.rankInGroup ?? u.rank,
        selfPoints: centiToDecimalString(u.selfPoints), surveyPoints: centiToDecimalString(u.surveyPoints),
        bonusPoints: centiToDecimalString(u.bonusApplied), penaltyPoints: centiToDecimalString(u.penaltyApplied),
        nodes, published: options.published, computedAt,
      };
    });
    const stored = await t.$queryRaw<{ id: string; unitId: string; figures: string; nodes: string }[]>`
      SELECT id, "unitId", concat_ws('|', "frameworkId", achieved, max, "indexHundredths", coalesce(band, ''), "rankOverall", "rankInGroup",
        "selfPoints", "surveyPoints", "bonusPoints", "penaltyPoints") AS figures, nodes::text AS nodes
      FROM "ResultSnapshot" WHERE "cycleId" = ${cycleId}`;
    const storedByUnit = new Map(stored.map((s) => [s.unitId, s]));
    const kept: string[] = [];
    const changed: typeof rows = [];
    for (const row of rows) {
      const old = storedByUnit.get(row.unitId);
      if (old && old.figures === figuresKey(row) && sameNodes(JSON.parse(old.nodes) as NodeFigures, row.nodes)) kept.push(old.id);
      else changed.push(row);
    }
    if (kept.length < stored.length) await t.resultSnapshot.deleteMany({ where: { cycleId, id: { notIn: kept } } });
    if (kept.length > 0) await t.resultSnapshot.updateMany({ where: { id: { in: kept } }, data: { published: options.published, computedAt } });
    if (changed.length > 0) await t.resultSnapshot.createMany({ data: changed });
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
