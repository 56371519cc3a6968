import "server-only";
import { toCenti, type Centi } from "@/lib/domain/points";
import { rank } from "@/lib/domain/ranking";
import { indexHundredths } from "@/lib/domain/scoring";
import { db } from "@/lib/server/db/client";

export type UnitResult = {
  unitId: string; unitCode: string; unitNameVi: string; unitNameEn: string; groupCode: string | null;
  achieved: Centi; max: Centi; indexHundredths: number | null; rank: number;
};

/**
 * Results of a cycle per unit: final scores of self-assessed leaves plus survey points, over the
 * framework's maximum; ranked within each unit group. One aggregate query.
 */
export async function cycleResults(cycleId: string): Promise<UnitResult[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ unitId: string; code: string; nameVi: string; nameEn: string; group: string | null;
    scored: string; survey: string; max: string }[]>`
    SELECT u.id AS "unitId", u.code, u."nameVi", u."nameEn", g.code AS "group",
      COALESCE((SELECT SUM(e."finalScore") FROM "ScoreEntry" e WHERE e."assessmentId" = a.id), 0)::text AS scored,
      COALESCE((SELECT SUM(s.points) FROM "SurveyResult" s WHERE s."cycleId" = a."cycleId" AND s."unitId" = a."unitId"
        AND s."criterionId" IS NOT NULL), 0)::text AS survey,
      COALESCE((SELECT SUM(n."maxPoints") FROM "CriterionNode" n WHERE n."frameworkId" = a."frameworkId" AND n."parentId" IS NULL), 0)::text AS max
    FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" LEFT JOIN "UnitGroup" g ON g.id = u."groupId"
    WHERE a."cycleId" = ${cycleId}`;
  const items = rows.map((r) => {
    const achieved = (toCenti(r.scored) + toCenti(r.survey)) as Centi;
    const max = toCenti(r.max);
    return { key: r.code, score: { achieved, max }, unitId: r.unitId, unitCode: r.code, unitNameVi: r.nameVi,
      unitNameEn: r.nameEn, groupCode: r.group };
  });
  const groups = new Map<string, typeof items>();
  for (const item of items) groups.set(item.groupCode ?? "", [...(groups.get(item.groupCode ?? "") ?? []), item]);
  return [...groups.values()].flatMap((group) =>
    rank(group).map((r) => ({ unitId: r.unitId, unitCode: r.unitCode, unitNameVi: r.unitNameVi, unitNameEn: r.unitNameEn,
      groupCode: r.groupCode, achieved: r.score.achieved, max: r.score.max, indexHundredths: indexHundredths(r.score), rank: r.rank })),
  );
}

export type UnitYear = { year: number; achieved: Centi; max: Centi; rank: number; groupSize: number };

/** A unit's published results, newest first (the unit itself; lineage comes with the dashboards). */
export async function unitHistory(unitId: string): Promise<UnitYear[]> {
  const prisma = await db();
  const cycles = await prisma.cycle.findMany({
    where: { publishedAt: { not: null }, assessments: { some: { unitId } } },
    orderBy: { year: "desc" },
    select: { id: true, year: true },
  });
  const out: UnitYear[] = [];
  for (const c of cycles) {
    const results = await cycleResults(c.id);
    const mine = results.find((r) => r.unitId === unitId);
    if (!mine) continue;
    const groupSize = results.filter((r) => r.groupCode === mine.groupCode).length;
    out.push({ year: c.year, achieved: mine.achieved, max: mine.max, rank: mine.rank, groupSize });
  }
  return out;
}
