import "server-only";
import type { CriterionDoc, FrameworkDoc } from "@/lib/domain/framework";
import type { CycleUnitInput, LeafInput, Rankable } from "@/lib/domain/engine";
import { toCenti } from "@/lib/domain/points";
import type { WhatIfBaseline } from "@/lib/domain/what-if";
import { db } from "@/lib/server/db/client";
import { frameworkDocument } from "./frameworks";
import { ASSESSMENT_INPUT_INCLUDE, SURVEY_INPUT_INCLUDE, unitInputOf } from "./snapshots";

/*
 * What the what-if simulator needs for one unit in one published cycle. The simulation itself runs in
 * the browser (lib/domain/what-if.ts); this reads the unit's recorded scores exactly as the stored
 * results were computed from them (unitInputOf), its published snapshot (the baseline), and the other
 * units of its group as published — they are not recomputed.
 */

export type WhatIfUnitOption = { id: string; code: string; nameVi: string; nameEn: string; group: string | null };

export type WhatIfData = {
  year: number;
  unit: WhatIfUnitOption;
  /** The unit's criterion set (titles vi/en, rules, maxima); evidence requirements left out. */
  framework: FrameworkDoc;
  input: CycleUnitInput;
  baseline: WhatIfBaseline & { band: string | null };
  /** The other units of the group: their published figures. */
  others: Rankable[];
};

async function publishedCycle(year: number) {
  const prisma = await db();
  const cycle = await prisma.cycle.findUnique({ where: { year }, select: { id: true, publishedAt: true } });
  return cycle?.publishedAt ? cycle : null;
}

/** Units with a published result in `year`, by group then code; null when the year has no published results. */
export async function whatIfUnits(year: number): Promise<WhatIfUnitOption[] | null> {
  const cycle = await publishedCycle(year);
  if (!cycle) return null;
  const prisma = await db();
  const rows = await prisma.resultSnapshot.findMany({
    where: { cycleId: cycle.id, published: true },
    select: { unit: { select: { id: true, code: true, nameVi: true, nameEn: true, group: { select: { code: true } } } } },
  });
  return rows.map((r) => ({ id: r.unit.id, code: r.unit.code, nameVi: r.unit.nameVi, nameEn: r.unit.nameEn, group: r.unit.group?.code ?? null }))
    .sort((a, b) => (a.group ?? "~").localeCompare(b.group ?? "~") || a.code.localeCompare(b.code));
}

/** The simulator's data for a unit in a published cycle; null when either has no published result. */
export async function whatIfData(year: number, unitCode: string): Promise<WhatIfData | null> {
  const cycle = await publishedCycle(year);
  if (!cycle) return null;
  const prisma = await db();
  const unit = await prisma.unit.findUnique({ where: { code: unitCode.toUpperCase() }, select: { id: true, groupId: true } });
  if (!unit) return null;
  const [snapshot, assessment, surveys, group] = await Promise.all([
    prisma.resultSnapshot.findUnique({
      where: { cycleId_unitId: { cycleId: cycle.id, unitId: unit.id } },
      include: { framework: { select: { code: true } }, unit: { select: { code: true, nameVi: true, nameEn: true, group: { select: { code: true } } } } },
    }),
    prisma.assessment.findUnique({ where: { unitId_cycleId: { unitId: unit.id, cycleId: cycle.id } }, include: ASSESSMENT_INPUT_INCLUDE }),
    prisma.surveyResult.findMany({ where: { cycleId: cycle.id, unitId: unit.id }, include: SURVEY_INPUT_INCLUDE }),
    prisma.resultSnapshot.findMany({
      where: { cycleId: cycle.id, published: true, unitId: { not: unit.id }, unit: { groupId: unit.groupId } },
      select: { achieved: true, max: true, unit: { select: { code: true } } },
    }),
  ]);
  if (!snapshot?.published || !assessment) return null;
  const doc = await frameworkDocument(snapshot.framework.code);
  if (!doc) return null;
  return {
    year,
    unit: { id: unit.id, code: snapshot.unit.code, nameVi: snapshot.unit.nameVi, nameEn: snapshot.unit.nameEn, group: snapshot.unit.group?.code ?? null },
    framework: { ...doc, tree: withoutEvidence(doc.tree) },
    input: withoutNotes(unitInputOf(assessment, surveys)),
    baseline: { achieved: toCenti(snapshot.achieved), max: toCenti(snapshot.max), indexHundredths: snapshot.indexHundredths,
      rankInGroup: snapshot.rankInGroup, band: snapshot.band },
    others: group.map((o) => ({ code: o.unit.code, achieved: toCenti(o.achieved), max: toCenti(o.max) })),
  };
}

/** The scores without the appraisers' reasons and the bonus/penalty notes: the simulation needs figures only. */
function withoutNotes(input: CycleUnitInput): CycleUnitInput {
  const scores = Object.fromEntries(Object.entries(input.scores as Record<string, LeafInput>)
    .map(([code, leaf]) => [code, { ...leaf, rounds: leaf.rounds?.map((r) => ({ round: r.round, score: r.score })) }]));
  const figures = (items: CycleUnitInput["bonus"]) => items?.map((x) => ({ code: x.code, points: x.points, accepted: x.accepted }));
  return { ...input, scores, bonus: figures(input.bonus), penalty: figures(input.penalty) };
}

function withoutEvidence(tree: readonly CriterionDoc[]): CriterionDoc[] {
  return tree.map(({ evidenceVi: _vi, evidenceEn: _en, children, ...node }) => (children ? { ...node, children: withoutEvidence(children) } : node));
}
