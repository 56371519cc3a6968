import "server-only";
import { toCenti, type Centi } from "@/lib/domain/points";
import { db } from "@/lib/server/db/client";

export type UnitResult = {
  unitId: string; unitCode: string; unitNameVi: string; unitNameEn: string; groupCode: string | null;
  achieved: Centi; max: Centi; indexHundredths: number; band: string | null; rank: number; published: boolean;
};

/** A cycle's stored results (snapshots), ranked within each unit group. Nothing is recomputed here. */
export async function cycleResults(cycleId: string): Promise<UnitResult[]> {
  const prisma = await db();
  const rows = await prisma.resultSnapshot.findMany({
    where: { cycleId },
    include: { unit: { select: { code: true, nameVi: true, nameEn: true, group: { select: { code: true } } } } },
    orderBy: [{ rankInGroup: "asc" }],
  });
  return rows.map((r) => ({
    unitId: r.unitId, unitCode: r.unit.code, unitNameVi: r.unit.nameVi, unitNameEn: r.unit.nameEn, groupCode: r.unit.group?.code ?? null,
    achieved: toCenti(r.achieved), max: toCenti(r.max), indexHundredths: r.indexHundredths, band: r.band, rank: r.rankInGroup, published: r.published,
  }));
}

export type UnitYear = { year: number; achieved: Centi; max: Centi; indexHundredths: number; rank: number; groupSize: number };

/** A unit's published results, newest first (the unit itself; lineage comes with the dashboards). */
export async function unitHistory(unitId: string): Promise<UnitYear[]> {
  const prisma = await db();
  const mine = await prisma.resultSnapshot.findMany({
    where: { unitId, published: true },
    include: { cycle: { select: { year: true } }, unit: { select: { groupId: true } } },
    orderBy: { cycle: { year: "desc" } },
  });
  const sizes = await prisma.resultSnapshot.groupBy({
    by: ["cycleId"],
    where: { cycleId: { in: mine.map((m) => m.cycleId) }, unit: { groupId: mine[0]?.unit.groupId ?? null } },
    _count: { _all: true },
  });
  return mine.map((m) => ({
    year: m.cycle.year, achieved: toCenti(m.achieved), max: toCenti(m.max), indexHundredths: m.indexHundredths, rank: m.rankInGroup,
    groupSize: sizes.find((s) => s.cycleId === m.cycleId)?._count._all ?? 0,
  }));
}
