import "server-only";
import { yearOverYear, type LineageLink, type YearFigure, type YearOverYear } from "@/lib/domain/engine";
import { toCenti, type Centi } from "@/lib/domain/points";
import { db } from "@/lib/server/db/client";

/*
 * What the dashboards read: the stored, published result snapshots (one row per unit and cycle, with
 * every criterion node's points in `nodes`). Nothing here recomputes an index; the only arithmetic is
 * the year-over-year comparison (engine.yearOverYear, following unit lineage) and averages.
 */

export type AreaHead = { code: string; titleVi: string; titleEn: string; max: Centi };
export type NodeFigure = { achieved: Centi; max: Centi; indexHundredths: number | null };

export type RankingRow = {
  unitId: string;
  code: string;
  nameVi: string;
  nameEn: string;
  group: string | null;
  region: string | null;
  achieved: Centi;
  max: Centi;
  indexHundredths: number;
  band: string | null;
  /** Rank within the unit group (the published rank). */
  rank: number;
  groupSize: number;
  selfPoints: Centi;
  surveyPoints: Centi;
  bonusPoints: Centi;
  penaltyPoints: Centi;
  /** Component index of each area (depth-1 criterion) in hundredths, null when the area has no points. */
  areas: Record<string, number | null>;
  /** Every criterion node's figures, by code. */
  nodes: Record<string, NodeFigure>;
  /** Comparison with the previous published cycle, following lineage; null when there is none. */
  change: YearOverYear | null;
};

export type CycleRanking = {
  cycleId: string;
  year: number;
  publishedAt: Date;
  previousYear: number | null;
  /** Unit groups present, each with the areas of its criterion set (heat-map columns). */
  groups: { code: string; areas: AreaHead[] }[];
  /** By group, then rank, then code. */
  rows: RankingRow[];
};

/** Years of the published cycles, newest first. */
export async function publishedYears(): Promise<number[]> {
  const prisma = await db();
  const cycles = await prisma.cycle.findMany({ where: { publishedAt: { not: null } }, orderBy: { year: "desc" }, select: { year: true } });
  return cycles.map((c) => c.year);
}

/** Every lineage link (predecessor → successor), by unit code. */
export async function lineageLinks(): Promise<LineageLink[]> {
  const prisma = await db();
  const links = await prisma.unitLineage.findMany({ include: { predecessor: { select: { code: true } }, successor: { select: { code: true } } } });
  return links.map((l) => ({ predecessor: l.predecessor.code, successor: l.successor.code, effectiveYear: l.effectiveYear }));
}

type SnapshotRow = {
  unitId: string; achieved: { toString(): string }; max: { toString(): string }; indexHundredths: number; band: string | null;
  rankInGroup: number; selfPoints: { toString(): string }; surveyPoints: { toString(): string }; bonusPoints: { toString(): string };
  penaltyPoints: { toString(): string }; nodes: unknown;
  unit: { code: string; nameVi: string; nameEn: string; region: string | null; group: { code: string } | null };
};

async function publishedSnapshots(year: number) {
  const prisma = await db();
  const cycle = await prisma.cycle.findUnique({ where: { year }, select: { id: true, year: true, publishedAt: true } });
  if (!cycle?.publishedAt) return null;
  const rows: SnapshotRow[] = await prisma.resultSnapshot.findMany({
    where: { cycleId: cycle.id, published: true },
    include: { unit: { select: { code: true, nameVi: true, nameEn: true, region: true, group: { select: { code: true } } } } },
  });
  return { cycle: { id: cycle.id, year: cycle.year, publishedAt: cycle.publishedAt }, rows };
}

function nodesOf(json: unknown): Record<string, NodeFigure> {
  const out: Record<string, NodeFigure> = {};
  for (const [code, n] of Object.entries((json ?? {}) as Record<string, { achieved: number; max: number; indexHundredths: number | null }>)) {
    out[code] = { achieved: n.achieved as Centi, max: n.max as Centi, indexHundredths: n.indexHundredths ?? null };
  }
  return out;
}

/** Areas (depth-1 criteria) of the criterion set each unit group used in a cycle. */
async function groupAreas(cycleId: string): Promise<Map<string, AreaHead[]>> {
  const prisma = await db();
  const links = await prisma.cycleFramework.findMany({
    where: { cycleId },
    include: {
      group: { select: { code: true } },
      framework: { select: { nodes: { where: { parentId: null }, orderBy: { sortOrder: "asc" }, select: { code: true, titleVi: true, titleEn: true, maxPoints: true } } } },
    },
  });
  return new Map(links.map((l) => [l.group.code, l.framework.nodes.map((n) => ({ code: n.code, titleVi: n.titleVi, titleEn: n.titleEn, max: toCenti(n.maxPoints) }))]));
}

/**
 * The published ranking of a cycle with component indices and the change against the previous
 * published cycle (lineage followed: a merged unit compares with the units merged into it). Null when
 * the cycle does not exist or is not published.
 */
export async function cycleRanking(year: number): Promise<CycleRanking | null> {
  const current = await publishedSnapshots(year);
  if (!current) return null;
  const prisma = await db();
  const before = await prisma.cycle.findFirst({ where: { year: { lt: year }, publishedAt: { not: null } }, orderBy: { year: "desc" }, select: { year: true } });
  const [previous, lineage, areas] = await Promise.all([
    before ? publishedSnapshots(before.year) : Promise.resolve(null),
    lineageLinks(),
    groupAreas(current.cycle.id),
  ]);
  const figure = (r: SnapshotRow): YearFigure => ({ code: r.unit.code, achieved: toCenti(r.achieved), max: toCenti(r.max), rank: r.rankInGroup });
  const changes = previous ? new Map(yearOverYear(current.rows.map(figure), previous.rows.map(figure), lineage, year).map((c) => [c.code, c])) : null;
  const sizes = new Map<string | null, number>();
  for (const r of current.rows) sizes.set(r.unit.group?.code ?? null, (sizes.get(r.unit.group?.code ?? null) ?? 0) + 1);

  const rows: RankingRow[] = current.rows.map((r) => {
    const group = r.unit.group?.code ?? null;
    const nodes = nodesOf(r.nodes);
    const heads = (group && areas.get(group)) || [];
    return {
      unitId: r.unitId, code: r.unit.code, nameVi: r.unit.nameVi, nameEn: r.unit.nameEn, group, region: r.unit.region,
      achieved: toCenti(r.achieved), max: toCenti(r.max), indexHundredths: r.indexHundredths, band: r.band,
      rank: r.rankInGroup, groupSize: sizes.get(group) ?? 0,
      selfPoints: toCenti(r.selfPoints), surveyPoints: toCenti(r.surveyPoints), bonusPoints: toCenti(r.bonusPoints), penaltyPoints: toCenti(r.penaltyPoints),
      areas: Object.fromEntries(heads.map((a) => [a.code, nodes[a.code]?.indexHundredths ?? null])),
      nodes,
      change: changes?.get(r.unit.code) ?? null,
    };
  });
  rows.sort((a, b) => (a.group ?? "~").localeCompare(b.group ?? "~") || a.rank - b.rank || a.code.localeCompare(b.code));
  const groups = [...new Set(rows.map((r) => r.group).filter((g): g is string => g !== null))].sort()
    .map((code) => ({ code, areas: areas.get(code) ?? [] }));
  return { cycleId: current.cycle.id, year, publishedAt: current.cycle.publishedAt, previousYear: previous?.cycle.year ?? null, groups, rows };
}
