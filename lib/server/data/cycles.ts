import "server-only";
import type { PhaseWindow } from "@/lib/domain/phases";
import { db } from "@/lib/server/db/client";

export type CycleSummary = { id: string; year: number; nameVi: string; nameEn: string; publishedAt: Date | null; deadlines: PhaseWindow[] };

function summarize(c: { id: string; year: number; nameVi: string; nameEn: string; publishedAt: Date | null;
  deadlines: { phase: PhaseWindow["phase"]; opensAt: Date; closesAt: Date }[] }): CycleSummary {
  return { id: c.id, year: c.year, nameVi: c.nameVi, nameEn: c.nameEn, publishedAt: c.publishedAt,
    deadlines: c.deadlines.map((d) => ({ phase: d.phase, opensAt: d.opensAt, closesAt: d.closesAt })) };
}

/** The newest cycle (the one being run now). */
export async function currentCycle(): Promise<CycleSummary | null> {
  const prisma = await db();
  const c = await prisma.cycle.findFirst({ orderBy: { year: "desc" }, include: { deadlines: true } });
  return c ? summarize(c) : null;
}

export async function publishedCycles(): Promise<CycleSummary[]> {
  const prisma = await db();
  const cycles = await prisma.cycle.findMany({ where: { publishedAt: { not: null } }, orderBy: { year: "desc" }, include: { deadlines: true } });
  return cycles.map(summarize);
}

/** Areas (top-level criteria) of the frameworks used in a cycle, for labelling appraisal scopes. */
export async function cycleAreas(cycleId: string): Promise<{ code: string; titleVi: string; titleEn: string }[]> {
  const prisma = await db();
  const nodes = await prisma.criterionNode.findMany({
    where: { parentId: null, framework: { cycles: { some: { cycleId } } } },
    select: { code: true, titleVi: true, titleEn: true },
    orderBy: { sortOrder: "asc" },
    distinct: ["code"],
  });
  return nodes;
}

/** Years of all cycles, newest first. */
export async function cycleYears(): Promise<number[]> {
  const prisma = await db();
  return (await prisma.cycle.findMany({ orderBy: { year: "desc" }, select: { year: true } })).map((c) => c.year);
}

/** Years of the cycles not yet published (they still take scores and survey results), newest first. */
export async function openCycleYears(): Promise<number[]> {
  const prisma = await db();
  return (await prisma.cycle.findMany({ where: { publishedAt: null }, orderBy: { year: "desc" }, select: { year: true } })).map((c) => c.year);
}

export async function cycleByYear(year: number): Promise<CycleSummary | null> {
  const prisma = await db();
  const c = await prisma.cycle.findUnique({ where: { year }, include: { deadlines: true } });
  return c ? summarize(c) : null;
}
