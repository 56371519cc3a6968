import "server-only";
import { toCenti, centiToNumber } from "@/lib/domain/points";
import { db } from "@/lib/server/db/client";
import { Prisma } from "../../generated/prisma/client.ts";

export async function findUnitByCode(code: string) {
  const prisma = await db();
  return prisma.unit.findUnique({ where: { code: code.toUpperCase() }, select: { id: true, code: true, nameVi: true, nameEn: true } });
}

export type StatusCount = { status: string; count: number };

export async function statusCounts(cycleId: string): Promise<StatusCount[]> {
  const prisma = await db();
  const rows = await prisma.assessment.groupBy({ by: ["status"], where: { cycleId }, _count: { _all: true } });
  return rows.map((r) => ({ status: r.status, count: r._count._all }));
}

export type AssessmentRow = {
  unitCode: string; unitNameVi: string; unitNameEn: string; groupCode: string | null;
  status: string; submittedAt: Date | null; scored: number; selfLeaves: number;
};

/** Every assessment of a cycle with its progress (self-scored leaves with a score / all self-scored leaves). */
export async function assessmentsOfCycle(cycleId: string, where: { status?: string[]; unitId?: string } = {}): Promise<AssessmentRow[]> {
  const prisma = await db();
  const rows = await prisma.$queryRaw<{ code: string; nameVi: string; nameEn: string; group: string | null; status: string;
    submittedAt: Date | null; scored: bigint; leaves: bigint }[]>`
    SELECT u.code, u."nameVi", u."nameEn", g.code AS "group", a.status::text AS status, a."submittedAt",
      (SELECT count(*) FROM "ScoreEntry" e WHERE e."assessmentId" = a.id AND e."selfScore" IS NOT NULL) AS scored,
      (SELECT count(*) FROM "CriterionNode" n WHERE n."frameworkId" = a."frameworkId" AND n.source = 'SELF'
         AND NOT EXISTS (SELECT 1 FROM "CriterionNode" c WHERE c."parentId" = n.id)) AS leaves
    FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" LEFT JOIN "UnitGroup" g ON g.id = u."groupId"
    WHERE a."cycleId" = ${cycleId} ${where.unitId ? Prisma.sql`AND a."unitId" = ${where.unitId}` : Prisma.empty}
    ORDER BY g.code, u.code`;
  return rows
    .filter((r) => !where.status || where.status.includes(r.status))
    .map((r) => ({ unitCode: r.code, unitNameVi: r.nameVi, unitNameEn: r.nameEn, groupCode: r.group, status: r.status,
      submittedAt: r.submittedAt, scored: Number(r.scored), selfLeaves: Number(r.leaves) }));
}

export async function assessmentOfUnit(unitId: string, cycleId: string): Promise<AssessmentRow | null> {
  const [row] = await assessmentsOfCycle(cycleId, { unitId });
  return row ?? null;
}

/** The API view of one assessment: leaves with self score, rounds and final score, as JSON numbers. */
export async function assessmentForApi(unitId: string, year: number) {
  const prisma = await db();
  const a = await prisma.assessment.findFirst({
    where: { unitId, cycle: { year } },
    include: {
      unit: { select: { code: true, nameVi: true, nameEn: true } },
      cycle: { select: { year: true, publishedAt: true } },
      framework: { select: { code: true, legalBasis: true } },
      entries: { include: { criterion: { select: { code: true, maxPoints: true } }, rounds: { orderBy: { round: "asc" } } } },
    },
  });
  if (!a) return null;
  const num = (d: { toString(): string } | null) => (d === null ? null : centiToNumber(toCenti(d)));
  return {
    id: a.id,
    unit: a.unit,
    year: a.cycle.year,
    published: a.cycle.publishedAt !== null,
    framework: a.framework,
    status: a.status,
    submittedAt: a.submittedAt,
    entries: a.entries
      .map((e) => ({
        criterion: e.criterion.code,
        maxPoints: num(e.criterion.maxPoints),
        selfScore: num(e.selfScore),
        declaredValue: e.declaredValue === null ? null : Number(e.declaredValue.toString()),
        explanation: e.explanation,
        rounds: e.rounds.map((r) => ({ round: r.round, score: num(r.score), reason: r.reason })),
        finalScore: num(e.finalScore),
      }))
      .sort((x, y) => x.criterion.localeCompare(y.criterion, "en", { numeric: true })),
  };
}
