import "server-only";
import { compileFramework, scoreUnit, surveyPoints, type ScoreIssue } from "@/lib/domain/engine";
import { centiToDecimalString, centiToNumber, toCenti } from "@/lib/domain/points";
import type { ScoresDoc, SurveysDoc, UnitScores, UnitSurveys } from "@/lib/schemas/scores";
import { toUnitInputs } from "@/lib/schemas/scores";
import { db, type Tx } from "@/lib/server/db/client";
import { recordAudit } from "./audit";
import { ImportRejectedError, UserError, type ExchangeIssue as BaseIssue } from "./errors";
import { frameworkDocument } from "./frameworks";
import { BONUS_CODE_PREFIX, isInitiativeBonusCode } from "@/lib/domain/initiatives";

/** A problem of one unit's row in an import: the engine's, or one about the unit itself. */
type IssueKey = ScoreIssue["key"] | "unknownUnit" | "frameworkMismatch" | "noAssessment";
export type ExchangeIssue = BaseIssue & { key: IssueKey };

async function cycleByYear(tx: Tx | Awaited<ReturnType<typeof db>>, year: number) {
  const cycle = await tx.cycle.findUnique({ where: { year }, include: { frameworks: { include: { framework: true, group: true } } } });
  if (!cycle) throw new UserError("exchange.cycleNotFound", { year });
  return cycle;
}

/**
 * A cycle that may still receive scores or survey results: a published cycle's inputs are frozen
 * with its results (an administrator un-publishes first), so the published figures, the dashboards
 * and the what-if simulator keep agreeing with the stored inputs.
 */
async function openCycleByYear(tx: Tx | Awaited<ReturnType<typeof db>>, year: number) {
  const cycle = await cycleByYear(tx, year);
  if (cycle.publishedAt) throw new UserError("exchange.published", { year });
  return cycle;
}

/**
 * Imports a par-scores/v1 document into its cycle: self scores, declared values, explanations,
 * appraisal rounds and bonus/penalty items, validated by the scoring engine against the framework.
 * Replaces what the file names; one transaction, one audit row.
 */
export async function importScores(doc: ScoresDoc, actorId: string | null): Promise<{ units: number; leaves: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await openCycleByYear(tx, doc.year);
    const frameworkDoc = await frameworkDocument(doc.framework, tx);
    if (!frameworkDoc) throw new UserError("frameworks.errors.notFound", { code: doc.framework });
    const framework = await tx.framework.findUniqueOrThrow({ where: { code: doc.framework } });
    const compiled = compileFramework(frameworkDoc);
    const { inputs } = toUnitInputs(doc);
    const issues: ExchangeIssue[] = [];
    const units = await tx.unit.findMany({ where: { code: { in: doc.units.map((u) => u.code) } }, include: { group: true } });
    for (const input of inputs) {
      const unit = units.find((u) => u.code === input.code);
      if (!unit) {
        issues.push({ unit: input.code, code: "", key: "unknownUnit", values: { unit: input.code } });
        continue;
      }
      const planned = cycle.frameworks.find((f) => f.groupId === unit.groupId);
      if (planned && planned.frameworkId !== framework.id) {
        issues.push({ unit: input.code, code: "", key: "frameworkMismatch", values: { unit: input.code, framework: planned.framework.code } });
      }
      for (const e of scoreUnit(compiled, input).errors) issues.push({ ...e, unit: input.code });
    }
    if (issues.length) throw new ImportRejectedError(issues);

    const nodes = await tx.criterionNode.findMany({ where: { frameworkId: framework.id }, select: { id: true, code: true } });
    const nodeId = new Map(nodes.map((n) => [n.code, n.id]));
    let leaves = 0;
    for (const u of doc.units) {
      const unit = units.find((x) => x.code === u.code)!;
      const result = scoreUnit(compiled, inputs.find((i) => i.code === u.code)!);
      const assessment = await tx.assessment.upsert({
        where: { unitId_cycleId: { unitId: unit.id, cycleId: cycle.id } },
        create: { unitId: unit.id, cycleId: cycle.id, frameworkId: framework.id, status: "IN_PROGRESS" },
        update: {},
      });
      for (const [code, raw] of Object.entries(u.scores)) {
        const entry = typeof raw === "number" ? { self: raw } : raw;
        const leaf = result.leaves[code];
        const data = {
          selfScore: entry.self === undefined || entry.self === null ? (leaf?.source === "self" ? centiToDecimalString(leaf.effective) : null) : centiToDecimalString(toCenti(entry.self)),
          declaredValue: "declared" in entry && entry.declared !== undefined && entry.declared !== null ? String(entry.declared) : null,
          explanation: "explanation" in entry ? entry.explanation ?? null : null,
          finalScore: leaf && leaf.source !== "missing" ? centiToDecimalString(leaf.effective) : null,
          updatedById: actorId,
        };
        const saved = await tx.scoreEntry.upsert({
          where: { assessmentId_criterionId: { assessmentId: assessment.id, criterionId: nodeId.get(code)! } },
          create: { assessmentId: assessment.id, criterionId: nodeId.get(code)!, ...data, version: 1 },
          update: { ...data, version: { increment: 1 } },
        });
        await tx.appraisalRound.deleteMany({ where: { entryId: saved.id } });
        const rounds = typeof raw === "number" ? [] : raw.rounds ?? [];
        if (rounds.length) {
          await tx.appraisalRound.createMany({ data: rounds.map((r) => ({ entryId: saved.id, round: r.round,
            score: centiToDecimalString(toCenti(r.score)), reason: r.reason ?? null, appraiserId: actorId })) });
        }
        leaves++;
      }
      if (u.bonus || u.penalty) {
        // Bonus items of recognised initiatives belong to the initiatives registry, not to the file: kept.
        await tx.scoreAdjustment.deleteMany({ where: { assessmentId: assessment.id, NOT: { code: { startsWith: BONUS_CODE_PREFIX } } } });
        const items = [...(u.bonus ?? []).map((b) => ({ ...b, kind: "BONUS" as const })), ...(u.penalty ?? []).map((p) => ({ ...p, kind: "PENALTY" as const }))]
          .filter((b) => !isInitiativeBonusCode(b.code));
        await tx.scoreAdjustment.createMany({ data: items.map((b) => ({ assessmentId: assessment.id, kind: b.kind, code: b.code ?? null,
          description: b.code ?? "", points: centiToDecimalString(toCenti(b.points)), unitNote: b.unitNote ?? null,
          appraiserNote: b.appraiserNote ?? null, accepted: b.accepted ?? true })) });
      }
    }
    await recordAudit(tx, { actorId, action: "exchange.importScores", entityType: "Cycle", entityId: cycle.id,
      after: { year: doc.year, framework: doc.framework, units: doc.units.length, leaves } });
    return { units: doc.units.length, leaves };
  }, { timeout: 120_000 });
}

/** The scores of one framework's units in a cycle, as a par-scores/v1 document. */
export async function exportScores(year: number, frameworkCode: string): Promise<ScoresDoc> {
  const prisma = await db();
  const assessments = await prisma.assessment.findMany({
    where: { cycle: { year }, framework: { code: frameworkCode } },
    include: { unit: { include: { group: true } }, adjustments: true,
      entries: { include: { criterion: { select: { code: true } }, rounds: { orderBy: { round: "asc" } } } } },
    orderBy: { unit: { code: "asc" } },
  });
  const num = (d: { toString(): string }) => centiToNumber(toCenti(d));
  const units: UnitScores[] = assessments.map((a) => {
    const scores: UnitScores["scores"] = {};
    for (const e of [...a.entries].sort((x, y) => x.criterion.code.localeCompare(y.criterion.code, "en", { numeric: true }))) {
      scores[e.criterion.code] = {
        ...(e.selfScore !== null ? { self: num(e.selfScore) } : {}),
        ...(e.declaredValue !== null ? { declared: Number(e.declaredValue.toString()) } : {}),
        ...(e.explanation ? { explanation: e.explanation } : {}),
        ...(e.rounds.length ? { rounds: e.rounds.map((r) => ({ round: r.round, score: num(r.score), ...(r.reason ? { reason: r.reason } : {}) })) } : {}),
      };
    }
    const adj = (kind: "BONUS" | "PENALTY") => a.adjustments.filter((x) => x.kind === kind).map((x) => ({
      ...(x.code ? { code: x.code } : {}), points: num(x.points), ...(x.unitNote ? { unitNote: x.unitNote } : {}),
      ...(x.appraiserNote ? { appraiserNote: x.appraiserNote } : {}), accepted: x.accepted }));
    const bonus = adj("BONUS");
    const penalty = adj("PENALTY");
    return { code: a.unit.code, nameVi: a.unit.nameVi, nameEn: a.unit.nameEn, ...(a.unit.group ? { group: a.unit.group.code } : {}),
      ...(a.unit.region ? { region: a.unit.region } : {}), scores, ...(bonus.length ? { bonus } : {}), ...(penalty.length ? { penalty } : {}) };
  });
  return { format: "par-scores/v1", year, framework: frameworkCode, units } as ScoresDoc;
}

export type SurveyPlanRow = {
  unitId: string; unitCode: string; unitNameVi: string; unitNameEn: string; kind: "SOCIOLOGICAL" | "SIPAS";
  criterionId: string | null; criterionCode: string | null; percent: number; points: number | null;
  elements?: number[]; respondents: number | null;
};

/**
 * Checks survey results against a cycle and converts sociological results to points with the unit's
 * framework (max × % ÷ 100, half up). Reads only: the preview shows this, the import writes it.
 */
export async function planSurveys(doc: SurveysDoc, tx?: Tx): Promise<{ rows: SurveyPlanRow[]; issues: ExchangeIssue[] }> {
  const prisma = tx ?? (await db());
  const cycle = await openCycleByYear(prisma, doc.year);
  const issues: ExchangeIssue[] = [];
  const rows: SurveyPlanRow[] = [];
  for (const u of doc.units) {
    const assessment = await prisma.assessment.findFirst({ where: { cycleId: cycle.id, unit: { code: u.code } },
      include: { unit: true, framework: { include: { nodes: { where: { source: "SURVEY", children: { none: {} } } } } } } });
    if (!assessment) {
      issues.push({ unit: u.code, code: "", key: (await prisma.unit.count({ where: { code: u.code } })) ? "noAssessment" : "unknownUnit",
        values: { unit: u.code, year: doc.year } });
      continue;
    }
    const base = { unitId: assessment.unitId, unitCode: u.code, unitNameVi: assessment.unit.nameVi, unitNameEn: assessment.unit.nameEn };
    for (const [code, percent] of Object.entries(u.sociological ?? {})) {
      const leaf = assessment.framework.nodes.find((n) => n.code === code && (n.rule as { survey?: string } | null)?.survey !== "SIPAS");
      if (!leaf) {
        issues.push({ unit: u.code, code, key: "notSurveyLeaf", values: { code } });
        continue;
      }
      rows.push({ ...base, kind: "SOCIOLOGICAL", criterionId: leaf.id, criterionCode: code, percent,
        points: centiToNumber(surveyPoints(toCenti(leaf.maxPoints), percent)), respondents: null });
    }
    if (u.sipas) {
      rows.push({ ...base, kind: "SIPAS", criterionId: null, criterionCode: null, percent: u.sipas.overall, points: null,
        ...(u.sipas.elements ? { elements: [...u.sipas.elements] } : {}), respondents: u.sipas.respondents ?? null });
    }
  }
  return { rows, issues };
}

/** Imports survey results into a cycle, replacing those of the units in the file; one transaction, one audit row. */
export async function importSurveys(doc: SurveysDoc, actorId: string | null): Promise<{ units: number; results: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await openCycleByYear(tx, doc.year);
    const { rows, issues } = await planSurveys(doc, tx);
    if (issues.length) throw new ImportRejectedError(issues);
    const unitIds = [...new Set(rows.map((r) => r.unitId))];
    await tx.surveyResult.deleteMany({ where: { cycleId: cycle.id, unitId: { in: unitIds } } });
    await tx.surveyResult.createMany({ data: rows.map((r) => ({ cycleId: cycle.id, unitId: r.unitId, kind: r.kind, criterionId: r.criterionId,
      percent: String(r.percent), points: r.points === null ? null : centiToDecimalString(toCenti(r.points)),
      ...(r.elements ? { elements: r.elements } : {}), respondents: r.respondents })) });
    await recordAudit(tx, { actorId, action: "exchange.importSurveys", entityType: "Cycle", entityId: cycle.id,
      after: { year: doc.year, units: unitIds.length, results: rows.length } });
    return { units: unitIds.length, results: rows.length };
  });
}

/** Survey results of a cycle as a par-surveys/v1 document. */
export async function exportSurveys(year: number): Promise<SurveysDoc> {
  const prisma = await db();
  const results = await prisma.surveyResult.findMany({ where: { cycle: { year } }, include: { unit: { select: { code: true } }, criterion: { select: { code: true } } } });
  const byUnit = new Map<string, UnitSurveys>();
  for (const r of results) {
    const u = byUnit.get(r.unit.code) ?? { code: r.unit.code };
    if (r.kind === "SOCIOLOGICAL" && r.criterion) u.sociological = { ...u.sociological, [r.criterion.code]: Number(r.percent.toString()) };
    if (r.kind === "SIPAS" && !r.criterion) {
      u.sipas = { overall: Number(r.percent.toString()), ...(r.elements ? { elements: r.elements as number[] } : {}),
        ...(r.respondents !== null ? { respondents: r.respondents } : {}) };
    }
    byUnit.set(r.unit.code, u);
  }
  return { format: "par-surveys/v1", year, units: [...byUnit.values()].sort((a, b) => a.code.localeCompare(b.code)) } as SurveysDoc;
}
