import "server-only";
import { meanIndexHundredths } from "@/lib/domain/engine";
import { centiToNumber, toCenti } from "@/lib/domain/points";
import type { CycleList, CycleResults, UnitResults } from "@/lib/schemas/api";
import { db } from "@/lib/server/db/client";
import { cycleRanking } from "./dashboards";

/*
 * What the read API (/api/v1/cycles…, /api/v1/units/…/results) returns, shaped as the zod schemas in
 * lib/schemas/api.ts: published snapshots only, nothing recomputed. Indices are percentages with
 * 2 decimals (8714 hundredths → 87.14), points numbers with 2 decimals.
 */

const percent = (hundredths: number) => hundredths / 100;
const percentOrNull = (hundredths: number | null | undefined) => (hundredths === null || hundredths === undefined ? null : percent(hundredths));

/** The published cycles, newest first, with the number of units and their mean index (each unit once). */
export async function publishedCycleList(): Promise<CycleList> {
  const prisma = await db();
  const cycles = await prisma.cycle.findMany({
    where: { publishedAt: { not: null } },
    orderBy: { year: "desc" },
    select: { year: true, nameVi: true, nameEn: true, publishedAt: true,
      snapshots: { where: { published: true }, select: { achieved: true, max: true } } },
  });
  return {
    cycles: cycles.map((c) => {
      const fractions = c.snapshots.map((s) => ({ achieved: toCenti(s.achieved), max: toCenti(s.max) })).filter((f) => f.max > 0);
      return {
        year: c.year, name: { vi: c.nameVi, en: c.nameEn }, publishedAt: c.publishedAt!.toISOString(),
        unitCount: c.snapshots.length, averageIndex: percentOrNull(meanIndexHundredths(fractions)),
      };
    }),
  };
}

/** The published ranking of a cycle (from dashboards.cycleRanking), or null when not published. */
export async function cycleResultsForApi(year: number): Promise<CycleResults | null> {
  const ranking = await cycleRanking(year);
  if (!ranking) return null;
  const prisma = await db();
  const cycle = await prisma.cycle.findUniqueOrThrow({ where: { year }, select: { nameVi: true, nameEn: true } });
  return {
    year,
    name: { vi: cycle.nameVi, en: cycle.nameEn },
    publishedAt: ranking.publishedAt.toISOString(),
    previousYear: ranking.previousYear,
    groups: ranking.groups.map((g) => ({
      code: g.code,
      areas: g.areas.map((a) => ({ code: a.code, title: { vi: a.titleVi, en: a.titleEn }, max: centiToNumber(a.max) })),
    })),
    units: ranking.rows.map((r) => ({
      code: r.code, name: { vi: r.nameVi, en: r.nameEn }, group: r.group, region: r.region,
      achieved: centiToNumber(r.achieved), max: centiToNumber(r.max), index: percent(r.indexHundredths), band: r.band,
      rank: r.rank, groupSize: r.groupSize,
      areas: Object.fromEntries(Object.entries(r.areas).map(([code, h]) => [code, percentOrNull(h)])),
      change: r.change && {
        basis: r.change.basis,
        previousCodes: r.change.previousCodes,
        previousIndex: percentOrNull(r.change.previous?.indexHundredths),
        indexDelta: percentOrNull(r.change.indexDeltaHundredths),
        rankDelta: r.change.rankDelta,
      },
    })),
  };
}

/**
 * A unit's own published results over the years, newest first, with its lineage codes; null when no
 * unit has this code (case-insensitive). Component indices are read from each snapshot's node figures
 * for the areas of the criterion set it was scored with.
 */
export async function unitResultsForApi(code: string): Promise<UnitResults | null> {
  const prisma = await db();
  const unit = await prisma.unit.findUnique({
    where: { code: code.toUpperCase() },
    select: { id: true, code: true, nameVi: true, nameEn: true, region: true, activeFrom: true, activeTo: true, groupId: true,
      group: { select: { code: true } },
      predecessors: { select: { predecessor: { select: { code: true } } } },
      successors: { select: { successor: { select: { code: true } } } } },
  });
  if (!unit) return null;
  const snapshots = await prisma.resultSnapshot.findMany({
    where: { unitId: unit.id, published: true, cycle: { publishedAt: { not: null } } },
    orderBy: { cycle: { year: "desc" } },
    select: { cycleId: true, achieved: true, max: true, indexHundredths: true, band: true, rankInGroup: true, nodes: true,
      cycle: { select: { year: true } },
      framework: { select: { nodes: { where: { parentId: null }, orderBy: { sortOrder: "asc" }, select: { code: true } } } } },
  });
  const sizes = await prisma.resultSnapshot.groupBy({
    by: ["cycleId"],
    where: { cycleId: { in: snapshots.map((s) => s.cycleId) }, published: true, unit: { groupId: unit.groupId } },
    _count: { _all: true },
  });
  const groupSize = new Map(sizes.map((s) => [s.cycleId, s._count._all]));
  return {
    unit: {
      code: unit.code, name: { vi: unit.nameVi, en: unit.nameEn }, group: unit.group?.code ?? null, region: unit.region,
      activeFrom: unit.activeFrom, activeTo: unit.activeTo,
      predecessors: unit.predecessors.map((l) => l.predecessor.code).sort(),
      successors: unit.successors.map((l) => l.successor.code).sort(),
    },
    results: snapshots.map((s) => {
      const nodes = (s.nodes ?? {}) as Record<string, { indexHundredths?: number | null } | undefined>;
      return {
        year: s.cycle.year, achieved: centiToNumber(toCenti(s.achieved)), max: centiToNumber(toCenti(s.max)),
        index: percent(s.indexHundredths), band: s.band, rank: s.rankInGroup, groupSize: groupSize.get(s.cycleId) ?? 1,
        areas: Object.fromEntries(s.framework.nodes.map((n) => [n.code, percentOrNull(nodes[n.code]?.indexHundredths)])),
      };
    }),
  };
}
